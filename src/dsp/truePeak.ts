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
 *  - WebAssembly: a whole chunk — block maxima, both bounds, stage 1 (eight periods per pass in
 *    SIMD lanes), stage 2, stage 3 and the refinement — is one call (asm/truePeakMeter.ts
 *    `scanChunk`; one call per chunk instead of three per group, and the bounds' loops out of
 *    JavaScript). Same sums in the same order (bit-identical; the TypeScript methods below are
 *    the fallback).
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
/** f64 slots of an interpolator's descriptor in asm/truePeakMeter.ts (12 i32, then 3 f64). */
const DESCRIPTOR_FLOAT64S = 9;

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
/**
 * Stage 2 (2× → 4×) midpoint taps, one side: y(m + 1/2) = Σ_i G2[i]·(s[m − i] + s[m + 1 + i]) on
 * the 2× stream s (offsets in 2× steps). Exported for the limiter's band-limited detector, which
 * reuses this stage on its own 2× stream.
 */
export const STAGE2_TAPS: Readonly<Float64Array> = halfBandTaps(STAGE2.taps, STAGE2.beta, STAGE2.span);
const G2 = STAGE2_TAPS;
const G3 = halfBandTaps(STAGE3.taps, STAGE3.beta, STAGE3.span);

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
  /** W of `designStreamBound` times the refinement's R (and a hair for rounding). */
  private readonly streamBound: number;
  private readonly refineLimit: number;
  private readonly pruning: boolean;
  /** Line buffer: HISTORY samples (oldest first), then up to CHUNK new ones. */
  private readonly line: Float64Array;
  /** max |line| over each run of GROUP entries. */
  private readonly lineMax: Float64Array;
  /**
   * Stage-1 midpoints y(k_j + 1/2) at index j + 3 (j = −3 … count + 1; one spare entry that
   * stage 2's unread last point may touch).
   */
  private readonly half: Float64Array;
  /** Stage-2 points y(k_j + 1/4), y(k_j + 3/4) at index j + 1 (j = −1 … count). */
  private readonly quarter1: Float64Array;
  private readonly quarter3: Float64Array;
  /** The period peaks of a chunk for `scanPeaks`, in the WebAssembly memory (unused without it). */
  private readonly peakScratch: Float64Array;
  /** The whole chunk in asm/truePeakMeter.ts, or undefined (the TypeScript loops run). */
  private readonly scanWasm: ScanWasm | undefined;
  /** The F points of one period. */
  private readonly points: Float64Array;
  private readonly single = new Float64Array(1);
  private readonly singleOut = new Float64Array(1);
  private readonly savedHistory = new Float64Array(HISTORY);
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
    this.refineLimit = 1 / Math.cos(Math.PI / (2 * this.factor));
    this.pruning = options.pruning ?? true;
    this.streamBound = designStreamBound(factor) * this.refineLimit * (1 + 1e-9);
    this.points = new Float64Array(this.factor + 2);
    const lineLength = HISTORY + CHUNK;
    const lineMaxLength = Math.ceil(lineLength / GROUP) + GROUP_BLOCKS;
    const float64s = lineLength + lineMaxLength + 4 * CHUNK + 16 + HALF_TAPS + 8 + GROUP_BLOCKS + DESCRIPTOR_FLOAT64S;
    const arena = options.arena ?? createTruePeakMeterWasm(float64s);
    if (arena) {
      this.line = arena.allocate(lineLength);
      this.lineMax = arena.allocate(lineMaxLength);
      this.half = arena.allocate(CHUNK + 6);
      this.quarter1 = arena.allocate(CHUNK + 2);
      this.quarter3 = arena.allocate(CHUNK + 2);
      this.peakScratch = arena.allocate(CHUNK);
      const taps = (values: ArrayLike<number>): number => {
        const view = arena.allocate(values.length);
        view.set(values);
        return view.byteOffset;
      };
      // The descriptor asm/truePeakMeter.ts reads (D_* there): nine byte offsets and two flags as
      // i32, then three f64 constants.
      const descriptor = arena.allocate(DESCRIPTOR_FLOAT64S);
      const offsets = new Int32Array(descriptor.buffer, descriptor.byteOffset, 12);
      offsets.set([
        this.line.byteOffset, this.lineMax.byteOffset, this.half.byteOffset, this.quarter1.byteOffset,
        this.quarter3.byteOffset, taps(S1), taps(G2), taps(G3), taps(this.blockWeights), factor,
        this.pruning ? 1 : 0, this.peakScratch.byteOffset,
      ]);
      descriptor[6] = this.refineLimit;
      // R, a hair over, so the rounding of the sums can never make a skipped period matter.
      descriptor[7] = this.refineLimit * (1 + 1e-9);
      descriptor[8] = this.streamBound;
      this.scanWasm = { exports: arena.exports, descriptor: descriptor.byteOffset };
    } else {
      this.line = new Float64Array(lineLength);
      this.lineMax = new Float64Array(lineMaxLength);
      this.half = new Float64Array(CHUNK + 6);
      this.quarter1 = new Float64Array(CHUNK + 2);
      this.quarter3 = new Float64Array(CHUNK + 2);
      this.peakScratch = this.quarter1;
      this.scanWasm = undefined;
    }
  }

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
    // R, a hair over, so the rounding of the sums can never make a skipped period matter.
    const refineBound = this.refineLimit * (1 + 1e-9);
    let limit = threshold;
    let o = outStart;
    const scanWasm = this.scanWasm;
    if (scanWasm) {
      // Each chunk: copied in here, everything else in one call (asm/truePeakMeter.ts `scanChunk`).
      const peakScratch = this.peakScratch;
      for (let from = start; from < end; from += CHUNK) {
        const count = Math.min(CHUNK, end - from);
        for (let i = 0; i < count; i++) {
          const x = input[from + i];
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
      // Copy the chunk after the history; NaN and ±Infinity count as 0.
      for (let i = 0; i < count; i++) {
        const x = input[from + i];
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

  /** Stage 1: y(k_j + 1/2) for periods j0 … j1 − 1 (20 folded multiply-adds each). */
  private fillHalf(j0: number, j1: number): void {
    const line = this.line;
    const half = this.half;
    const s1 = S1;
    for (let j = j0; j < j1; j++) {
      // x[k − 19 + t] at line[j + CENTER − 19 + t], x[k + 20 − t] at line[j + CENTER + 20 − t].
      const a0 = j + CENTER - (HALF_TAPS - 1);
      const b0 = j + CENTER + HALF_TAPS;
      let sum = 0;
      for (let t = 0; t < HALF_TAPS; t++) sum += s1[t] * (line[a0 + t] + line[b0 - t]);
      half[j + 3] = sum;
    }
  }

  /** Stage 2: y(k_j + 1/4) and y(k_j + 3/4) for periods j0 … j1 − 1 (4 folded taps each). */
  private fillQuarters(j0: number, j1: number): void {
    const line = this.line;
    const half = this.half;
    const q1 = this.quarter1;
    const q3 = this.quarter3;
    const g0 = G2[0], g1 = G2[1], g2 = G2[2], g3 = G2[3];
    for (let j = j0; j < j1; j++) {
      const c = j + CENTER;
      const xm1 = line[c - 1], x0 = line[c], x1 = line[c + 1], x2 = line[c + 2];
      const h = j + 3;
      const hm2 = half[h - 2], hm1 = half[h - 1], h0 = half[h], h1 = half[h + 1], h2 = half[h + 2];
      // The 2× stream around k + 1/4: … x[k−1], h(k−1/2), x[k], h(k+1/2), x[k+1], h(k+3/2) …
      q1[j + 1] = g0 * (x0 + h0) + g1 * (hm1 + x1) + g2 * (xm1 + h1) + g3 * (hm2 + x2);
      q3[j + 1] = g0 * (h0 + x1) + g1 * (x0 + h1) + g2 * (hm1 + x2) + g3 * (xm1 + h2);
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
      const g0 = G3[0], g1 = G3[1], g2 = G3[2];
      // Stage 3 on the 4× stream … q(k−1/4), h(k−1/2) …; each eighth point mirrors its neighbours.
      points[0] = g0 * (am3 + x0) + g1 * (hm1 + a1) + g2 * (am1 + h0);
      points[1] = x0;
      points[2] = g0 * (x0 + a1) + g1 * (am3 + h0) + g2 * (hm1 + a3);
      points[3] = a1;
      points[4] = g0 * (a1 + h0) + g1 * (x0 + a3) + g2 * (am3 + x1);
      points[5] = h0;
      points[6] = g0 * (h0 + a3) + g1 * (a1 + x1) + g2 * (x0 + an1);
      points[7] = a3;
      points[8] = g0 * (a3 + x1) + g1 * (h0 + an1) + g2 * (a1 + h1);
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
    const refineLimit = this.refineLimit;
    if (best * refineLimit <= limit || best === 0) return best;
    // Parabolic refinement around the largest point (signs flipped so it is positive).
    const sign = points[at] < 0 ? -1 : 1;
    const left = sign * points[at - 1];
    const right = sign * points[at + 1];
    if (left > best || right > best || left < -best || right < -best) return best;
    const curvature = left - 2 * best + right;
    if (!(curvature < 0)) return best;
    const offset = (0.5 * (left - right)) / curvature;
    const vertex = best - 0.25 * (left - right) * offset;
    const clamp = best * refineLimit;
    return vertex > clamp ? clamp : vertex > best ? vertex : best;
  }
}
