/**
 * True-peak estimation after ITU-R BS.1770-4, Annex 2 ("Guidelines for accurate measurement of
 * true-peak level"): oversample the signal, low-pass it to remove the images, and take the
 * largest absolute value of the oversampled signal.
 *
 * Design (measurements and the reasons in docs/dsp-loudness.md, "True peak"):
 *  - Oversampling factor F: 8 below 88.2 kHz, 4 below 176.4 kHz, 2 above (a grid of ≥ 352.8 kHz;
 *    Annex 2's 4× at 48 kHz leaves up to 0.56 dB between grid points for a 20 kHz tone at
 *    44.1 kHz, our 8× grid 0.14 dB, and the refinement below closes most of that).
 *  - Interpolation filter: our own Kaiser-windowed sinc (β = 7), N = 40 taps per phase (a
 *    320-tap prototype at 8×). Its zeros fall on the input grid (an "L-th band" filter), so
 *    phase 0 is an exact delay: the interpolated points contain the input samples and the true
 *    peak is never below the sample peak. Worst phase −0.12 … +0.004 dB up to 20 kHz at
 *    44.1 kHz; readings of noise band-limited to 20 kHz land within 0.005 dB of the ideal.
 *  - Refinement: the largest grid point of each sample period, if it is a local maximum of |y|,
 *    is replaced by the vertex of the parabola through it and its two grid neighbours (clamped to
 *    1/cos(π/2F) of it, the most a band-limited signal can rise between points of an F× grid).
 *  - Exact pruning: every interpolated value obeys |y| ≤ Σ|tap|·|x| ≤ Σ_b c_b · max|x| over
 *    block b of its support (c_b = the taps' Σ|tap| falling on block b), and the refinement adds
 *    at most the factor R above. A group of 8 periods whose bound cannot beat the caller's
 *    threshold (the meter's running maximum, the limiter's target) is skipped: the result is the
 *    same, the work is not.
 *  - Block processing: input is copied in chunks into a linear line buffer (history + chunk), so
 *    the filter reads contiguous memory with no ring arithmetic; the two phases of a symmetric
 *    pair (p, F − p) share one pass through the taps (their taps are each other's reverse).
 *  - No 12.04 dB pre-attenuation: Annex 2 suggests it for fixed-point headroom; we work in
 *    floating point.
 */

/** Taps of the interpolation filter per polyphase branch. */
export const TAPS_PER_PHASE = 40;
const HALF_TAPS = TAPS_PER_PHASE / 2;

/** Kaiser window shape (β = 7: images of content up to 20 kHz at 44.1 kHz down ≥ 43 dB). */
const KAISER_BETA = 7;

/** New samples per chunk of the line buffer. */
const CHUNK = 256;
/** Periods per pruning group; also the width of the |x| maxima used to bound a group. */
const GROUP = 8;

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

/**
 * Centred prototype tap h(d), d = −F·N/2 … F·N/2 (in steps of 1/F input samples):
 *   h(d) = sinc(d / F) · I0(β·√(1 − (2d/(F·N))²)) / I0(β)
 * Not divided by F: the zero-stuffed input needs the gain F back, and this way h(0) = 1 exactly.
 */
function prototypeTap(d: number, factor: number, norm: number): number {
  if (d === 0) return 1;
  // Exact zeros where the sinc crosses the original sample grid keep phase 0 a pure delay.
  if (d % factor === 0) return 0;
  const u = d / factor;
  const r = d / ((factor * TAPS_PER_PHASE) / 2);
  const window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
  return (Math.sin(Math.PI * u) / (Math.PI * u)) * window;
}

/** Coefficients of one factor, arranged for the paired inner loop (see `TruePeakInterpolator`). */
interface PhaseTables {
  /**
   * Per tap pair i (0 … N/2 − 1), `pairCount · 2 − 1` values interleaved: for each pair
   * p = 1 … F/2 − 1, E_p[i] and O_p[i]; then E_{F/2}[i]. With u_i = a_i + b_i and
   * v_i = a_i − b_i (a_i = x at tap i, b_i = x at tap N − 1 − i):
   *   y_p = Σ E_p u + Σ O_p v,   y_{F−p} = Σ E_p u − Σ O_p v,   y_{F/2} = Σ E_{F/2} u.
   */
  interleaved: Float64Array;
  /** E_1 and O_1 alone (O_1 = 0 when F = 2), for the point one step before a period. */
  lastPhaseEven: Float64Array;
  lastPhaseOdd: Float64Array;
  /**
   * c_b: for a group of GROUP periods starting at line index i0 (a multiple of GROUP), the
   * largest Σ|taps| (over the group's periods and all phases, phase 0 included) that falls on
   * line[i0 + GROUP·b … i0 + GROUP·b + GROUP). Then every grid point of the group is at most
   * Σ_b c_b · max|line| over block b: a bound that weights the centre of the support fully
   * and its tails lightly.
   */
  blockWeights: Float64Array;
  /**
   * D: the largest Σ_i |tap(p, i) − (tap(p − 1, i) + tap(p + 1, i))/2| over odd phases p (phase F
   * being the next sample). An odd point is then at most the mean of its even neighbours plus
   * D · max|x| over the support, so the odd phases are computed only where that can matter.
   */
  oddExcess: number;
}

/** Blocks of GROUP line entries that a group of GROUP periods reads. */
const GROUP_BLOCKS = Math.floor((TAPS_PER_PHASE + GROUP - 1) / GROUP) + 1;

/**
 * Tap of phase p at position i of the line (i = 0 is the oldest sample of the support): the
 * point k + p/F is Σ_i tap(p, i) · x[k − N/2 + 1 + i], i.e. h((N/2 − 1 − i)·F + p).
 */
function designTables(factor: number): PhaseTables {
  const norm = besselI0(KAISER_BETA);
  const tap = (p: number, i: number): number => prototypeTap((HALF_TAPS - 1 - i) * factor + p, factor, norm);
  const halfF = factor / 2;
  const perPair = 2 * (halfF - 1) + 1;
  const interleaved = new Float64Array(HALF_TAPS * perPair);
  const lastPhaseEven = new Float64Array(HALF_TAPS);
  const lastPhaseOdd = new Float64Array(HALF_TAPS);
  for (let i = 0; i < HALF_TAPS; i++) {
    let o = i * perPair;
    for (let p = 1; p < halfF; p++) {
      const a = tap(p, i);
      const b = tap(p, TAPS_PER_PHASE - 1 - i);
      interleaved[o++] = (a + b) / 2;
      interleaved[o++] = (a - b) / 2;
    }
    interleaved[o] = tap(halfF, i);
    // The last phase F − 1 is pair 1's mirror (or, at F = 2, the middle phase itself).
    const a1 = tap(1, i);
    const b1 = tap(1, TAPS_PER_PHASE - 1 - i);
    lastPhaseEven[i] = (a1 + b1) / 2;
    lastPhaseOdd[i] = (a1 - b1) / 2;
  }
  // Period d of a group (d = 0 … GROUP − 1) reads phase p's tap i at line offset d + 1 + i and
  // its own sample (phase 0, weight 1) at offset d + N/2.
  const blockWeights = new Float64Array(GROUP_BLOCKS);
  const weights = new Float64Array(GROUP_BLOCKS);
  for (let d = 0; d < GROUP; d++) {
    for (let p = 0; p < factor; p++) {
      weights.fill(0);
      if (p === 0) weights[Math.floor((d + HALF_TAPS) / GROUP)] = 1;
      else for (let i = 0; i < TAPS_PER_PHASE; i++) weights[Math.floor((d + 1 + i) / GROUP)] += Math.abs(tap(p, i));
      for (let b = 0; b < GROUP_BLOCKS; b++) if (weights[b] > blockWeights[b]) blockWeights[b] = weights[b];
    }
  }
  let oddExcess = 0;
  for (let p = 1; p < factor; p += 2) {
    let sum = 0;
    for (let i = 0; i < TAPS_PER_PHASE; i++) sum += Math.abs(tap(p, i) - (tap(p - 1, i) + tap(p + 1, i)) / 2);
    if (sum > oddExcess) oddExcess = sum;
  }
  return { interleaved, lastPhaseEven, lastPhaseOdd, blockWeights, oddExcess };
}

/** Tables per factor, computed once per process (they depend only on the factor). */
const tableCache = new Map<number, PhaseTables>();

function tablesFor(factor: number): PhaseTables {
  let tables = tableCache.get(factor);
  if (tables === undefined) {
    tables = designTables(factor);
    tableCache.set(factor, tables);
  }
  return tables;
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
   * at 44.1/48 kHz: less than half the work, and with the refinement it still holds its ceiling
   * by the ideal reconstruction on material up to 20 kHz (docs/dynamics.md).
   */
  factor?: number;
  /**
   * Skip periods whose bound cannot beat the threshold (default true). Turning it off changes
   * only the speed, never a result; the tests compare both.
   */
  pruning?: boolean;
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
   * Group delay of the interpolator in input samples (N/2 = 20): the period peak returned with
   * input x[n] belongs to the period after x[n − delaySamples]. A limiter's lookahead uses it to
   * align gain with the detected peaks.
   */
  readonly delaySamples = HALF_TAPS;

  private readonly tables: PhaseTables;
  private readonly refineLimit: number;
  private readonly pruning: boolean;
  /** Line buffer: N history samples (oldest first), then up to CHUNK new ones. */
  private readonly line = new Float64Array(TAPS_PER_PHASE + CHUNK);
  /** max |line| over each run of GROUP entries. */
  private readonly lineMax = new Float64Array(Math.ceil((TAPS_PER_PHASE + CHUNK) / GROUP) + GROUP_BLOCKS);
  /** The F points of one period (and scratch for `next`, `flushMax`). */
  private readonly points: Float64Array;
  private readonly single = new Float64Array(1);
  private readonly singleOut = new Float64Array(1);
  private readonly savedHistory = new Float64Array(TAPS_PER_PHASE);
  private readonly silence = new Float64Array(HALF_TAPS);

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
    this.tables = tablesFor(this.factor);
    this.refineLimit = 1 / Math.cos(Math.PI / (2 * this.factor));
    this.pruning = options.pruning ?? true;
    this.points = new Float64Array(this.factor);
  }

  /** Clears the history (as if the input had been silent forever). */
  reset(): void {
    this.line.fill(0);
    this.lineMax.fill(0);
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
    this.savedHistory.set(this.line.subarray(0, TAPS_PER_PHASE));
    const flushed = this.scan(this.silence, 0, HALF_TAPS, peak, true, null, 0);
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
    const weights = this.tables.blockWeights;
    const pruning = this.pruning;
    // R, a hair over, so the rounding of the sums can never make a skipped period matter.
    const refineBound = this.refineLimit * (1 + 1e-9);
    const points = this.points;
    const lastPhase = this.factor - 1;
    let limit = threshold;
    let o = outStart;
    for (let from = start; from < end; from += CHUNK) {
      const count = Math.min(CHUNK, end - from);
      // Copy the chunk after the history; NaN and ±Infinity count as 0.
      for (let i = 0; i < count; i++) {
        const x = input[from + i];
        line[TAPS_PER_PHASE + i] = x - x === 0 ? x : 0;
      }
      const used = TAPS_PER_PHASE + count;
      for (let g = 0, i = 0; i < used; g++) {
        let m = 0;
        const stop = Math.min(used, i + GROUP);
        for (; i < stop; i++) {
          const a = line[i] < 0 ? -line[i] : line[i];
          if (a > m) m = a;
        }
        lineMax[g] = m;
      }
      // Period of new sample i reads line[i … i + N] (its support plus the point before it).
      // `before` carries y(k − 1/F) from the period just computed (bit-identical to computing it).
      let before = Number.NaN;
      for (let g0 = 0; g0 < count; g0 += GROUP) {
        const g1 = Math.min(count, g0 + GROUP);
        // Largest |x| any period of the group reads (Infinity: never skip the odd phases).
        let spanMax = Infinity;
        if (pruning) {
          let bound = 0;
          spanMax = 0;
          const first = g0 / GROUP;
          for (let b = 0; b < GROUP_BLOCKS; b++) {
            const m = lineMax[first + b];
            bound += weights[b] * m;
            if (m > spanMax) spanMax = m;
          }
          if (bound * refineBound <= limit) {
            if (out !== null) out.fill(0, o + g0, o + g1);
            before = Number.NaN;
            continue;
          }
        }
        for (let i = g0; i < g1; i++) {
          const v = this.periodPeak(i, limit, before, spanMax);
          before = points[lastPhase];
          if (v > limit) {
            if (rising) limit = v;
            if (out !== null) out[o + i] = v;
          } else if (out !== null) {
            out[o + i] = 0;
          }
        }
      }
      line.copyWithin(0, count, count + TAPS_PER_PHASE);
      o += count;
    }
    return rising ? limit : threshold;
  }

  /**
   * Period peak of the period whose support starts at line[i + 1] (its sample x[k] sits at
   * line[i + N/2]). Returns a value ≤ `limit` without refining when it cannot exceed `limit`.
   * `before` is y(k − 1/F) when already known (the previous period's last point), else NaN.
   * At 8× the even phases come first; the odd ones (more than half the work) only when the bound
   * mean(even neighbours) + D·spanMax says they could matter — otherwise the last point is
   * left NaN so the next period does not take it for `before`.
   */
  private periodPeak(i: number, limit: number, before: number, spanMax: number): number {
    const line = this.line;
    const coef = this.tables.interleaved;
    const factor = this.factor;
    const points = this.points;
    const s = i + 1;
    const last = s + TAPS_PER_PHASE - 1;
    points[0] = line[i + HALF_TAPS];
    const next = line[i + HALF_TAPS + 1];
    if (factor === 8) {
      let e2 = 0, o2 = 0, e4 = 0;
      for (let j = 0, c = 0; j < HALF_TAPS; j++, c += 7) {
        const a = line[s + j];
        const b = line[last - j];
        const u = a + b;
        e2 += coef[c + 2] * u;
        o2 += coef[c + 3] * (a - b);
        e4 += coef[c + 6] * u;
      }
      const y0 = points[0];
      const y2 = e2 + o2;
      const y4 = e4;
      const y6 = e2 - o2;
      points[2] = y2;
      points[4] = y4;
      points[6] = y6;
      if (this.oddCannotMatter(y0, y2, y4, y6, next, spanMax, limit)) {
        points[1] = points[3] = points[5] = 0;
        points[7] = Number.NaN;
        return this.evenPeak(limit);
      }
      let e1 = 0, o1 = 0, e3 = 0, o3 = 0;
      for (let j = 0, c = 0; j < HALF_TAPS; j++, c += 7) {
        const a = line[s + j];
        const b = line[last - j];
        const u = a + b;
        const v = a - b;
        e1 += coef[c] * u;
        o1 += coef[c + 1] * v;
        e3 += coef[c + 4] * u;
        o3 += coef[c + 5] * v;
      }
      points[1] = e1 + o1;
      points[7] = e1 - o1;
      points[3] = e3 + o3;
      points[5] = e3 - o3;
    } else if (factor === 4) {
      // One fused pass: at 4× the odd-phase bound (D = 0.38) rarely saves the second pass.
      let e1 = 0, o1 = 0, e2 = 0;
      for (let j = 0, c = 0; j < HALF_TAPS; j++, c += 3) {
        const a = line[s + j];
        const b = line[last - j];
        const u = a + b;
        e1 += coef[c] * u;
        o1 += coef[c + 1] * (a - b);
        e2 += coef[c + 2] * u;
      }
      points[1] = e1 + o1;
      points[3] = e1 - o1;
      points[2] = e2;
    } else {
      let e1 = 0;
      for (let j = 0; j < HALF_TAPS; j++) e1 += coef[j] * (line[s + j] + line[last - j]);
      points[1] = e1;
    }
    let best = 0;
    let at = 0;
    for (let p = 0; p < factor; p++) {
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
    const left = sign * (at !== 0 ? points[at - 1] : before === before ? before : this.pointBefore(i));
    const right = sign * (at === factor - 1 ? next : points[at + 1]);
    if (left > best || right > best || left < -best || right < -best) return best;
    const curvature = left - 2 * best + right;
    if (!(curvature < 0)) return best;
    const offset = (0.5 * (left - right)) / curvature;
    const vertex = best - 0.25 * (left - right) * offset;
    const clamp = best * refineLimit;
    return vertex > clamp ? clamp : vertex > best ? vertex : best;
  }

  /**
   * True when no point of the (8×) period can beat `limit` even after refinement: each odd point
   * is at most the mean of its even neighbours (y0 … y8, y8 = the next sample) plus D·spanMax, the
   * even points are known, and the refinement adds at most R; a hair of slack covers rounding.
   */
  private oddCannotMatter(y0: number, y2: number, y4: number, y6: number, next: number, spanMax: number, limit: number): boolean {
    const a0 = y0 < 0 ? -y0 : y0;
    const a2 = y2 < 0 ? -y2 : y2;
    const a4 = y4 < 0 ? -y4 : y4;
    const a6 = y6 < 0 ? -y6 : y6;
    const a8 = next < 0 ? -next : next;
    const pair = Math.max(a0 + a2, a2 + a4, a4 + a6, a6 + a8);
    const oddBound = 0.5 * pair + this.tables.oddExcess * spanMax;
    // The period's largest point, odd or even, is at most this; the refinement at most R times it.
    const bound = Math.max(oddBound, a0, a2, a4, a6);
    return bound * (1 + 1e-9) * this.refineLimit <= limit;
  }

  /** Period peak from the even points alone, when the odd ones cannot matter (≤ limit). */
  private evenPeak(limit: number): number {
    const points = this.points;
    let best = 0;
    for (let p = 0; p < this.factor; p += 2) {
      const a = points[p] < 0 ? -points[p] : points[p];
      if (a > best) best = a;
    }
    // best · R ≤ bound · R ≤ limit: this period cannot raise a maximum or need a gain.
    return best > limit ? limit : best;
  }

  /** y(k − 1/F): the last phase of the previous period, whose support starts at line[i]. */
  private pointBefore(i: number): number {
    const line = this.line;
    const even = this.tables.lastPhaseEven;
    const odd = this.tables.lastPhaseOdd;
    const last = i + TAPS_PER_PHASE - 1;
    let e = 0;
    let o = 0;
    for (let j = 0; j < HALF_TAPS; j++) {
      const a = line[i + j];
      const b = line[last - j];
      e += even[j] * (a + b);
      o += odd[j] * (a - b);
    }
    return e - o;
  }
}
