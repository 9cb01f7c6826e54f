// AssemblyScript source of the limiter's WebAssembly module (built by `npm run build:wasm` into
// src/dsp/wasm/truePeakWasmBytes.ts): the symmetric, folded FIR loops of `BandLimitedPeakDetector`
// (src/dsp/dynamics/bandLimitedPeak.ts: the limiter's band-limiting filter, both phases, and its 4×
// peaks), the block maxima its exact pruning reads, and the limiter kernel's whole chunk
// (`limiterChunk`: both detectors, the gain path, the delay and the output stage in one call).
// The meter's cascade is in asm/truePeakCascade.ts (module asm/truePeakMeter.ts), in f32 as well.
//
// Precision: the detector runs in IEEE single precision (f32) — its line, taps, both phases,
// stage 2 and the refinement — because what it feeds leaves as float32 anyway and f32x4 lanes do
// twice the outputs per instruction of f64x2 (docs/dynamics.md, "Precision"; docs/performance.md).
// The gain path stays f64 (its moving average re-sums exactly; it is not where the time goes).
//
// SIMD: consecutive outputs in lanes. Output t … t + 3 read the same taps over line windows one
// sample apart, so one unaligned f32x4 load of line[j … j + 3] feeds all four lanes; four vectors
// (16 outputs) run per pass so four independent sums hide the add latency. Each lane performs
// exactly the TypeScript loop's IEEE single operations in the same order (WebAssembly SIMD has no
// implicit fused multiply-add; relaxed-simd, which has, is not enabled), so the results are
// bit-identical to the TypeScript loops (which emulate f32 with Math.fround after every
// operation), which remain the fallback; test/unit/dsp/truePeakWasm.test.ts compares them.
//
// The tails run four outputs (periods) per pass as well: the last pass may compute up to three
// values past `count` from the padding behind the arrays (BandLimitedPeakDetector allocates it);
// those values are never read, and each lane's value depends on its own index only.
//
// Memory is imported (the host sizes it once and never grows it) and addressed by byte offsets the
// host passes in; nothing here allocates. `line` arguments point at the centre sample of output 0.
import { blockMaxima, refineLanes } from './truePeakCascade';

// The block maxima the exact pruning reads (shared with the meter's module).
export { blockMaxima };

/**
 * Even phase of the band-limiting filter (the limiter's output sample), for t = 0 … count − 1:
 *   out[t] = c(0)·x[t] + Σ_{i=1…m} c(i)·(x[t − i] + x[t + i])     (x = line, summed in i order, f32)
 * @param line byte offset of x[0] (f32; x[−m] … x[count + 2 + m] readable).
 * @param taps byte offset of c(0) … c(m) (f32).
 */
export function evenPhase(line: usize, taps: usize, m: i32, out: usize, count: i32): void {
  const e0 = v128.load32_splat(taps);
  let t = 0;
  for (; t + 16 <= count; t += 16) {
    const p = line + (<usize>t << 2);
    let a0 = f32x4.mul(e0, v128.load(p));
    let a1 = f32x4.mul(e0, v128.load(p, 16));
    let a2 = f32x4.mul(e0, v128.load(p, 32));
    let a3 = f32x4.mul(e0, v128.load(p, 48));
    for (let i = 1; i <= m; i++) {
      const c = v128.load32_splat(taps + (<usize>i << 2));
      const lo = p - (<usize>i << 2);
      const hi = p + (<usize>i << 2);
      a0 = f32x4.add(a0, f32x4.mul(c, f32x4.add(v128.load(lo), v128.load(hi))));
      a1 = f32x4.add(a1, f32x4.mul(c, f32x4.add(v128.load(lo, 16), v128.load(hi, 16))));
      a2 = f32x4.add(a2, f32x4.mul(c, f32x4.add(v128.load(lo, 32), v128.load(hi, 32))));
      a3 = f32x4.add(a3, f32x4.mul(c, f32x4.add(v128.load(lo, 48), v128.load(hi, 48))));
    }
    const o = out + (<usize>t << 2);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; t < count; t += 4) {
    const p = line + (<usize>t << 2);
    let a = f32x4.mul(e0, v128.load(p));
    for (let i = 1; i <= m; i++) {
      const c = v128.load32_splat(taps + (<usize>i << 2));
      a = f32x4.add(a, f32x4.mul(c, f32x4.add(v128.load(p - (<usize>i << 2)), v128.load(p + (<usize>i << 2)))));
    }
    v128.store(out + (<usize>t << 2), a);
  }
}

/**
 * Odd phase of the band-limiting filter (the midpoints y(t + 1/2)), for t = 0 … count − 1:
 *   out[t] = c(1/2)·(x[t] + x[t + 1]) + Σ_{i=1…m−1} c(i + 1/2)·(x[t − i] + x[t + 1 + i])   (f32)
 * @param taps byte offset of c(1/2) … c(m − 1/2) (f32).
 */
export function oddPhase(line: usize, taps: usize, m: i32, out: usize, count: i32): void {
  const o0 = v128.load32_splat(taps);
  let t = 0;
  for (; t + 16 <= count; t += 16) {
    const p = line + (<usize>t << 2);
    const q = p + 4;
    let a0 = f32x4.mul(o0, f32x4.add(v128.load(p), v128.load(q)));
    let a1 = f32x4.mul(o0, f32x4.add(v128.load(p, 16), v128.load(q, 16)));
    let a2 = f32x4.mul(o0, f32x4.add(v128.load(p, 32), v128.load(q, 32)));
    let a3 = f32x4.mul(o0, f32x4.add(v128.load(p, 48), v128.load(q, 48)));
    for (let i = 1; i < m; i++) {
      const c = v128.load32_splat(taps + (<usize>i << 2));
      const lo = p - (<usize>i << 2);
      const hi = q + (<usize>i << 2);
      a0 = f32x4.add(a0, f32x4.mul(c, f32x4.add(v128.load(lo), v128.load(hi))));
      a1 = f32x4.add(a1, f32x4.mul(c, f32x4.add(v128.load(lo, 16), v128.load(hi, 16))));
      a2 = f32x4.add(a2, f32x4.mul(c, f32x4.add(v128.load(lo, 32), v128.load(hi, 32))));
      a3 = f32x4.add(a3, f32x4.mul(c, f32x4.add(v128.load(lo, 48), v128.load(hi, 48))));
    }
    const o = out + (<usize>t << 2);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; t < count; t += 4) {
    const p = line + (<usize>t << 2);
    const q = p + 4;
    let a = f32x4.mul(o0, f32x4.add(v128.load(p), v128.load(q)));
    for (let i = 1; i < m; i++) {
      const c = v128.load32_splat(taps + (<usize>i << 2));
      a = f32x4.add(a, f32x4.mul(c, f32x4.add(v128.load(p - (<usize>i << 2)), v128.load(q + (<usize>i << 2)))));
    }
    v128.store(out + (<usize>t << 2), a);
  }
}

/**
 * The limiter's 4× period peaks (`BandLimitedPeakDetector` with factor 4) for periods
 * j = j0 … j1 − 1, four periods per pass in the lanes of an f32x4 (j … j + 3): stage 2 of the
 * meter's cascade on the 2× stream (even[t + 2] = y[k_t], odd[t + 3] = y(k_t + 1/2)) gives
 * y(k + 1/4) and y(k + 3/4),
 *   q1 = g0·(x0 + h0) + g1·(h−1 + x1) + g2·(x−1 + h1) + g3·(h−2 + x2)
 *   q3 = g0·(h0 + x1) + g1·(x0 + h1) + g2·(h−1 + x2) + g3·(x−1 + h2)
 * then the first largest |point| of y(k), y(k + 1/4), y(k + 1/2), y(k + 3/4) with its neighbours
 * and the refinement (as the meter's `cascadePeaks` in asm/truePeakCascade.ts), each lane's value computed
 * as the scalar code computes it and chosen by masks instead of branches. peaks[j] = that peak when
 * it exceeds `limit`, else 0. The last pass may write up to three peaks past j1 (see the file
 * comment; the caller writes what belongs there afterwards).
 * @param g byte offset of the four stage-2 taps (f32).
 * @param limit the largest f32 ≤ the threshold: for an f32 value v, v > limit ⇔ v > threshold.
 */
function limiterPeaks4(
  even: usize, odd: usize, g: usize, j0: i32, j1: i32, limit: f32, refineLimit: f32, peaks: usize,
): void {
  const g0 = v128.load32_splat(g);
  const g1 = v128.load32_splat(g, 4);
  const g2 = v128.load32_splat(g, 8);
  const g3 = v128.load32_splat(g, 12);
  const threshold = f32x4.splat(limit);
  const r = f32x4.splat(refineLimit);
  const zero = f32x4.splat(0);
  const half = f32x4.splat(0.5);
  const quarter = f32x4.splat(0.25);
  // Lane 3: y(k_{j0−1} + 3/4), the point before period j0. (Offsets of wasm loads are unsigned:
  // each base points at the lowest value read, x−1 = even[t + 1] and h−2 = odd[t + 1].)
  let e = even + (<usize>j0 << 2);
  let h = odd + (<usize>j0 << 2);
  let previous = f32x4.splat(
    load<f32>(g) * (load<f32>(h, 8) + load<f32>(e, 8)) +
    load<f32>(g, 4) * (load<f32>(e, 4) + load<f32>(h, 12)) +
    load<f32>(g, 8) * (load<f32>(h, 4) + load<f32>(e, 12)) +
    load<f32>(g, 12) * (load<f32>(e) + load<f32>(h, 16)),
  );
  for (let j = j0; j < j1; j += 4) {
    e = even + (<usize>(j + 1) << 2);
    h = odd + (<usize>(j + 1) << 2);
    const xm1 = v128.load(e);
    const x0 = v128.load(e, 4);
    const x1 = v128.load(e, 8);
    const x2 = v128.load(e, 12);
    const hm2 = v128.load(h);
    const hm1 = v128.load(h, 4);
    const h0 = v128.load(h, 8);
    const h1 = v128.load(h, 12);
    const h2 = v128.load(h, 16);
    const p1 = f32x4.add(f32x4.add(f32x4.add(
      f32x4.mul(g0, f32x4.add(x0, h0)), f32x4.mul(g1, f32x4.add(hm1, x1))),
      f32x4.mul(g2, f32x4.add(xm1, h1))), f32x4.mul(g3, f32x4.add(hm2, x2)));
    const p3 = f32x4.add(f32x4.add(f32x4.add(
      f32x4.mul(g0, f32x4.add(h0, x1)), f32x4.mul(g1, f32x4.add(x0, h1))),
      f32x4.mul(g2, f32x4.add(hm1, x2))), f32x4.mul(g3, f32x4.add(xm1, h2)));
    // The point before each period: y(k_{j−1} + 3/4) … y(k_{j+2} + 3/4).
    let left = v128.shuffle<f32>(previous, p3, 3, 4, 5, 6);
    previous = p3;
    let best = f32x4.abs(x0);
    let mid = x0;
    let right = p1;
    let a = f32x4.abs(p1);
    let c = f32x4.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(x0, left, c); mid = v128.bitselect(p1, mid, c); right = v128.bitselect(h0, right, c);
    a = f32x4.abs(h0);
    c = f32x4.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(p1, left, c); mid = v128.bitselect(h0, mid, c); right = v128.bitselect(p3, right, c);
    a = f32x4.abs(p3);
    c = f32x4.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(h0, left, c); mid = v128.bitselect(p3, mid, c); right = v128.bitselect(x1, right, c);
    const v = refineLanes(best, mid, left, right, r, threshold, zero, half, quarter);
    v128.store(peaks + (<usize>j << 2), v128.and(v, f32x4.gt(v, threshold)));
  }
}

/**
 * One chunk of the limiter's band-limited detector at 4× (`BandLimitedPeakDetector.processChunk`
 * between the block maxima and the output copy), in one call instead of two per group: the even
 * phase for periods −2 … count + 1 (even[t + 2]); then per group of 8 periods the exact pruning
 * bound maxX·xBound ≤ threshold (peaks 0); each run of groups that is not pruned gets the odd phase
 * it reads and its refined 4× peaks in one call each (every value depends on its index only, so
 * this equals the TypeScript loop's group-by-group order). `line` is the detector's line (x[k_t]
 * at line[t + center], f32), `lineMax` its block maxima (f32). threshold ≥ 0.
 */
export function bandLimitGroups(
  line: usize, lineMax: usize, center: i32, m: i32, evenTaps: usize, oddTaps: usize, stage2Taps: usize,
  even: usize, odd: usize, count: i32, threshold: f64, xBound: f64, refineLimit: f64, pruning: i32, peaks: usize,
): void {
  evenPhase(line + (<usize>(center - 2) << 2), evenTaps, m, even, count + 4);
  // The largest f32 ≤ threshold (threshold ≥ 0): compared with it, an f32 peak is over the
  // threshold exactly when it is over the f64 threshold, as in the TypeScript loop.
  let limit = <f32>threshold;
  if (<f64>limit > threshold) limit = reinterpret<f32>(reinterpret<i32>(limit) - 1);
  const r = <f32>refineLimit;
  let oddDone = -3;
  let run = -1;
  for (let g0 = 0; ; g0 += 8) {
    const end = g0 >= count;
    let skip = end;
    if (!end && pruning) {
      // The group's points read x at line[g0 + center − 2 − m … g1 + center + 1 + m] (≥ 0).
      // (Maxima of |x| compared as their bit patterns, as in `blockMaxima`.)
      let maxX: u32 = 0;
      const b1 = (min(count, g0 + 8) + center + 1 + m) >> 3;
      for (let b = (g0 + center - 2 - m) >> 3; b <= b1; b++) maxX = max(maxX, load<u32>(lineMax + (<usize>b << 2)));
      skip = <f64>reinterpret<f32>(maxX) * xBound <= threshold;
    }
    if (skip) {
      if (run >= 0) {
        // The run of groups run … g0 − 1 (periods up to min(g0, count)): its midpoints, then its peaks.
        const g1 = min(count, g0);
        const oddFrom = max(oddDone, run - 3);
        oddPhase(line + (<usize>(oddFrom + center) << 2), oddTaps, m, odd + (<usize>(oddFrom + 3) << 2), g1 + 2 - oddFrom);
        oddDone = g1 + 2;
        limiterPeaks4(even, odd, stage2Taps, run, g1, limit, r, peaks);
        run = -1;
      }
      if (end) break;
      // (After the run's peaks, which may have written past their end.)
      memory.fill(peaks + (<usize>g0 << 2), 0, <usize>(min(count, g0 + 8) - g0) << 2);
    } else if (run < 0) {
      run = g0;
    }
  }
}

// A band-limited detector's descriptor (written once by BandLimitedPeakDetector): byte offsets of
// its arrays and its layout as i32, then its constants as f64.
const B_LINE = 0;
const B_LINE_MAX = 4;
const B_EVEN_TAPS = 8;
const B_ODD_TAPS = 12;
const B_STAGE2_TAPS = 16;
const B_EVEN = 20;
const B_ODD = 24;
const B_PEAKS = 28;
const B_FILTERED = 32;
const B_CENTER = 36;
const B_M = 40;
const B_HISTORY = 44;
const B_PRUNING = 48;
const B_X_BOUND = 56;
const B_REFINE_LIMIT = 64;
/**
 * Output below 1e−25 is 0 (src/dsp/denormal.ts). This is the smallest f32 above 1e−25
 * (1.0000000195e−25; 1e−25 itself is no f32), so for an f32 value v: |v| < it ⇔ |v| < 1e−25.
 */
const DENORMAL_FLOOR: f32 = 1e-25;

/**
 * One chunk of `BandLimitedPeakDetector.processChunk` at 4×, after the chunk's `count` samples were
 * written at line[history …] (f32): the block maxima, nothing more for a silent chunk, else the
 * group loop; then y (|y| < 1e−25 → 0) to `filtered` (f64), the period peaks in `peaks` (f32), the
 * line shifted.
 */
function bandChunk(desc: usize, count: i32, threshold: f64): void {
  const line = <usize>load<i32>(desc, B_LINE);
  const lineMax = <usize>load<i32>(desc, B_LINE_MAX);
  const even = <usize>load<i32>(desc, B_EVEN);
  const peaks = <usize>load<i32>(desc, B_PEAKS);
  const filtered = <usize>load<i32>(desc, B_FILTERED);
  const history = load<i32>(desc, B_HISTORY);
  if (blockMaxima(line, history + count, lineMax) == 0) {
    memory.fill(filtered, 0, <usize>count << 3);
    memory.fill(peaks, 0, <usize>count << 2);
  } else {
    bandLimitGroups(
      line, lineMax, load<i32>(desc, B_CENTER), load<i32>(desc, B_M), <usize>load<i32>(desc, B_EVEN_TAPS),
      <usize>load<i32>(desc, B_ODD_TAPS), <usize>load<i32>(desc, B_STAGE2_TAPS), even, <usize>load<i32>(desc, B_ODD),
      count, threshold, load<f64>(desc, B_X_BOUND), load<f64>(desc, B_REFINE_LIMIT), load<i32>(desc, B_PRUNING), peaks,
    );
    // Four at a time (`filtered` holds CHUNK, a multiple of four, so the last pass stays inside).
    const floor = f32x4.splat(DENORMAL_FLOOR);
    for (let i = 0; i < count; i += 4) {
      let v = v128.load(even + (<usize>i << 2), 8);
      v = v128.andnot(v, f32x4.lt(f32x4.abs(v), floor));
      const at = filtered + (<usize>i << 3);
      v128.store(at, f64x2.promote_low_f32x4(v));
      v128.store(at, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)), 16);
    }
  }
  memory.copy(line, line + (<usize>count << 2), <usize>history << 2);
}

// The limiter kernel's state block (src/nodes/limiter/kernel.ts, `LimiterWasm`): f64 values, then
// i32 values and byte offsets.
const L_TARGET = 0;
const L_SAFETY = 8;
const L_RELEASE_COEFF = 16;
const L_RELEASED = 24;
const L_PREFIX = 32;
const L_SUM = 40;
const L_SMALLEST = 48;
const L_CLIPS = 56;
const L_WINDOW = 60;
const L_OFFSET = 64;
const L_AVERAGE_LENGTH = 68;
const L_AVERAGE_INDEX = 72;
const L_DELAY = 76;
const L_DELAY_MASK = 80;
const L_WRITE_LEFT = 84;
const L_WRITE_RIGHT = 88;
const L_HOLD_BLOCK = 92;
const L_SUFFIX = 96;
const L_RING = 100;
const L_DELAY_LEFT = 104;
const L_DELAY_RIGHT = 108;
const L_GAINS = 112;

/**
 * A chunk's input × input gain into a detector's line after its history, as `LimiterKernel`'s
 * TypeScript loop computes it: non-finite samples as 0 (x − x is 0 exactly when x is finite), the
 * f32 sample times the f64 gain in double, rounded to f32 (as a Float32Array store rounds). Four
 * at a time; the last pass may read and write up to three values past `count` (the input staging
 * and the line are padded; those line entries are rewritten before they count).
 */
function scaleInput(desc: usize, input: usize, count: i32, gain: f64): void {
  const to = <usize>load<i32>(desc, B_LINE) + (<usize>load<i32>(desc, B_HISTORY) << 2);
  const g = f64x2.splat(gain);
  const zero = f32x4.splat(0);
  for (let i = 0; i < count; i += 4) {
    let v = v128.load(input + (<usize>i << 2));
    v = v128.and(v, f32x4.eq(f32x4.sub(v, v), zero));
    const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v), g));
    const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)), g));
    v128.store(to + (<usize>i << 2), v128.shuffle<f32>(lo, hi, 0, 1, 4, 5));
  }
}

/**
 * One chunk (≤ 256 frames) of `LimiterKernel.process` with the band limit at 4×, from the float32
 * input at `inLeft`/`inRight` to the float32 output at `outLeft`/`outRight`: the input × input gain
 * (non-finite as 0) into both detectors' lines (`scaleInput`), both detectors (`bandChunk`),
 * the required gain r = c'/max(peak left, peak right) where it is over the target, the gain path of
 * src/dsp/dynamics/lookaheadGain.ts — hold (van Herk / Gil–Werman sliding minimum,
 * slidingMinimum.ts), release, moving average with its exact re-sum at each wrap (movingAverage.ts)
 * — the latency delay (delayLine.ts `exchangeBlock`) and the output stage (gain, safety clamp,
 * float32). The same operations in the same order as those TypeScript loops.
 */
export function limiterChunk(
  state: usize, descLeft: usize, descRight: usize, count: i32, inputGain: f64,
  inLeft: usize, inRight: usize, outLeft: usize, outRight: usize,
): void {
  scaleInput(descLeft, inLeft, count, inputGain);
  scaleInput(descRight, inRight, count, inputGain);
  const target = load<f64>(state, L_TARGET);
  bandChunk(descLeft, count, target);
  bandChunk(descRight, count, target);
  const peaksLeft = <usize>load<i32>(descLeft, B_PEAKS);
  const peaksRight = <usize>load<i32>(descRight, B_PEAKS);
  const gains = <usize>load<i32>(state, L_GAINS);
  const bytes = <usize>count << 3;
  // Required gain, then the hold: min(running minimum of this block, suffix minimum of the last).
  const block = <usize>load<i32>(state, L_HOLD_BLOCK);
  const suffix = <usize>load<i32>(state, L_SUFFIX);
  const window = load<i32>(state, L_WINDOW);
  let j = load<i32>(state, L_OFFSET);
  let prefix = load<f64>(state, L_PREFIX);
  for (let i: usize = 0; i < bytes; i += 8) {
    // (The peaks are f32; the gain path is f64.)
    const left = <f64>load<f32>(peaksLeft + (i >> 1));
    const right = <f64>load<f32>(peaksRight + (i >> 1));
    const peak = left > right ? left : right;
    const value = peak > target ? target / peak : 1;
    if (value < prefix) prefix = value;
    store<f64>(block + (<usize>j << 3), value);
    const before = load<f64>(suffix + (<usize>(j + 1) << 3));
    store<f64>(gains + i, before < prefix ? before : prefix);
    j++;
    if (j == window) {
      // The block just filled becomes the previous block: its suffix minima.
      let m = Infinity;
      for (let k = window - 1; k >= 0; k--) {
        const v = load<f64>(block + (<usize>k << 3));
        if (v < m) m = v;
        store<f64>(suffix + (<usize>k << 3), m);
      }
      store<f64>(suffix + (<usize>window << 3), Infinity);
      j = 0;
      prefix = Infinity;
    }
  }
  store<i32>(state, j, L_OFFSET);
  store<f64>(state, prefix, L_PREFIX);
  // Release (attack instant), then the moving average over L + 1 samples.
  const coeff = load<f64>(state, L_RELEASE_COEFF);
  let released = load<f64>(state, L_RELEASED);
  const ring = <usize>load<i32>(state, L_RING);
  const length = load<i32>(state, L_AVERAGE_LENGTH);
  let index = load<i32>(state, L_AVERAGE_INDEX);
  let sum = load<f64>(state, L_SUM);
  for (let i: usize = 0; i < bytes; i += 8) {
    const held = load<f64>(gains + i);
    released = held <= released ? held : held - coeff * (held - released);
    const at = ring + (<usize>index << 3);
    sum += released - load<f64>(at);
    store<f64>(at, released);
    index++;
    if (index == length) {
      index = 0;
      let exact: f64 = 0;
      for (let k = 0; k < length; k++) exact += load<f64>(ring + (<usize>k << 3));
      sum = exact;
    }
    store<f64>(gains + i, sum / <f64>length);
  }
  store<f64>(state, released, L_RELEASED);
  store<i32>(state, index, L_AVERAGE_INDEX);
  store<f64>(state, sum, L_SUM);
  // The band-limited audio, delayed by the latency, meets its gain; the safety stage counts.
  const filteredLeft = <usize>load<i32>(descLeft, B_FILTERED);
  const filteredRight = <usize>load<i32>(descRight, B_FILTERED);
  const lineLeft = <usize>load<i32>(state, L_DELAY_LEFT);
  const lineRight = <usize>load<i32>(state, L_DELAY_RIGHT);
  const mask = load<i32>(state, L_DELAY_MASK);
  const d = load<i32>(state, L_DELAY);
  const limit = load<f64>(state, L_SAFETY);
  let wl = load<i32>(state, L_WRITE_LEFT);
  let wr = load<i32>(state, L_WRITE_RIGHT);
  let smallest = load<f64>(state, L_SMALLEST);
  let clips = load<i32>(state, L_CLIPS);
  for (let i = 0; i < count; i++) {
    const at = <usize>i << 3;
    const dl = load<f64>(lineLeft + (<usize>((wl - d) & mask) << 3));
    store<f64>(lineLeft + (<usize>wl << 3), load<f64>(filteredLeft + at));
    wl = (wl + 1) & mask;
    const dr = load<f64>(lineRight + (<usize>((wr - d) & mask) << 3));
    store<f64>(lineRight + (<usize>wr << 3), load<f64>(filteredRight + at));
    wr = (wr + 1) & mask;
    const gain = load<f64>(gains + at);
    if (gain < smallest) smallest = gain;
    let yl = dl * gain;
    let yr = dr * gain;
    if (yl > limit || yl < -limit) {
      yl = yl > 0 ? limit : -limit;
      clips++;
    }
    if (yr > limit || yr < -limit) {
      yr = yr > 0 ? limit : -limit;
      clips++;
    }
    store<f32>(outLeft + (<usize>i << 2), <f32>yl);
    store<f32>(outRight + (<usize>i << 2), <f32>yr);
  }
  store<i32>(state, wl, L_WRITE_LEFT);
  store<i32>(state, wr, L_WRITE_RIGHT);
  store<f64>(state, smallest, L_SMALLEST);
  store<i32>(state, clips, L_CLIPS);
}
