/**
 * True-peak estimation after ITU-R BS.1770-4, Annex 2 ("Guidelines for accurate measurement of
 * true-peak level"): oversample the signal, low-pass it to remove the images, and take the
 * largest absolute value of the oversampled signal.
 *
 * Design (measurements and the reasons in docs/dsp-loudness.md, "True peak"):
 *  - Oversampling factor F: 8 below 88.2 kHz, 4 below 176.4 kHz, 2 above (a grid of ≥ 352.8 kHz;
 *    Annex 2's 4× at 48 kHz leaves up to 0.56 dB between grid points for a 20 kHz tone at
 *    44.1 kHz, our 8× grid 0.14 dB, and the refinement below closes most of that).
 *  - Half-band cascade: F = 2^s is reached by s doublings. Each doubling keeps its input points
 *    (the even outputs of a half-band filter are the input itself, so the true peak is never
 *    below the sample peak) and computes the new midpoints with a symmetric half-band FIR whose
 *    every other tap is zero:
 *      stage 1 (×2): the only sharp one: images of 20 kHz at 44.1 kHz lie at 24.1 kHz. Kaiser
 *        sinc, 40 taps (β = 7), folded to 20 multiply-adds per midpoint.
 *      stage 2 (×4): passband to 20 kHz, images from 68.2 kHz: 8 taps (β = 6.5), 4 folded.
 *      stage 3 (×8): images from 156.4 kHz: 6 taps (β = 6), 3 folded.
 *    Per input sample: 20 multiply-adds at 2×, 28 at 4×, 40 at 8× (the former direct 8×
 *    polyphase filter with 40 taps per phase needed 140). Worst magnitude error of any point for
 *    tones up to 20 kHz: −0.125 … +0.007 dB at 44.1 kHz, −0.008 … +0.004 dB at 48 kHz (numpy, the
 *    cascade's exact phase responses; the −0.125 is stage 1's, as before).
 *  - Refinement: the largest grid point of each sample period, if it is a local maximum of |y|,
 *    is replaced by the vertex of the parabola through it and its two grid neighbours (clamped to
 *    1/cos(π/2F) of it, the most a band-limited signal can rise between points of an F× grid).
 *  - Exact pruning: every point is a fixed linear combination of the input (the cascade is
 *    linear), so |y| ≤ Σ|tap|·|x| ≤ Σ_b c_b · max|x| over block b of its support (c_b = the
 *    cascade's effective Σ|tap| falling on block b), and the refinement adds at most the factor R
 *    above. A group of 8 periods whose bound cannot beat the caller's threshold (the meter's
 *    running maximum, the limiter's target) is skipped: the result is the same, the work is not.
 *    The meter then applies a tighter bound once stage 1 is known (every point ≤ W·R·max|2×
 *    stream it reads|) and skips stages 2–3 and the refinement for groups that cannot matter.
 *  - Block processing: input is copied in chunks into a linear line buffer (history + chunk); each
 *    stage fills an array for a whole group of periods before the next stage reads it.
 *  - No 12.04 dB pre-attenuation: Annex 2 suggests it for fixed-point headroom; we work in
 *    floating point.
 *  - Precision: single (f32). The line (the input rounded to single), the taps, the three stages,
 *    the period peaks and the refinement are IEEE single-precision values, every +, −, ×, ÷
 *    rounded to single (docs/dsp-loudness.md, "Precision of the true peak": the meter reads
 *    float32 audio anyway, and the rounding error of a point, ≤ 3.3·10⁻⁶ relative in the worst
 *    case, is ≈ 3·10⁻⁵ dB, far inside the 0.1 dB bar). The pruning bounds are summed in f64 from
 *    the f32 block maxima. The TypeScript loops emulate single precision with `Math.fround` after
 *    every operation, in the WebAssembly lane's order; that is exact, not an approximation:
 *    JavaScript computes each operation on the f32 operands in double, rounded once to double,
 *    then `fround` rounds to single, and for +, −, × and ÷ that double rounding equals the
 *    correctly rounded single result because 53 ≥ 2·24 + 2 (S. A. Figueroa, "When is double
 *    rounding innocuous?", ACM SIGNUM Newsletter 30(3), 1995). Comparisons, |·|, negation and max
 *    are exact.
 *  - WebAssembly: a whole chunk — block maxima, both bounds, stage 1 (sixteen periods per pass in
 *    f32x4 lanes), stage 2 and stage 3 with the refinement (four periods per pass) — is one call
 *    (asm/truePeakMeter.ts `scanChunk`; one call per chunk instead of three per group, and the
 *    bounds' loops out of JavaScript). Same operations in the same order (bit-identical; the
 *    TypeScript methods below are the fallback).
 */

import { createTruePeakMeterWasm, type TruePeakMeterWasm, type TruePeakMeterWasmExports } from './wasm/truePeakWasm';

/** Taps of the first (sharp) half-band stage. */
export const TAPS_PER_PHASE = 40;
const HALF_TAPS = TAPS_PER_PHASE / 2;

/** Kaiser window shape of stage 1 (β = 7: images of content up to 20 kHz at 44.1 kHz down ≥ 43 dB). */
const KAISER_BETA = 7;
/** Stage 2 and 3 half-band filters: taps per side, Kaiser β, window half-width (in tap offsets). */
const STAGE2 = { taps: 4, beta: 6.5, span: 8.5 };
const STAGE3 = { taps: 3, beta: 6, span: 6.5 };

/** New samples per chunk of the line buffer. */
const CHUNK = 256;
/** Periods per pruning group; also the width of the |x| maxima used to bound a group. */
const GROUP = 8;
/**
 * Line entries kept before a chunk. Period j (0 … count − 1 in a chunk) has its sample x[k] at
 * line[j + CENTER] and reads line[j … j + CENTER + 22]: stage 2 needs the stage-1 midpoints from
 * k − 5/2 (for the point before the period) to k + 5/2, which need x from k − 22 to k + 22.
 */
const CENTER = HALF_TAPS + 2;
const LOOKAHEAD = HALF_TAPS + 2;
const HISTORY = CENTER + LOOKAHEAD;
/** Line entries (from the group's first period) the bound of a group covers. */
const GROUP_SPAN = GROUP - 1 + HISTORY + 1;
/** Blocks of GROUP line entries that a group of GROUP periods reads. */
const GROUP_BLOCKS = Math.ceil(GROUP_SPAN / GROUP);
/** f64 slots of an interpolator's descriptor in asm/truePeakMeter.ts (13 i32 in 7 slots, then 3 f64). */
const DESCRIPTOR_FLOAT64S = 10;
/**
 * Spare f32 entries behind the WebAssembly arrays: a last pass of four lanes (sixteen in stage 1)
 * may read and write up to 15 values past the end (asm/truePeakCascade.ts, file comment); never
 * read back.
 */
const PAD = 16;
/** f32 rounding (see the file comment, "Precision"). */
const f32 = Math.fround;
/**
 * The pruning bounds' margin for the f32 rounding. Every computed point p̂ differs from the exact
 * p (the f64 design's taps applied to the f32 line) by |p̂ − p| ≤ γ₃₅·Σ A_i·|x_i| (N. J. Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1 and §4.2, γ_k = k·u/(1 − k·u),
 * u = 2⁻²⁴): 35 roundings on the longest path — stage 1's tap (1), product and sum (2) and 19
 * further adds, stage 2's tap, 2 and 3 adds, stage 3's tap, 2 and 2 adds, and the clamp's f32 R
 * and product (2) — with A the cascade composed of |taps|. A lies within ρ = 1.57 of the bound's
 * c_b on every block (8×; 1.24 at 4×, 1 at 2×, computed from the taps), so every computed peak is
 * ≤ (1 + ρ·γ₃₅)·R·Σ c_b·max_b < (1 + 3.3·10⁻⁶)·R·Σ c_b·max_b. The stream bound: stages 2–3 and
 * the clamp, γ₁₄, |taps|' composition ≤ 1.46·W: < 1 + 1.3·10⁻⁶. The f64 sums of the bounds add
 * ~10⁻¹⁵. 1 + 10⁻⁵ (the limiter's, docs/dynamics.md "Precision") covers both with room; it was
 * 1 + 10⁻⁹ in f64.
 */
const BOUND_MARGIN = 1 + 1e-5;

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const halfX = x / 2;
  for (let k = 1; k < 64; k++) {
    const ratio = halfX / k;
    term *= ratio * ratio;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

/** Kaiser window w(r) = I0(β·√(1 − r²)) / I0(β), r ∈ [−1, 1]. */
export function kaiser(r: number, beta: number): number {
  return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
}

/**
 * Half-band midpoint taps, one side: the midpoint between stream points is
 * Σ_i g[i]·(s[−(2i+1)/2] + s[+(2i+1)/2]) (offsets in stream steps), g[i] = sinc((2i+1)/2)·w.
 * The sinc is not divided by 2: the zero-stuffed stream needs the gain 2 back.
 */
function halfBandTaps(taps: number, beta: number, span: number): Float64Array {
  const g = new Float64Array(taps);
  for (let i = 0; i < taps; i++) {
    const u = (2 * i + 1) / 2;
    g[i] = (Math.sin(Math.PI * u) / (Math.PI * u)) * kaiser((2 * i + 1) / span, beta);
  }
  return g;
}

/**
 * Stage 1, one side: y(k + 1/2) = Σ_t s1[t]·(x[k − 19 + t] + x[k + 20 − t]), t = 0 … 19, the
 * windowed sinc at the half-sample offsets ±(t + 1/2) seen from the midpoint (window over ±20).
 */
function stage1Taps(): Float64Array {
  const s1 = new Float64Array(HALF_TAPS);
  for (let t = 0; t < HALF_TAPS; t++) {
    const u = HALF_TAPS - 1 - t + 0.5;
    s1[t] = (Math.sin(Math.PI * u) / (Math.PI * u)) * kaiser(u / HALF_TAPS, KAISER_BETA);
  }
  return s1;
}

const S1 = stage1Taps();
/** The stage taps rounded to single, as the f32 stages use them. */
const S1_F32 = Float32Array.from(S1);
/**
 * Stage 2 (2× → 4×) midpoint taps, one side: y(m + 1/2) = Σ_i G2[i]·(s[m − i] + s[m + 1 + i]) on
 * the 2× stream s (offsets in 2× steps). Exported for the limiter's band-limited detector, which
 * reuses this stage on its own 2× stream.
 */
export const STAGE2_TAPS: Readonly<Float64Array> = halfBandTaps(STAGE2.taps, STAGE2.beta, STAGE2.span);
const G2 = STAGE2_TAPS;
const G3 = halfBandTaps(STAGE3.taps, STAGE3.beta, STAGE3.span);
const G2_F32 = Float32Array.from(G2);
const G3_F32 = Float32Array.from(G3);

/** Stage 3 (8×) in f32: g0·(a + b) + g1·(c + d) + g2·(e + f), left to right (asm/truePeakCascade.ts `stage3`). */
function stage3(g0: number, g1: number, g2: number, a: number, b: number, c: number, d: number, e: number, f: number): number {
  return f32(f32(f32(g0 * f32(a + b)) + f32(g1 * f32(c + d))) + f32(g2 * f32(e + f)));
}

/**
 * The cascade's point at k + e/8 of period j, as weights on line[0 …) (a reference evaluation
 * straight from the stage definitions, used to derive the pruning bounds).
 */
function pointWeights(j: number, eighths: number, length: number): Float64Array {
  const w = new Float64Array(length);
  const add = (e: number, scale: number): void => {
    if (e % 8 === 0) {
      w[j + CENTER + e / 8] += scale;
    } else if (e % 4 === 0) {
      // Stage-1 midpoint at k + m + 1/2 reads x[k + m − 19 … k + m + 20].
      const m = (e - 4) / 8;
      for (let t = 0; t < HALF_TAPS; t++) {
        w[j + CENTER + m - (HALF_TAPS - 1) + t] += scale * S1[t];
        w[j + CENTER + m + HALF_TAPS - t] += scale * S1[t];
      }
    } else if (e % 2 === 0) {
      for (let i = 0; i < G2.length; i++) {
        add(e - 2 * (2 * i + 1), scale * G2[i]);
        add(e + 2 * (2 * i + 1), scale * G2[i]);
      }
    } else {
      for (let i = 0; i < G3.length; i++) {
        add(e - (2 * i + 1), scale * G3[i]);
        add(e + (2 * i + 1), scale * G3[i]);
      }
    }
  };
  add(eighths, 1);
  return w;
}

/**
 * c_b per factor: for a group of GROUP periods starting at line index i0 (a multiple of GROUP),
 * the largest Σ|weights| (over the group's periods and all phases) that falls on
 * line[i0 + GROUP·b … i0 + GROUP·b + GROUP). Every point of the group is then at most
 * Σ_b c_b · max|line| over block b.
 */
function designBlockWeights(factor: number): Float64Array {
  const blockWeights = new Float64Array(GROUP_BLOCKS);
  const step = 8 / factor;
  for (let d = 0; d < GROUP; d++) {
    for (let p = 0; p < factor; p++) {
      const w = pointWeights(d, p * step, GROUP_BLOCKS * GROUP);
      const perBlock = new Float64Array(GROUP_BLOCKS);
      for (let i = 0; i < w.length; i++) perBlock[Math.floor(i / GROUP)] += Math.abs(w[i]);
      for (let b = 0; b < GROUP_BLOCKS; b++) if (perBlock[b] > blockWeights[b]) blockWeights[b] = perBlock[b];
    }
  }
  return blockWeights;
}

/**
 * W: the largest Σ|weight| of any period point (phases 0 … F − 1) on the 2× stream (the input
 * samples and the stage-1 midpoints), through stages 2 and 3. Every point of a period is then at
 * most W · max|2× stream| over the stream values it reads: a tight bound once stage 1 is known.
 */
export function designStreamBound(factor: number): number {
  let worst = 0;
  for (let p = 0; p < factor; p++) {
    const w = new Map<number, number>();
    const add = (e: number, scale: number): void => {
      if (e % 4 === 0) w.set(e, (w.get(e) ?? 0) + scale);
      else if (e % 2 === 0) {
        for (let i = 0; i < G2.length; i++) {
          add(e - 2 * (2 * i + 1), scale * G2[i]);
          add(e + 2 * (2 * i + 1), scale * G2[i]);
        }
      } else {
        for (let i = 0; i < G3.length; i++) {
          add(e - (2 * i + 1), scale * G3[i]);
          add(e + (2 * i + 1), scale * G3[i]);
        }
      }
    };
    add((p * 8) / factor, 1);
    let sum = 0;
    for (const v of w.values()) sum += Math.abs(v);
    if (sum > worst) worst = sum;
  }
  return worst;
}

/**
 * An interpolator's scan in asm/truePeakMeter.ts: its exports and the byte offset of its
 * descriptor (the offsets of its arrays and its constants, read by `scanChunk`).
 */
interface ScanWasm {
  exports: TruePeakMeterWasmExports;
  descriptor: number;
}

/** Bounds per factor, computed once per process. */
const weightCache = new Map<number, Float64Array>();

function blockWeightsFor(factor: number): Float64Array {
  let w = weightCache.get(factor);
  if (w === undefined) {
    w = designBlockWeights(factor);
    weightCache.set(factor, w);
  }
  return w;
}

/**
 * Oversampling factor used for a sample rate.
 * @param sampleRate Hz, > 0.
 * @returns 8 below 88.2 kHz, 4 below 176.4 kHz, otherwise 2.
 */
export function truePeakFactor(sampleRate: number): number {
  if (sampleRate < 88200) return 8;
  if (sampleRate < 176400) return 4;
  return 2;
}

/** Options of {@link TruePeakInterpolator}. */
export interface TruePeakOptions {
  /**
   * Oversampling factor 2, 4 or 8 instead of `truePeakFactor(sampleRate)`. The limiter uses 4
   * at 44.1/48 kHz: it holds its ceiling by the ideal reconstruction on material up to 20 kHz
   * with the refinement (docs/dynamics.md).
   */
  factor?: number;
  /**
   * Skip periods whose bound cannot beat the threshold (default true). Turning it off changes
   * only the speed, never a result; the tests compare both.
   */
  pruning?: boolean;
  /**
   * An instance of asm/truePeakMeter.ts to allocate in instead of one of its own:
   * the stereo loudness meter shares one between both channels and its K-weighting, so one call
   * meters a chunk of both (`LoudnessMeter`).
   */
  arena?: TruePeakMeterWasm;
}

/**
 * Streaming true-peak detector for one channel (ITU-R BS.1770-4 Annex 2; design in the file
 * comment).
 *
 * Input sample x[n] completes the sample period k = n − `delaySamples`: the interpolated points
 * y(k + p/F), p = 0 … F − 1, of which y(k) = x[k]. Its *period peak* v[k] is the largest |y| of
 * those points, raised to the vertex of the parabola through the largest one and its neighbours
 * when that point is a local maximum. Values are linear (1.0 = 0 dBTP).
 */
export class TruePeakInterpolator {
  /** Oversampling factor: 8 at 44.1/48 kHz, 4 at 88.2/96 kHz, 2 at 176.4/192 kHz. */
  readonly factor: number;
  /**
   * Delay of the interpolator in input samples (22: stage 1 reads 20 samples ahead, stage 2 two
   * midpoints ahead): the period peak returned with input x[n] belongs to the period after
   * x[n − delaySamples]. A limiter's lookahead uses it to align gain with the detected peaks.
   */
  readonly delaySamples = LOOKAHEAD;

  private readonly blockWeights: Float64Array;
  /** W of `designStreamBound` times the refinement's R (and the margin for rounding). */
  private readonly streamBound: number;
  /** R, rounded to f32 (the refinement's clamp factor). */
  private readonly refineLimit: number;
  /** R (f64) times the margin for rounding: the block bound's factor. */
  private readonly refineBound: number;
  private readonly pruning: boolean;
  /** Line buffer (f32): HISTORY samples (oldest first), then up to CHUNK new ones. */
  private readonly line: Float32Array;
  /** max |line| over each run of GROUP entries. */
  private readonly lineMax: Float32Array;
  /**
   * Stage-1 midpoints y(k_j + 1/2) at index j + 3 (j = −3 … count + 1; one spare entry that
   * stage 2's unread last point may touch).
   */
  private readonly half: Float32Array;
  /** Stage-2 points y(k_j + 1/4), y(k_j + 3/4) at index j + 1 (j = −1 … count). */
  private readonly quarter1: Float32Array;
  private readonly quarter3: Float32Array;
  /** The period peaks of a chunk for `scanPeaks`, in the WebAssembly memory (unused without it). */
  private readonly peakScratch: Float32Array;
  /** The whole chunk in asm/truePeakMeter.ts, or undefined (the TypeScript loops run). */
  private readonly scanWasm: ScanWasm | undefined;
  /** The F + 2 points of one period (the point before, the F points, the sample after). */
  private readonly points: Float32Array;
  private readonly single = new Float64Array(1);
  private readonly singleOut = new Float64Array(1);
  private readonly savedHistory = new Float32Array(HISTORY);
  private readonly silence = new Float64Array(LOOKAHEAD);

  /**
   * @param sampleRate Hz, finite and > 0.
   * @param options oversampling factor override; pruning on (default) or off.
   */
  constructor(sampleRate: number, options: TruePeakOptions = {}) {
    if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
      throw new RangeError(`TruePeakInterpolator: sampleRate must be a positive number of Hz (got ${sampleRate})`);
    }
    const factor = options.factor ?? truePeakFactor(sampleRate);
    if (factor !== 2 && factor !== 4 && factor !== 8) {
      throw new RangeError(`TruePeakInterpolator: factor must be 2, 4 or 8 (got ${factor})`);
    }
    this.factor = factor;
    this.blockWeights = blockWeightsFor(factor);
    const r = 1 / Math.cos(Math.PI / (2 * this.factor));
    this.refineLimit = f32(r);
    this.pruning = options.pruning ?? true;
    // R and W in f64, times the margin for the f32 rounding (BOUND_MARGIN): a skipped period can
    // never matter.
    this.refineBound = r * BOUND_MARGIN;
    this.streamBound = designStreamBound(factor) * r * BOUND_MARGIN;
    this.points = new Float32Array(this.factor + 2);
    const lineLength = HISTORY + CHUNK;
    const lineMaxLength = Math.ceil(lineLength / GROUP) + GROUP_BLOCKS;
    const arena = options.arena ?? createTruePeakMeterWasm(TruePeakInterpolator.wasmFloat64s);
    if (arena) {
      const single = (length: number): Float32Array => arena.allocateFloat32(length);
      this.line = single(lineLength + PAD);
      this.lineMax = single(lineMaxLength);
      this.half = single(CHUNK + 6 + PAD);
      this.quarter1 = single(CHUNK + 2 + PAD);
      this.quarter3 = single(CHUNK + 2 + PAD);
      this.peakScratch = single(CHUNK + PAD);
      const points = single(4 * (8 + 2));
      const taps = (values: ArrayLike<number>): number => {
        const view = single(values.length);
        view.set(values);
        return view.byteOffset;
      };
      const weights = arena.allocate(GROUP_BLOCKS);
      weights.set(this.blockWeights);
      // The descriptor asm/truePeakMeter.ts reads (D_* there): ten byte offsets and two flags as
      // i32, then three f64 constants (R as an f32 value, the two bounds' factors).
      const descriptor = arena.allocate(DESCRIPTOR_FLOAT64S);
      const offsets = new Int32Array(descriptor.buffer, descriptor.byteOffset, 13);
      offsets.set([
        this.line.byteOffset, this.lineMax.byteOffset, this.half.byteOffset, this.quarter1.byteOffset,
        this.quarter3.byteOffset, taps(S1_F32), taps(G2_F32), taps(G3_F32), weights.byteOffset, factor,
        this.pruning ? 1 : 0, this.peakScratch.byteOffset, points.byteOffset,
      ]);
      descriptor[7] = this.refineLimit;
      descriptor[8] = this.refineBound;
      descriptor[9] = this.streamBound;
      this.scanWasm = { exports: arena.exports, descriptor: descriptor.byteOffset };
    } else {
      this.line = new Float32Array(lineLength);
      this.lineMax = new Float32Array(lineMaxLength);
      this.half = new Float32Array(CHUNK + 6);
      this.quarter1 = new Float32Array(CHUNK + 2);
      this.quarter3 = new Float32Array(CHUNK + 2);
      this.peakScratch = this.quarter1;
      this.scanWasm = undefined;
    }
  }

  /**
   * f64 one interpolator takes in an asm/truePeakMeter.ts instance (generous: each f32 array
   * counted as f64, and one slot of alignment per allocation).
   */
  static readonly wasmFloat64s =
    HISTORY + CHUNK + PAD + Math.ceil((HISTORY + CHUNK) / GROUP) + GROUP_BLOCKS + 4 * CHUNK + 16 + 4 * PAD + 40 + HALF_TAPS + 8 +
    GROUP_BLOCKS + DESCRIPTOR_FLOAT64S + 16;

  /** Clears the history (as if the input had been silent forever). */
  reset(): void {
    this.line.fill(0);
    this.lineMax.fill(0);
  }

  /**
   * Byte offset of this interpolator's descriptor in its asm/truePeakMeter.ts instance (what
   * `meterPush` is given), or −1 when it has none (the TypeScript loops run).
   */
  get wasmDescriptor(): number {
    return this.scanWasm ? this.scanWasm.descriptor : -1;
  }

  /**
   * Pushes one input sample and returns its period peak (see the class comment). A non-finite
   * input counts as 0 so the detector never reports NaN or Infinity.
   */
  next(x: number): number {
    this.single[0] = x;
    this.scanPeaks(this.single, 0, 1, 0, this.singleOut, 0);
    return this.singleOut[0];
  }

  /**
   * Pushes input[start … end) and returns the largest of `peak` and every period peak (the
   * meter's running maximum; `peak` is also the pruning threshold, raised as the scan goes).
   */
  scanMax(input: ArrayLike<number>, start: number, end: number, peak: number): number {
    return this.scan(input, start, end, peak, true, null, 0);
  }

  /**
   * Pushes input[start … end) and writes, for each input sample, the period peak it completes to
   * `out[outStart + i]` when that peak exceeds `threshold`, and 0 otherwise (the limiter only
   * needs the peaks above its target).
   */
  scanPeaks(input: ArrayLike<number>, start: number, end: number, threshold: number, out: Float64Array, outStart: number): void {
    this.scan(input, start, end, threshold, false, out, outStart);
  }

  /**
   * The largest of `peak` and the period peaks of the last `delaySamples` periods, which need
   * input that has not arrived yet, computed as if the signal ended here (silence follows). Does
   * not change the state: a meter calls it whenever it reports, so the last samples of a file
   * count (a full-scale click in the very last sample reads 0 dBTP, not nothing).
   */
  flushMax(peak: number): number {
    this.savedHistory.set(this.line.subarray(0, HISTORY));
    const flushed = this.scan(this.silence, 0, LOOKAHEAD, peak, true, null, 0);
    this.line.set(this.savedHistory);
    return flushed;
  }

  /**
   * The scan behind `scanMax` / `scanPeaks`. `rising`: the threshold follows the running
   * maximum. `out`: where period peaks above the threshold go (0 otherwise), or null.
   */
  private scan(
    input: ArrayLike<number>,
    start: number,
    end: number,
    threshold: number,
    rising: boolean,
    out: Float64Array | null,
    outStart: number,
  ): number {
    const line = this.line;
    const lineMax = this.lineMax;
    const weights = this.blockWeights;
    const pruning = this.pruning;
    const factor = this.factor;
    const refineBound = this.refineBound;
    let limit = threshold;
    let o = outStart;
    const scanWasm = this.scanWasm;
    if (scanWasm) {
      // Each chunk: copied in here, everything else in one call (asm/truePeakMeter.ts `scanChunk`).
      const peakScratch = this.peakScratch;
      for (let from = start; from < end; from += CHUNK) {
        const count = Math.min(CHUNK, end - from);
        for (let i = 0; i < count; i++) {
          const x = f32(input[from + i]);
          line[HISTORY + i] = x - x === 0 ? x : 0;
        }
        limit = scanWasm.exports.scanChunk(scanWasm.descriptor, count, limit, rising ? 1 : 0, out !== null ? 1 : 0);
        if (out !== null) for (let i = 0; i < count; i++) out[o + i] = peakScratch[i];
        o += count;
      }
      return rising ? limit : threshold;
    }
    for (let from = start; from < end; from += CHUNK) {
      const count = Math.min(CHUNK, end - from);
      // Copy the chunk after the history, rounded to f32; NaN and ±Infinity (also what overflows
      // single precision) count as 0.
      for (let i = 0; i < count; i++) {
        const x = f32(input[from + i]);
        line[HISTORY + i] = x - x === 0 ? x : 0;
      }
      const used = HISTORY + count;
      if (pruning) {
        for (let g = 0, i = 0; i < used; g++) {
          let m = 0;
          const stop = Math.min(used, i + GROUP);
          for (; i < stop; i++) {
            const a = line[i] < 0 ? -line[i] : line[i];
            if (a > m) m = a;
          }
          lineMax[g] = m;
        }
      }
      // Stage arrays are valid for periods below these (chunk-relative) indices.
      let halfDone = -3;
      let quarterDone = -1;
      for (let g0 = 0; g0 < count; g0 += GROUP) {
        const g1 = Math.min(count, g0 + GROUP);
        if (pruning) {
          // In f64 from the f32 maxima (asm/truePeakMeter.ts the same).
          let bound = 0;
          const first = g0 / GROUP;
          for (let b = 0; b < GROUP_BLOCKS; b++) bound += weights[b] * lineMax[first + b];
          if (bound * refineBound <= limit) {
            if (out !== null) out.fill(0, o + g0, o + g1);
            continue;
          }
        }
        // Stage 1 for periods g0 − 3 … g1 + 1, stage 2 for g0 − 1 … g1 (what the group reads;
        // y(k_g1 + 3/4) would need x beyond the chunk: it is never read here, and the next group
        // recomputes period g1).
        const h0 = halfDone > g0 - 3 ? halfDone : g0 - 3;
        this.fillHalf(h0, g1 + 2);
        halfDone = g1 + 2;
        if (pruning && rising) {
          // (The meter only: in the limiter, whose target loud material passes almost everywhere,
          // this check measured 1.16–1.37× the detector's time for nothing skipped.)
          // Second, tighter bound from the 2× stream the group's points read (x[k − 2 … k + 3],
          // y(k − 5/2 … k + 3/2) for its periods k): stage 1 is the expensive, sharp part and is
          // now known; stages 2 and 3 and the refinement can add at most the factor W·R.
          let m2 = 0;
          const half = this.half;
          for (let h = g0; h < g1 + 5; h++) {
            const a = half[h] < 0 ? -half[h] : half[h];
            if (a > m2) m2 = a;
          }
          for (let i = g0 - 2 + CENTER; i <= g1 + 2 + CENTER; i++) {
            const a = line[i] < 0 ? -line[i] : line[i];
            if (a > m2) m2 = a;
          }
          if (m2 * this.streamBound <= limit) {
            if (out !== null) out.fill(0, o + g0, o + g1);
            continue;
          }
        }
        if (factor > 2) {
          const q0 = quarterDone > g0 - 1 ? quarterDone : g0 - 1;
          this.fillQuarters(q0, g1 + 1);
          quarterDone = g1;
        }
        for (let j = g0; j < g1; j++) {
          const v = this.periodPeak(j, limit);
          if (v > limit) {
            if (rising) limit = v;
            if (out !== null) out[o + j] = v;
          } else if (out !== null) {
            out[o + j] = 0;
          }
        }
      }
      line.copyWithin(0, count, count + HISTORY);
      o += count;
    }
    return rising ? limit : threshold;
  }

  /** Stage 1: y(k_j + 1/2) for periods j0 … j1 − 1 (20 folded multiply-adds each, f32). */
  private fillHalf(j0: number, j1: number): void {
    const line = this.line;
    const half = this.half;
    const s1 = S1_F32;
    for (let j = j0; j < j1; j++) {
      // x[k − 19 + t] at line[j + CENTER − 19 + t], x[k + 20 − t] at line[j + CENTER + 20 − t];
      // the first term starts the sum (as asm/truePeakCascade.ts: 0 + (−0) would be +0).
      const a0 = j + CENTER - (HALF_TAPS - 1);
      const b0 = j + CENTER + HALF_TAPS;
      let sum = f32(s1[0] * f32(line[a0] + line[b0]));
      for (let t = 1; t < HALF_TAPS; t++) sum = f32(sum + f32(s1[t] * f32(line[a0 + t] + line[b0 - t])));
      half[j + 3] = sum;
    }
  }

  /** Stage 2: y(k_j + 1/4) and y(k_j + 3/4) for periods j0 … j1 − 1 (4 folded taps each). */
  private fillQuarters(j0: number, j1: number): void {
    const line = this.line;
    const half = this.half;
    const q1 = this.quarter1;
    const q3 = this.quarter3;
    const g0 = G2_F32[0], g1 = G2_F32[1], g2 = G2_F32[2], g3 = G2_F32[3];
    for (let j = j0; j < j1; j++) {
      const c = j + CENTER;
      const xm1 = line[c - 1], x0 = line[c], x1 = line[c + 1], x2 = line[c + 2];
      const h = j + 3;
      const hm2 = half[h - 2], hm1 = half[h - 1], h0 = half[h], h1 = half[h + 1], h2 = half[h + 2];
      // The 2× stream around k + 1/4: … x[k−1], h(k−1/2), x[k], h(k+1/2), x[k+1], h(k+3/2) …
      // (In f32, summed left to right: ((a + b) + c) + d.)
      q1[j + 1] = f32(f32(f32(f32(g0 * f32(x0 + h0)) + f32(g1 * f32(hm1 + x1))) + f32(g2 * f32(xm1 + h1))) + f32(g3 * f32(hm2 + x2)));
      q3[j + 1] = f32(f32(f32(f32(g0 * f32(h0 + x1)) + f32(g1 * f32(x0 + h1))) + f32(g2 * f32(hm1 + x2))) + f32(g3 * f32(xm1 + h2)));
    }
  }

  /**
   * Period peak of period j (its sample x[k] at line[j + CENTER]), from the stage arrays; stage 3
   * (8×) is computed here. Returns a value ≤ `limit` without refining when it cannot exceed it.
   */
  private periodPeak(j: number, limit: number): number {
    const line = this.line;
    const points = this.points;
    const factor = this.factor;
    const c = j + CENTER;
    const x0 = line[c];
    const x1 = line[c + 1];
    const h0 = this.half[j + 3];
    // points[0] = y(k − 1/F) (the point before), points[1 … F] = y(k + p/F), points[F + 1] = x[k + 1].
    if (factor === 8) {
      const q1 = this.quarter1, q3 = this.quarter3;
      const hm1 = this.half[j + 2], h1 = this.half[j + 4];
      const a1 = q1[j + 1], a3 = q3[j + 1], am1 = q1[j], am3 = q3[j], an1 = q1[j + 2];
      const g0 = G3_F32[0], g1 = G3_F32[1], g2 = G3_F32[2];
      // Stage 3 on the 4× stream … q(k−1/4), h(k−1/2) …; each eighth point mirrors its neighbours
      // (f32, left to right: (a + b) + c).
      points[0] = stage3(g0, g1, g2, am3, x0, hm1, a1, am1, h0);
      points[1] = x0;
      points[2] = stage3(g0, g1, g2, x0, a1, am3, h0, hm1, a3);
      points[3] = a1;
      points[4] = stage3(g0, g1, g2, a1, h0, x0, a3, am3, x1);
      points[5] = h0;
      points[6] = stage3(g0, g1, g2, h0, a3, a1, x1, x0, an1);
      points[7] = a3;
      points[8] = stage3(g0, g1, g2, a3, x1, h0, an1, a1, h1);
    } else if (factor === 4) {
      points[0] = this.quarter3[j];
      points[1] = x0;
      points[2] = this.quarter1[j + 1];
      points[3] = h0;
      points[4] = this.quarter3[j + 1];
    } else {
      points[0] = this.half[j + 2];
      points[1] = x0;
      points[2] = h0;
    }
    points[factor + 1] = x1;
    let best = 0;
    let at = 1;
    for (let p = 1; p <= factor; p++) {
      const a = points[p] < 0 ? -points[p] : points[p];
      if (a > best) {
        best = a;
        at = p;
      }
    }
    // (f32 from here, each operation rounded as asm/truePeakCascade.ts `cascadePeaks` does.)
    const clamp = f32(best * this.refineLimit);
    if (clamp <= limit || best === 0) return best;
    // Parabolic refinement around the largest point (signs flipped so it is positive).
    let left = points[at - 1];
    let right = points[at + 1];
    if (points[at] < 0) {
      left = -left;
      right = -right;
    }
    if (left > best || right > best || left < -best || right < -best) return best;
    const curvature = f32(f32(left - f32(2 * best)) + right);
    if (!(curvature < 0)) return best;
    const diff = f32(left - right);
    const offset = f32(f32(0.5 * diff) / curvature);
    const vertex = f32(best - f32(f32(0.25 * diff) * offset));
    return vertex > clamp ? clamp : vertex > best ? vertex : best;
  }
}
