/**
 * The limiter's band-limiting filter and its true-peak detector in one: a linear-phase low-pass at
 * twice the sample rate whose even phase is the band-limited signal y that leaves the limiter and
 * whose odd phase is y's exact midpoints.
 *
 * Why (docs/dynamics.md, "What the ceiling covers"): the ideal reconstruction of content between
 * 20 kHz and fs/2 depends on samples far away (the sinc's tails add up coherently near fs/2), so no
 * short detector can bound the true peak of full-band material. Oversampling limiters get around it
 * implicitly: their decimation filter band-limits what leaves. Here the filter C is applied first,
 * so the detector sees exactly the signal that leaves.
 *
 * C, a Kaiser-windowed sinc on the 2× grid (taps at offsets τ = m/2 input samples, |τ| ≤ M):
 *
 *   c(τ) = 2·f_c·sinc(2·f_c·τ)·w(τ/M),   f_c = (f_p + f_s)/2,   w = Kaiser, β = 5.7
 *   y[k]       = Σ_{i=−M…M}        c(i)·x[k + i]              (even phase: the output sample)
 *   y(k + 1/2) = Σ_{τ=±1/2…±(M−1/2)} c(τ)·x[k + 1/2 + τ]      (odd phase: the midpoint)
 *
 * Its passband ends at f_p = 20 kHz (±0.01 dB; 0.4535·fs at 44.1 kHz) and its stop band starts at
 * f_s = 0.485·fs on the 2× grid (M = 60 at 44.1 kHz, 28 at 48 kHz, 8 from 88.2 kHz), so the images
 * of everything that passes are suppressed as well as the band above it: the 2× stream (y[k], y(k + 1/2)) is the ideal 2×
 * resampling of y to within the stop-band level (numbers in docs/dynamics.md). From there the
 * points y(k + 1/4), y(k + 3/4) come from stage 2 of the meter's half-band cascade
 * (`STAGE2_TAPS`, src/dsp/truePeak.ts; flat far beyond 0.5·fs on the 4× grid), and the period
 * peak gets the same parabolic refinement as the meter (ITU-R BS.1770-4 Annex 2's oversampling,
 * refined).
 *
 * Exact pruning: the midpoints, stage 2 and the refinement run only for groups of 8 periods whose
 * bound R·W·max(S_even, S_odd)·max|x| can beat the threshold (S = Σ|taps| of a phase, max|x| over
 * the samples the group's 2× stream reads, W = stage 2's largest Σ|weight| on the 2× stream,
 * R = the refinement's clamp). The even phase always runs (it is the output), both phases in one
 * pass where the group is not skipped; a chunk whose input is all zeros costs nothing.
 *
 * Precision: single (f32). The line, the taps, both phases, stage 2 and the refinement are IEEE
 * single-precision values and every +, −, ×, ÷ is rounded to single (docs/dynamics.md,
 * "Precision": y leaves the limiter as float32 anyway; the filter's rounding error is ≈ 1e−7 of the
 * signal rms, −134 dB or lower, at most a few 24-bit LSB near full scale). The TypeScript loops
 * emulate it with `Math.fround` after every single operation, in the WebAssembly lane's order.
 * That is exact, not an approximation: JavaScript computes each operation on the f32 operands in
 * double precision, rounded once to double, then `fround` rounds to single; for +, −, × and ÷
 * that double rounding equals the correctly rounded single result because 53 ≥ 2·24 + 2
 * (Figueroa, "When is double rounding innocuous?", SIGNUM Newsletter 30(3), 1995). Comparisons,
 * |·|, negation and max are exact.
 *
 * WebAssembly (asm/truePeak.ts): where it loads, the block maxima and, at 4×, the whole group loop
 * (`bandLimitGroups`: both phases sixteen periods per pass in f32x4 lanes, the pruning bound, stage
 * 2 and the refined peaks four periods per pass) run there in one call per chunk, with the same
 * operations in the same order (bit-identical; the TypeScript loops below are the fallback, and run
 * the 2× factor's peaks). The even phase then covers the whole chunk at once instead of growing per
 * group, and the odd phase a run of groups: same values (each depends on its index only).
 */
import { designStreamBound, kaiser, STAGE2_TAPS } from '../truePeak';
import { DENORMAL_FLOOR } from '../denormal';
import { createTruePeakWasm, type TruePeakWasm, type TruePeakWasmExports } from '../wasm/truePeakWasm';

/** Highest frequency the filter passes flat, Hz (at rates where 0.4535·fs is higher). */
export const BAND_LIMIT_PASS_HZ = 20000;
/** Passband edge as a fraction of fs at most: the meter's stage 1 is exact up to here (20 kHz at 44.1 kHz). */
const MAX_PASS_EDGE = 0.4535;
/**
 * Stop edge as a fraction of fs. fs/2 would be enough for our own detector (it is exact for
 * whatever C passes); 0.485·fs (21.4 kHz at 44.1 kHz, 23.3 kHz at 48 kHz) also keeps content out of
 * the top of the band where common meters' interpolators over-read: with the stop edge at fs/2,
 * ffmpeg's ebur128 read the limited white noise at −0.9 dBTP at 44.1 kHz (ideal −1.03) and our own
 * 8× meter −0.91; at 0.485·fs both read ≤ −1.0 (docs/dynamics.md).
 */
const STOP_EDGE = 0.485;
/** Kaiser β of the band-limiting filter: ripple ≤ ±0.01 dB in the passband. */
const BETA = 5.7;
/**
 * M × (transition width / fs): with β = 5.7 a Kaiser sinc stays within ±0.01 dB up to the
 * passband edge and reaches ≈ −60 dB at the stop edge when its half-length M is this over the
 * transition width (measured over the designs at 44.1–192 kHz; `bandLimitedPeak.test.ts`).
 */
const LENGTH_TIMES_TRANSITION = 1.86;

/** The filter's design at one sample rate (see the file comment). */
export interface BandLimitDesign {
  /** Passband edge, fraction of fs: min(20 kHz / fs, 0.4535). */
  passEdge: number;
  /** Stop edge, fraction of fs (0.485). */
  stopEdge: number;
  /** Half-length M in input samples; the 2× filter has 4M + 1 taps. */
  halfLength: number;
  /** Even phase, one side: even[i] = c(i), i = 0 … M. */
  even: Float64Array;
  /** Odd phase, one side: odd[i] = c(i + 1/2), i = 0 … M − 1. */
  odd: Float64Array;
}

const designs = new Map<number, BandLimitDesign>();

/**
 * The band-limiting filter at `sampleRate` (computed once per rate): passband to
 * min(20 kHz, 0.4535·fs), stop band from 0.485·fs on the 2× grid, cutoff halfway between.
 */
export function bandLimitDesign(sampleRate: number): BandLimitDesign {
  const cached = designs.get(sampleRate);
  if (cached !== undefined) return cached;
  const passEdge = Math.min(MAX_PASS_EDGE, BAND_LIMIT_PASS_HZ / sampleRate);
  // (At least 8: the shortest windows keep a little more ripple than the rule predicts.)
  const halfLength = Math.max(8, Math.ceil(LENGTH_TIMES_TRANSITION / (STOP_EDGE - passEdge) - 1e-9));
  const cutoff = (passEdge + STOP_EDGE) / 2;
  const tap = (tau: number): number => {
    const u = 2 * cutoff * tau;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    return 2 * cutoff * sinc * kaiser(tau / halfLength, BETA);
  };
  const design: BandLimitDesign = {
    passEdge,
    stopEdge: STOP_EDGE,
    halfLength,
    even: Float64Array.from({ length: halfLength + 1 }, (_, i) => tap(i)),
    odd: Float64Array.from({ length: halfLength }, (_, i) => tap(i + 0.5)),
  };
  designs.set(sampleRate, design);
  return design;
}

/**
 * Gain of the band-limiting filter at `frequency` (a fraction of fs, 0 … 0.5): the even phase's
 * response Σ c(i)·cos(2π f i). For the docs and tests, never in the signal path.
 */
export function bandLimitGain(sampleRate: number, frequency: number): number {
  const { even, halfLength } = bandLimitDesign(sampleRate);
  let sum = even[0];
  for (let i = 1; i <= halfLength; i++) sum += 2 * even[i] * Math.cos(2 * Math.PI * frequency * i);
  return sum;
}

const CHUNK = 256;
/**
 * Spare entries behind the WebAssembly arrays: its last pass of four lanes may read and write up
 * to three values past the end (asm/truePeak.ts, file comment); never read back.
 */
const PAD = 8;
/** f32 rounding (see the file comment, "Precision"). */
const f32 = Math.fround;
/** Periods per pruning group, and the width of the |x| block maxima (asm/truePeak.ts `blockMaxima` too). */
const GROUP = 8;

/** A detector's WebAssembly exports and the byte offsets of its arrays in the instance's memory. */
interface BandLimitWasm {
  exports: TruePeakWasmExports;
  line: number;
  lineMax: number;
  even: number;
  odd: number;
  evenTaps: number;
  oddTaps: number;
  stage2Taps: number;
  peaks: number;
}

/**
 * Streaming band-limiting filter + true-peak detector for one channel (see the file comment).
 * `process` takes input x[n] and returns, for each n, the output sample y[k] and the period peak
 * of y for k = n − `delaySamples` (the peak only when it exceeds the threshold, 0 otherwise).
 */
export class BandLimitedPeakDetector {
  /** Input samples between x[n] and the period k = n − delaySamples it completes: M + 2. */
  readonly delaySamples: number;
  /** Oversampling of the peak: 4 (2 at ≥ 176.4 kHz, where stage 2 is not needed). */
  readonly factor: number;

  private readonly design: BandLimitDesign;
  /** M, the filter's half-length. */
  private readonly halfLength: number;
  /** x[k] of chunk period j sits at line[j + center]; period j reads line[j … j + center + M + 2]. */
  private readonly center: number;
  private readonly history: number;
  /**
   * R·W·max(Σ|even taps|, Σ|odd taps|): every point of a period (and its refinement) is at most this
   * times max|x| over the samples its 2× stream reads (with room for the f32 rounding, below).
   */
  private readonly xBound: number;
  /** Input x, f32. */
  private readonly line: Float32Array;
  /** max|x| of each run of GROUP line entries. */
  private readonly lineMax: Float32Array;
  /** y at period t at index t + 2 (t = −2 … count + 1). */
  private readonly even: Float32Array;
  /** y(k_t + 1/2) at index t + 3 (t = −3 … count + 1). */
  private readonly odd: Float32Array;
  /** The taps c(0) … c(M) and c(1/2) … c(M − 1/2), rounded to f32. */
  private readonly evenTaps: Float32Array;
  private readonly oddTaps: Float32Array;
  /** y(k_t + 1/4), y(k_t + 3/4) at index t + 1 (t = −1 … count − 1). */
  private readonly quarter1 = new Float32Array(CHUNK + 1);
  private readonly quarter3 = new Float32Array(CHUNK + 1);
  /** R = 1/cos(π/(2·factor)), rounded to f32. */
  private readonly refineLimit: number;
  private readonly pruning: boolean;
  /** The WebAssembly stages and the byte offsets of the arrays above in its memory, or undefined. */
  private readonly wasm: BandLimitWasm | undefined;
  /** The period peaks of a chunk, in the WebAssembly memory (unused without it). */
  private readonly peakScratch: Float32Array;
  /**
   * With WebAssembly at 4×: the byte offset of this detector's descriptor for the limiter's
   * one-call chunk (asm/truePeak.ts `limiterChunk`, which writes the chunk's input into the line
   * after its history); −1 otherwise.
   */
  readonly wasmDescriptor: number;

  /**
   * @param sampleRate Hz (the filter's design depends on it).
   * @param factor 4 (44.1–96 kHz) or 2 (≥ 176.4 kHz).
   * @param pruning skip periods that cannot beat the threshold (default true; only the speed changes).
   * @param arena an instance of asm/truePeak.ts to allocate in instead of one of its own (the
   *   limiter shares one between both channels and its gain path, so one call runs a chunk).
   */
  constructor(sampleRate: number, factor: number, pruning = true, arena?: TruePeakWasm) {
    if (factor !== 2 && factor !== 4) throw new RangeError(`BandLimitedPeakDetector: factor must be 2 or 4 (got ${factor})`);
    this.factor = factor;
    this.design = bandLimitDesign(sampleRate);
    const m = this.design.halfLength;
    this.halfLength = m;
    this.delaySamples = m + 2;
    this.center = m + 2;
    this.history = this.center + this.delaySamples;
    const evenSum = this.design.even.reduce((sum, v, i) => sum + (i === 0 ? 1 : 2) * Math.abs(v), 0);
    const oddSum = 2 * this.design.odd.reduce((sum, v) => sum + Math.abs(v), 0);
    const lineLength = this.history + CHUNK;
    const lineMaxLength = Math.ceil(lineLength / GROUP) + 1;
    this.refineLimit = f32(1 / Math.cos(Math.PI / (2 * factor)));
    // Rounding: each computed phase value is at most (1 + u)^(M + 2) times its exact bound with the
    // f32 taps (u = 2^−24; M + 1 terms of c·(a + b), each rounded twice, summed in order), the taps
    // at most (1 + u) over the f64 ones, stage 2 adds (1 + u)^6 and the clamp R·best (1 + u)^2:
    // (1 + u)^71 < 1 + 4.3e−6 for M ≤ 60 (the longest design), so 1 + 1e−5 keeps the pruning exact.
    this.xBound = designStreamBound(factor) * this.refineLimit * Math.max(evenSum, oddSum) * (1 + 1e-5);
    this.pruning = pruning;
    const wasm = arena ?? createTruePeakWasm(BandLimitedPeakDetector.wasmFloat64s(sampleRate));
    this.wasmDescriptor = -1;
    if (wasm) {
      const single = (length: number): Float32Array => wasm.allocateFloat32(length);
      this.line = single(lineLength + PAD);
      this.lineMax = single(lineMaxLength);
      this.even = single(CHUNK + 4 + PAD);
      this.odd = single(CHUNK + 5 + PAD);
      this.evenTaps = single(m + 1);
      this.evenTaps.set(this.design.even);
      this.oddTaps = single(m);
      this.oddTaps.set(this.design.odd);
      const stage2Taps = single(4);
      stage2Taps.set(STAGE2_TAPS);
      this.peakScratch = single(CHUNK + PAD);
      this.wasm = {
        exports: wasm.exports,
        stage2Taps: stage2Taps.byteOffset,
        peaks: this.peakScratch.byteOffset,
        line: this.line.byteOffset,
        lineMax: this.lineMax.byteOffset,
        even: this.even.byteOffset,
        odd: this.odd.byteOffset,
        evenTaps: this.evenTaps.byteOffset,
        oddTaps: this.oddTaps.byteOffset,
      };
      if (factor === 4) {
        // The descriptor asm/truePeak.ts `limiterChunk` reads (B_* there): offsets and layout as
        // i32, then xBound and R as f64; and y's chunk with the denormal flush (`filtered`, f64).
        const filtered = wasm.allocate(CHUNK);
        const descriptor = wasm.allocate(9);
        new Int32Array(descriptor.buffer, descriptor.byteOffset, 13).set([
          this.line.byteOffset, this.lineMax.byteOffset, this.evenTaps.byteOffset, this.oddTaps.byteOffset, stage2Taps.byteOffset,
          this.even.byteOffset, this.odd.byteOffset, this.peakScratch.byteOffset, filtered.byteOffset, this.center, m,
          this.history, pruning ? 1 : 0,
        ]);
        descriptor[7] = this.xBound;
        descriptor[8] = this.refineLimit;
        this.wasmDescriptor = descriptor.byteOffset;
      }
    } else {
      this.line = new Float32Array(lineLength);
      this.lineMax = new Float32Array(lineMaxLength);
      this.even = new Float32Array(CHUNK + 4);
      this.odd = new Float32Array(CHUNK + 5);
      this.evenTaps = Float32Array.from(this.design.even);
      this.oddTaps = Float32Array.from(this.design.odd);
      this.peakScratch = this.odd;
      this.wasm = undefined;
    }
  }

  /** f64 one detector takes in an asm/truePeak.ts instance at `sampleRate` (generous: its f32 arrays counted as f64). */
  static wasmFloat64s(sampleRate: number): number {
    const m = bandLimitDesign(sampleRate).halfLength;
    const lineLength = 2 * (m + 2) + CHUNK;
    return lineLength + Math.ceil(lineLength / GROUP) + 1 + 4 * CHUNK + 18 + 2 * m + 5 + 4 * PAD;
  }

  /** Clears the history (as if the input had been silent forever). */
  reset(): void {
    this.line.fill(0);
  }

  /**
   * Pushes input[0 … count) (finite values, any count; rounded to f32) and writes, for each input
   * sample i, y[k] to `output[i]` and the period peak of k (or 0 when it is ≤ threshold ≥ 0) to
   * `peaks[i]` (both f32 values), k being the period that sample completes (`delaySamples` earlier).
   */
  process(input: ArrayLike<number>, count: number, threshold: number, output: Float64Array, peaks: Float64Array): void {
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      this.processChunk(input, from, n, threshold, output, peaks);
    }
  }

  private processChunk(input: ArrayLike<number>, from: number, count: number, threshold: number, output: Float64Array, peaks: Float64Array): void {
    const line = this.line;
    const history = this.history;
    const center = this.center;
    const m = this.halfLength;
    for (let i = 0; i < count; i++) line[history + i] = input[from + i];
    const pruning = this.pruning;
    const lineMax = this.lineMax;
    const used = history + count;
    const wasm = this.wasm;
    let chunkMax = 0;
    if (wasm) {
      chunkMax = wasm.exports.blockMaxima(wasm.line, used, wasm.lineMax);
    } else {
      for (let g = 0, i = 0; i < used; g++) {
        let mx = 0;
        const stop = Math.min(used, i + GROUP);
        for (; i < stop; i++) {
          const a = line[i] < 0 ? -line[i] : line[i];
          if (a > mx) mx = a;
        }
        lineMax[g] = mx;
        if (mx > chunkMax) chunkMax = mx;
      }
    }
    if (chunkMax === 0) {
      // Silence in everything this chunk reads: y and its peaks are exactly 0.
      output.fill(0, from, from + count);
      peaks.fill(0, from, from + count);
      line.copyWithin(0, count, count + history);
      return;
    }
    const even = this.even;
    if (wasm && this.factor === 4) {
      // The whole group loop below in one call (asm/truePeak.ts `bandLimitGroups`, same values).
      wasm.exports.bandLimitGroups(
        wasm.line, wasm.lineMax, center, m, wasm.evenTaps, wasm.oddTaps, wasm.stage2Taps,
        wasm.even, wasm.odd, count, threshold, this.xBound, this.refineLimit, pruning ? 1 : 0, wasm.peaks,
      );
      const peakScratch = this.peakScratch;
      for (let i = 0; i < count; i++) {
        const v = even[i + 2];
        output[from + i] = Math.abs(v) < DENORMAL_FLOOR ? 0 : v;
        peaks[from + i] = peakScratch[i];
      }
      line.copyWithin(0, count, count + history);
      return;
    }
    // Per group of periods: y (the output) always; the midpoints, stage 2 and the refinement only
    // where the group's peaks can beat the threshold. Computed ranges only grow, so each value is
    // computed once while groups follow each other.
    let evenDone = -2;
    let oddDone = -3;
    let quarterDone = -1;
    // With WebAssembly the peaks go to its scratch first (copied out at the end of the chunk).
    const peakOut = wasm ? this.peakScratch : peaks;
    const peakAt = wasm ? 0 : from;
    if (wasm) {
      // y for periods −2 … count + 1 in one call (each value as fillEven computes it).
      wasm.exports.evenPhase(wasm.line + 4 * (center - 2), wasm.evenTaps, m, wasm.even, count + 4);
      evenDone = count + 2;
    }
    for (let g0 = 0; g0 < count; g0 += GROUP) {
      const g1 = Math.min(count, g0 + GROUP);
      if (pruning) {
        // The group's points read y at periods g0 − 2 … g1 + 1 and midpoints g0 − 3 … g1 + 1,
        // which read x at line[g0 + center − 2 − m … g1 + center + 1 + m]. (maxX is an f32 value,
        // the product in f64, as asm/truePeak.ts.)
        let maxX = 0;
        const b1 = Math.floor((g1 + center + 1 + m) / GROUP);
        for (let b = Math.floor((g0 + center - 2 - m) / GROUP); b <= b1; b++) if (lineMax[b] > maxX) maxX = lineMax[b];
        if (maxX * this.xBound <= threshold) {
          if (evenDone < g1) {
            this.fillEven(evenDone > g0 ? evenDone : g0, g1);
            evenDone = g1;
          }
          peakOut.fill(0, peakAt + g0, peakAt + g1);
          continue;
        }
      }
      const oddFrom = oddDone > g0 - 3 ? oddDone : g0 - 3;
      if (wasm) {
        // The midpoints y(k_t + 1/2), t = oddFrom … g1 + 1, at odd[t + 3].
        wasm.exports.oddPhase(wasm.line + 4 * (oddFrom + center), wasm.oddTaps, m, wasm.odd + 4 * (oddFrom + 3), g1 + 2 - oddFrom);
      } else {
        const evenFrom = evenDone > g0 - 2 ? evenDone : g0 - 2;
        const both = evenFrom > oddFrom ? evenFrom : oddFrom;
        if (evenFrom < both) this.fillEven(evenFrom, both);
        if (oddFrom < both) this.fillOdd(oddFrom, both);
        this.fillBoth(both, g1 + 2);
        evenDone = g1 + 2;
      }
      oddDone = g1 + 2;
      if (this.factor === 4) {
        const q0 = quarterDone > g0 - 1 ? quarterDone : g0 - 1;
        this.fillQuarters(q0, g1);
        quarterDone = g1;
      }
      for (let j = g0; j < g1; j++) {
        const v = this.periodPeak(j, threshold);
        peakOut[peakAt + j] = v > threshold ? v : 0;
      }
    }
    if (peakOut !== peaks) for (let i = 0; i < count; i++) peaks[from + i] = peakOut[i];
    // Output below −500 dB is 0: a tail of tiny input would otherwise ring into float32 subnormals.
    for (let i = 0; i < count; i++) {
      const v = even[i + 2];
      output[from + i] = Math.abs(v) < DENORMAL_FLOOR ? 0 : v;
    }
    line.copyWithin(0, count, count + history);
  }

  /** Even phase (the output): y[k_t] for periods t0 … t1 − 1 (M + 1 folded multiply-adds each). */
  private fillEven(t0: number, t1: number): void {
    const line = this.line;
    const even = this.even;
    const taps = this.evenTaps;
    const m = this.halfLength;
    const e0 = taps[0];
    for (let t = t0; t < t1; t++) {
      // y[k] = c(0)·x[k] + Σ c(i)·(x[k − i] + x[k + i]), every operation rounded to f32.
      const c = t + this.center;
      let sum = f32(e0 * line[c]);
      for (let i = 1; i <= m; i++) sum = f32(sum + f32(taps[i] * f32(line[c - i] + line[c + i])));
      even[t + 2] = sum;
    }
  }

  /**
   * Both phases for periods t0 … t1 − 1 in one pass (they share the samples behind k), summed in
   * the same order as `fillEven` / `fillOdd`, so the values are bit-identical to theirs.
   */
  private fillBoth(t0: number, t1: number): void {
    const line = this.line;
    const even = this.even;
    const odd = this.odd;
    const evenTaps = this.evenTaps;
    const oddTaps = this.oddTaps;
    const m = this.halfLength;
    const e0 = evenTaps[0];
    const o0 = oddTaps[0];
    const em = evenTaps[m];
    for (let t = t0; t < t1; t++) {
      const c = t + this.center;
      const x0 = line[c];
      let ahead = line[c + 1];
      let sumEven = f32(e0 * x0);
      let sumOdd = f32(o0 * f32(x0 + ahead));
      for (let i = 1; i < m; i++) {
        // x[k − i] serves both; x[k + i] (even) is the odd phase's x[k + 1 + (i − 1)] of the step before.
        const behind = line[c - i];
        const next = line[c + 1 + i];
        sumEven = f32(sumEven + f32(evenTaps[i] * f32(behind + ahead)));
        sumOdd = f32(sumOdd + f32(oddTaps[i] * f32(behind + next)));
        ahead = next;
      }
      sumEven = f32(sumEven + f32(em * f32(line[c - m] + ahead)));
      even[t + 2] = sumEven;
      odd[t + 3] = sumOdd;
    }
  }

  /** Odd phase: y(k_t + 1/2) for periods t0 … t1 − 1 (M folded multiply-adds each). */
  private fillOdd(t0: number, t1: number): void {
    const line = this.line;
    const odd = this.odd;
    const taps = this.oddTaps;
    const m = this.halfLength;
    for (let t = t0; t < t1; t++) {
      // x[k + 1/2 ∓ (i + 1/2)] = x[k − i], x[k + 1 + i]; the first term starts the sum (as in
      // `fillBoth` and asm/truePeak.ts: 0 + (−0) would be +0).
      const a = t + this.center;
      const b = a + 1;
      let sum = f32(taps[0] * f32(line[a] + line[b]));
      for (let i = 1; i < m; i++) sum = f32(sum + f32(taps[i] * f32(line[a - i] + line[b + i])));
      odd[t + 3] = sum;
    }
  }

  /** Stage 2 (the meter's): y(k_t + 1/4) and y(k_t + 3/4) for periods t0 … t1 − 1. */
  private fillQuarters(t0: number, t1: number): void {
    const even = this.even;
    const odd = this.odd;
    const q1 = this.quarter1;
    const q3 = this.quarter3;
    const g0 = f32(STAGE2_TAPS[0]), g1 = f32(STAGE2_TAPS[1]), g2 = f32(STAGE2_TAPS[2]), g3 = f32(STAGE2_TAPS[3]);
    for (let t = t0; t < t1; t++) {
      const e = t + 2;
      const xm1 = even[e - 1], x0 = even[e], x1 = even[e + 1], x2 = even[e + 2];
      const h = t + 3;
      const hm2 = odd[h - 2], hm1 = odd[h - 1], h0 = odd[h], h1 = odd[h + 1], h2 = odd[h + 2];
      // The 2× stream around k + 1/4: … y[k−1], y(k−1/2), y[k], y(k+1/2), y[k+1], y(k+3/2) …
      // (In f32, summed left to right: ((a + b) + c) + d.)
      q1[t + 1] = f32(f32(f32(f32(g0 * f32(x0 + h0)) + f32(g1 * f32(hm1 + x1))) + f32(g2 * f32(xm1 + h1))) + f32(g3 * f32(hm2 + x2)));
      q3[t + 1] = f32(f32(f32(f32(g0 * f32(h0 + x1)) + f32(g1 * f32(x0 + h1))) + f32(g2 * f32(hm1 + x2))) + f32(g3 * f32(xm1 + h2)));
    }
  }

  /**
   * Period peak of period j: the largest |point| of y(k), y(k + 1/4) … y(k + 3/4), raised to the
   * vertex of the parabola through it and its grid neighbours when it is a local maximum (clamped
   * to R times it), as in `TruePeakInterpolator`; in f32. `limit` ≥ 0 is compared as a double:
   * for an f32 value v, v > limit ⇔ v > the largest f32 ≤ limit, which is what asm/truePeak.ts
   * compares with.
   */
  private periodPeak(j: number, limit: number): number {
    const even = this.even;
    const odd = this.odd;
    let before: number, p0: number, p1: number, p2: number, p3: number, after: number;
    p0 = even[j + 2];
    after = even[j + 3];
    if (this.factor === 4) {
      before = this.quarter3[j];
      p1 = this.quarter1[j + 1];
      p2 = odd[j + 3];
      p3 = this.quarter3[j + 1];
    } else {
      before = odd[j + 2];
      p1 = odd[j + 3];
      p2 = 0;
      p3 = 0;
    }
    // Largest |point| and its neighbours (signs flipped so it is positive).
    let best = p0 < 0 ? -p0 : p0;
    let left = before, mid = p0, right = p1;
    const a1 = p1 < 0 ? -p1 : p1;
    if (a1 > best) {
      best = a1;
      left = p0; mid = p1; right = this.factor === 4 ? p2 : after;
    }
    if (this.factor === 4) {
      const a2 = p2 < 0 ? -p2 : p2;
      if (a2 > best) {
        best = a2;
        left = p1; mid = p2; right = p3;
      }
      const a3 = p3 < 0 ? -p3 : p3;
      if (a3 > best) {
        best = a3;
        left = p2; mid = p3; right = after;
      }
    }
    const refineLimit = this.refineLimit;
    const clamp = f32(best * refineLimit);
    if (clamp <= limit || best === 0) return best;
    if (mid < 0) {
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
