// AssemblyScript source of the loudness meter's WebAssembly module (built by `npm run build:wasm`
// into src/dsp/wasm/truePeakMeterWasmBytes.ts): the whole chunk of `TruePeakInterpolator.scan`
// (src/dsp/truePeak.ts) in one call — block maxima, both exact pruning bounds, the half-band
// cascade's three stages and the refined period peaks — and the stereo meter's whole push
// (`LoudnessMeter.pushChannels`, src/dsp/loudness/meter.ts): K-weighting and squares, sample
// peaks and the true-peak scan of both channels, in one call per chunk.
//
// Why a second module: both would not fit in one of 4096 bytes, the most Chromium compiles
// synchronously on its main thread (docs/performance.md). The cascade's stages come from
// asm/truePeakCascade.ts.
//
// Precision: the true-peak scan (line, taps, stages, peaks, refinement) is f32, four periods per
// f32x4 (asm/truePeakCascade.ts); the K-weighting, the squares, the sample peaks and the pruning
// bounds' sums stay f64. Bit-identical to the TypeScript: every value is the same IEEE operation
// in the same order (the TypeScript rounds to single with Math.fround after each; WebAssembly has
// no implicit fused multiply-add); maxima and |x| are exact in any order; the comparisons are the
// TypeScript's. test/unit/dsp/truePeakWasm.test.ts and test/unit/dsp/loudness.test.ts compare
// both paths.
import { blockMaxima, cascadePeaks, halfBandMidpoints, quarters } from './truePeakCascade';

// The interpolator's layout (src/dsp/truePeak.ts): x[k_j] at line[j + CENTER], HISTORY entries
// kept before a chunk, GROUP periods per pruning group whose bound covers GROUP_BLOCKS blocks.
const HALF_TAPS = 20;
const CENTER = 22;
const HISTORY = 44;
const GROUP = 8;
const GROUP_BLOCKS = 7;

// One interpolator's descriptor (written once by TruePeakInterpolator): byte offsets (i32) of its
// arrays (f32, except the block weights: f64), then its constants (f64).
const D_LINE = 0;
const D_LINE_MAX = 4;
const D_HALF = 8;
const D_Q1 = 12;
const D_Q3 = 16;
const D_TAPS1 = 20;
const D_TAPS2 = 24;
const D_TAPS3 = 28;
const D_WEIGHTS = 32;
const D_FACTOR = 36;
const D_PRUNING = 40;
const D_PEAKS = 44;
const D_POINTS = 48;
const D_REFINE_LIMIT = 56;
const D_REFINE_BOUND = 64;
const D_STREAM_BOUND = 72;

/**
 * One chunk of `TruePeakInterpolator.scan` (factor 2, 4 or 8), after the chunk's `count` samples
 * were written at line[HISTORY …] (f32): the block maxima (pruning), then per group of GROUP
 * periods the block bound, stage 1, the meter's stream bound (`rising`), stage 2 and the period
 * peaks; then the line's last HISTORY entries move to its start. A peak above the limit raises it
 * when `rising`, or is written to the descriptor's peaks (f32) when `out` (0 elsewhere). Returns
 * the limit (limit ≥ 0).
 */
export function scanChunk(desc: usize, count: i32, limit: f64, rising: i32, out: i32): f64 {
  const line = <usize>load<i32>(desc, D_LINE);
  const lineMax = <usize>load<i32>(desc, D_LINE_MAX);
  const half = <usize>load<i32>(desc, D_HALF);
  const q1 = <usize>load<i32>(desc, D_Q1);
  const q3 = <usize>load<i32>(desc, D_Q3);
  const weights = <usize>load<i32>(desc, D_WEIGHTS);
  const factor = load<i32>(desc, D_FACTOR);
  const pruning = load<i32>(desc, D_PRUNING);
  const peaks = out ? <usize>load<i32>(desc, D_PEAKS) : 0;
  const refineLimit = <f32>load<f64>(desc, D_REFINE_LIMIT);
  const refineBound = load<f64>(desc, D_REFINE_BOUND);
  const streamBound = load<f64>(desc, D_STREAM_BOUND);
  if (pruning) blockMaxima(line, HISTORY + count, lineMax);
  let halfDone = -3;
  let quarterDone = -1;
  for (let g0 = 0; g0 < count; g0 += GROUP) {
    const g1 = min(count, g0 + GROUP);
    if (pruning) {
      // Σ_b c_b·max_b in f64, in b order from 0, as the TypeScript sums it (max_b is an f32 value).
      let bound: f64 = 0;
      const first = lineMax + (<usize>(g0 / GROUP) << 2);
      for (let b = 0; b < GROUP_BLOCKS; b++) bound += load<f64>(weights + (<usize>b << 3)) * <f64>load<f32>(first + (<usize>b << 2));
      if (bound * refineBound <= limit) {
        if (peaks) memory.fill(peaks + (<usize>g0 << 2), 0, <usize>(g1 - g0) << 2);
        continue;
      }
    }
    if (halfDone < g1 + 2) {
      // Stage 1 for periods h0 … g1 + 1 — in passes of sixteen, whose extra midpoints are kept
      // while they are valid (up to period count + 1: the chunk's whole line is there), so the next
      // group usually finds its own done (each value depends on its index only: the TypeScript,
      // which computes exactly what each group reads, gets the same values).
      const h0 = max(halfDone, g0 - 3);
      halfBandMidpoints(line + (<usize>(h0 + CENTER) << 2), <usize>load<i32>(desc, D_TAPS1), HALF_TAPS, half + (<usize>(h0 + 3) << 2), g1 + 2 - h0);
      halfDone = min(h0 + ((g1 + 2 - h0 + 15) & ~15), count + 2);
    }
    if (pruning && rising) {
      // The meter's second bound: max |2× stream| the group's points read, times W·R (maxima of
      // |f32| as bit patterns, as in `blockMaxima`). Four vectors each: half[g0 … g0 + 15] and
      // line[g0 + CENTER − 2 … + 15] hold the 13 entries of each that the TypeScript reads
      // (half[g0 … g1 + 4], line[g0 + CENTER − 2 … g1 + CENTER + 2]) and a few more (padded,
      // finite; a NaN's bits would only prevent the skip). A larger maximum only skips less, and
      // skipping never changes a reading, so the readings stay the TypeScript's.
      const magnitude = i32x4.splat(0x7fffffff);
      const hp = half + (<usize>g0 << 2);
      const lp = line + (<usize>(g0 + CENTER - 2) << 2);
      let m = i32x4.max_u(
        i32x4.max_u(i32x4.max_u(v128.and(v128.load(hp), magnitude), v128.and(v128.load(hp, 16), magnitude)),
          i32x4.max_u(v128.and(v128.load(hp, 32), magnitude), v128.and(v128.load(hp, 48), magnitude))),
        i32x4.max_u(i32x4.max_u(v128.and(v128.load(lp), magnitude), v128.and(v128.load(lp, 16), magnitude)),
          i32x4.max_u(v128.and(v128.load(lp, 32), magnitude), v128.and(v128.load(lp, 48), magnitude))),
      );
      m = i32x4.max_u(m, v128.shuffle<i32>(m, m, 2, 3, 0, 1));
      m = i32x4.max_u(m, v128.shuffle<i32>(m, m, 1, 0, 3, 2));
      if (<f64>f32x4.extract_lane(m, 0) * streamBound <= limit) {
        if (peaks) memory.fill(peaks + (<usize>g0 << 2), 0, <usize>(g1 - g0) << 2);
        continue;
      }
    }
    if (factor > 2) {
      const qFrom = max(quarterDone, g0 - 1);
      quarters(line, CENTER, half, q1, q3, <usize>load<i32>(desc, D_TAPS2), qFrom, g1 + 1);
      quarterDone = g1;
    }
    limit = cascadePeaks(
      line, CENTER, half, q1, q3, <usize>load<i32>(desc, D_TAPS3), g0, g1, factor, limit, rising, refineLimit,
      peaks, <usize>load<i32>(desc, D_POINTS),
    );
  }
  memory.copy(line, line + (<usize>count << 2), HISTORY << 2);
  return limit;
}

// The stereo meter's state block (f64 slots; lanes: left, right).
const M_COEFFICIENTS = 0; // b0 b1 b2 a1 a2 (shelf), b0 b1 b2 a1 a2 (RLB high-pass)
const M_S1 = 80;
const M_S2 = 96;
const M_T1 = 112;
const M_T2 = 128;
const M_TICK_SUMS = 144;
const M_SAMPLE_PEAKS = 160;
const M_TRUE_PEAKS = 176;
/** Below this the K-weighting state is flushed to 0 (src/dsp/loudness/kWeighting.ts). */
const DENORMAL_FLOOR: f64 = 1e-25;

/**
 * `LoudnessMeter.pushChannels` for `count` ≤ 256 stereo frames (left, right: f64 in memory) that
 * do not cross a tick: both channels' K-weighting (BS.1770-4 Annex 1 § 2.1, two biquads in
 * transposed direct form II) in the two lanes of an f64x2, their squares added to the tick sums,
 * the sample peaks, and each channel's true-peak scan (`scanChunk`, running maximum) on the
 * sanitized samples. Non-finite samples count as 0. State and results live in `state`.
 */
export function meterPush(state: usize, left: usize, right: usize, count: i32, descLeft: usize, descRight: usize): void {
  const b0 = f64x2.splat(load<f64>(state, M_COEFFICIENTS));
  const b1 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 8));
  const b2 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 16));
  const a1 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 24));
  const a2 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 32));
  const hb0 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 40));
  const hb1 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 48));
  const hb2 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 56));
  const ha1 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 64));
  const ha2 = f64x2.splat(load<f64>(state, M_COEFFICIENTS + 72));
  const floor = f64x2.splat(DENORMAL_FLOOR);
  const zero = f64x2.splat(0);
  const infinity = f64x2.splat(Infinity);
  let s1 = v128.load(state, M_S1);
  let s2 = v128.load(state, M_S2);
  let t1 = v128.load(state, M_T1);
  let t2 = v128.load(state, M_T2);
  let acc = v128.load(state, M_TICK_SUMS);
  let peak = v128.load(state, M_SAMPLE_PEAKS);
  const lineLeft = <usize>load<i32>(descLeft, D_LINE) + (HISTORY << 2);
  const lineRight = <usize>load<i32>(descRight, D_LINE) + (HISTORY << 2);
  const zero32 = f32x4.splat(0);
  for (let i = 0; i < count; i++) {
    const at = <usize>i << 3;
    const raw = f64x2.replace_lane(f64x2.splat(load<f64>(left + at)), 1, load<f64>(right + at));
    // Sample peak: |x| when it beats the peak and is not infinite (NaN never beats it).
    const magnitude = f64x2.abs(raw);
    peak = v128.bitselect(magnitude, peak, v128.and(f64x2.gt(magnitude, peak), f64x2.ne(magnitude, infinity)));
    // NaN and ±Infinity count as 0: x − x is 0 exactly for finite x.
    const x = v128.and(raw, f64x2.eq(f64x2.sub(raw, raw), zero));
    // The true-peak lines are f32: the sample rounded to single, then non-finite (also what
    // overflowed single) as 0, as the TypeScript's Float32Array store and its x − x test.
    let x32 = f32x4.demote_f64x2_zero(raw);
    x32 = v128.and(x32, f32x4.eq(f32x4.sub(x32, x32), zero32));
    v128.store32_lane(lineLeft + (<usize>i << 2), x32, 0);
    v128.store32_lane(lineRight + (<usize>i << 2), x32, 1);
    const u = f64x2.add(f64x2.mul(b0, x), s1);
    s1 = f64x2.add(f64x2.sub(f64x2.mul(b1, x), f64x2.mul(a1, u)), s2);
    s2 = f64x2.sub(f64x2.mul(b2, x), f64x2.mul(a2, u));
    const y = f64x2.add(f64x2.mul(hb0, u), t1);
    t1 = f64x2.add(f64x2.sub(f64x2.mul(hb1, u), f64x2.mul(ha1, y)), t2);
    t2 = f64x2.sub(f64x2.mul(hb2, u), f64x2.mul(ha2, y));
    // |s| < floor → +0 (the TypeScript's `s < F && s > −F`, the same for every value).
    s1 = v128.andnot(s1, f64x2.lt(f64x2.abs(s1), floor));
    s2 = v128.andnot(s2, f64x2.lt(f64x2.abs(s2), floor));
    t1 = v128.andnot(t1, f64x2.lt(f64x2.abs(t1), floor));
    t2 = v128.andnot(t2, f64x2.lt(f64x2.abs(t2), floor));
    acc = f64x2.add(acc, f64x2.mul(y, y));
  }
  v128.store(state, s1, M_S1);
  v128.store(state, s2, M_S2);
  v128.store(state, t1, M_T1);
  v128.store(state, t2, M_T2);
  v128.store(state, acc, M_TICK_SUMS);
  v128.store(state, peak, M_SAMPLE_PEAKS);
  store<f64>(state, scanChunk(descLeft, count, load<f64>(state, M_TRUE_PEAKS), 1, 0), M_TRUE_PEAKS);
  store<f64>(state, scanChunk(descRight, count, load<f64>(state, M_TRUE_PEAKS + 8), 1, 0), M_TRUE_PEAKS + 8);
}
