// AssemblyScript source of the limiter's WebAssembly module (built by `npm run build:wasm` into
// src/dsp/wasm/truePeakWasmBytes.ts): the symmetric, folded FIR loops of `BandLimitedPeakDetector`
// (src/dsp/dynamics/bandLimitedPeak.ts: the limiter's band-limiting filter, both phases, and its 4×
// peaks), the block maxima its exact pruning reads, and the limiter kernel's whole chunk
// (`limiterChunk`: both detectors, the gain path, the delay and the output stage in one call).
// The meter's cascade is in asm/truePeakCascade.ts (module asm/truePeakMeter.ts).
//
// SIMD: consecutive outputs in lanes. Output t and t + 1 read the same taps over line windows one
// sample apart, so one unaligned f64x2 load of line[j], line[j + 1] feeds both lanes; four vectors
// (eight outputs) run per pass so four independent sums hide the add latency. Each lane performs
// exactly the TypeScript loop's IEEE double operations in the same order (WebAssembly has no
// implicit fused multiply-add), so the results are bit-identical to the TypeScript loops, which
// remain the fallback; test/unit/dsp/truePeakWasm.test.ts compares them.
//
// Memory is imported (the host sizes it once and never grows it) and addressed by byte offsets the
// host passes in; nothing here allocates. `line` arguments point at the centre sample of output 0.
import { blockMaxima, refine } from './truePeakCascade';

export { blockMaxima };

/**
 * Even phase of the band-limiting filter (the limiter's output sample), for t = 0 … count − 1:
 *   out[t] = c(0)·x[t] + Σ_{i=1…m} c(i)·(x[t − i] + x[t + i])     (x = line, summed in i order)
 * @param line byte offset of x[0] (f64; x[−m] … x[count − 1 + m] readable).
 * @param taps byte offset of c(0) … c(m) (f64).
 */
export function evenPhase(line: usize, taps: usize, m: i32, out: usize, count: i32): void {
  const e0 = f64x2.splat(load<f64>(taps));
  let t = 0;
  for (; t + 8 <= count; t += 8) {
    const p = line + (<usize>t << 3);
    let a0 = f64x2.mul(e0, v128.load(p));
    let a1 = f64x2.mul(e0, v128.load(p, 16));
    let a2 = f64x2.mul(e0, v128.load(p, 32));
    let a3 = f64x2.mul(e0, v128.load(p, 48));
    for (let i = 1; i <= m; i++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>i << 3)));
      const lo = p - (<usize>i << 3);
      const hi = p + (<usize>i << 3);
      a0 = f64x2.add(a0, f64x2.mul(c, f64x2.add(v128.load(lo), v128.load(hi))));
      a1 = f64x2.add(a1, f64x2.mul(c, f64x2.add(v128.load(lo, 16), v128.load(hi, 16))));
      a2 = f64x2.add(a2, f64x2.mul(c, f64x2.add(v128.load(lo, 32), v128.load(hi, 32))));
      a3 = f64x2.add(a3, f64x2.mul(c, f64x2.add(v128.load(lo, 48), v128.load(hi, 48))));
    }
    const o = out + (<usize>t << 3);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; t + 2 <= count; t += 2) {
    const p = line + (<usize>t << 3);
    let a = f64x2.mul(e0, v128.load(p));
    for (let i = 1; i <= m; i++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>i << 3)));
      a = f64x2.add(a, f64x2.mul(c, f64x2.add(v128.load(p - (<usize>i << 3)), v128.load(p + (<usize>i << 3)))));
    }
    v128.store(out + (<usize>t << 3), a);
  }
  if (t < count) {
    const p = line + (<usize>t << 3);
    let a = load<f64>(taps) * load<f64>(p);
    for (let i = 1; i <= m; i++) {
      a += load<f64>(taps + (<usize>i << 3)) * (load<f64>(p - (<usize>i << 3)) + load<f64>(p + (<usize>i << 3)));
    }
    store<f64>(out + (<usize>t << 3), a);
  }
}

/**
 * Odd phase of the band-limiting filter (the midpoints y(t + 1/2)), for t = 0 … count − 1:
 *   out[t] = c(1/2)·(x[t] + x[t + 1]) + Σ_{i=1…m−1} c(i + 1/2)·(x[t − i] + x[t + 1 + i])
 * @param taps byte offset of c(1/2) … c(m − 1/2) (f64).
 */
export function oddPhase(line: usize, taps: usize, m: i32, out: usize, count: i32): void {
  const o0 = f64x2.splat(load<f64>(taps));
  let t = 0;
  for (; t + 8 <= count; t += 8) {
    const p = line + (<usize>t << 3);
    const q = p + 8;
    let a0 = f64x2.mul(o0, f64x2.add(v128.load(p), v128.load(q)));
    let a1 = f64x2.mul(o0, f64x2.add(v128.load(p, 16), v128.load(q, 16)));
    let a2 = f64x2.mul(o0, f64x2.add(v128.load(p, 32), v128.load(q, 32)));
    let a3 = f64x2.mul(o0, f64x2.add(v128.load(p, 48), v128.load(q, 48)));
    for (let i = 1; i < m; i++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>i << 3)));
      const lo = p - (<usize>i << 3);
      const hi = q + (<usize>i << 3);
      a0 = f64x2.add(a0, f64x2.mul(c, f64x2.add(v128.load(lo), v128.load(hi))));
      a1 = f64x2.add(a1, f64x2.mul(c, f64x2.add(v128.load(lo, 16), v128.load(hi, 16))));
      a2 = f64x2.add(a2, f64x2.mul(c, f64x2.add(v128.load(lo, 32), v128.load(hi, 32))));
      a3 = f64x2.add(a3, f64x2.mul(c, f64x2.add(v128.load(lo, 48), v128.load(hi, 48))));
    }
    const o = out + (<usize>t << 3);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; t + 2 <= count; t += 2) {
    const p = line + (<usize>t << 3);
    const q = p + 8;
    let a = f64x2.mul(o0, f64x2.add(v128.load(p), v128.load(q)));
    for (let i = 1; i < m; i++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>i << 3)));
      a = f64x2.add(a, f64x2.mul(c, f64x2.add(v128.load(p - (<usize>i << 3)), v128.load(q + (<usize>i << 3)))));
    }
    v128.store(out + (<usize>t << 3), a);
  }
  if (t < count) {
    const p = line + (<usize>t << 3);
    const q = p + 8;
    let a = load<f64>(taps) * (load<f64>(p) + load<f64>(q));
    for (let i = 1; i < m; i++) {
      a += load<f64>(taps + (<usize>i << 3)) * (load<f64>(p - (<usize>i << 3)) + load<f64>(q + (<usize>i << 3)));
    }
    store<f64>(out + (<usize>t << 3), a);
  }
}

/**
 * The limiter's 4× period peaks (`BandLimitedPeakDetector` with factor 4) for periods
 * j = j0 … j1 − 1: stage 2 of the meter's cascade on the 2× stream (even[t + 2] = y[k_t],
 * odd[t + 3] = y(k_t + 1/2)) gives y(k + 1/4) and y(k + 3/4),
 *   q1 = g0·(x0 + h0) + g1·(h−1 + x1) + g2·(x−1 + h1) + g3·(h−2 + x2)
 *   q3 = g0·(h0 + x1) + g1·(x0 + h1) + g2·(h−1 + x2) + g3·(x−1 + h2)
 * then the largest |point| of y(k), y(k + 1/4), y(k + 1/2), y(k + 3/4), refined.
 * peaks[j] = that peak when it exceeds `threshold`, else 0.
 * @param g byte offset of the four stage-2 taps (f64).
 */
export function limiterPeaks4(
  even: usize, odd: usize, g: usize, j0: i32, j1: i32, threshold: f64, refineLimit: f64, peaks: usize,
): void {
  const g0 = load<f64>(g);
  const g1 = load<f64>(g, 8);
  const g2 = load<f64>(g, 16);
  const g3 = load<f64>(g, 24);
  // y(k_{j0−1} + 3/4), the point before period j0. (Offsets of wasm loads are unsigned: each base
  // points at the lowest value read, x−1 = even[t + 1] and h−2 = odd[t + 1].)
  let e = even + (<usize>j0 << 3);
  let h = odd + (<usize>j0 << 3);
  let before =
    g0 * (load<f64>(h, 16) + load<f64>(e, 16)) +
    g1 * (load<f64>(e, 8) + load<f64>(h, 24)) +
    g2 * (load<f64>(h, 8) + load<f64>(e, 24)) +
    g3 * (load<f64>(e) + load<f64>(h, 32));
  for (let j = j0; j < j1; j++) {
    e = even + (<usize>(j + 1) << 3);
    h = odd + (<usize>(j + 1) << 3);
    const xm1 = load<f64>(e);
    const x0 = load<f64>(e, 8);
    const x1 = load<f64>(e, 16);
    const x2 = load<f64>(e, 24);
    const hm2 = load<f64>(h);
    const hm1 = load<f64>(h, 8);
    const h0 = load<f64>(h, 16);
    const h1 = load<f64>(h, 24);
    const h2 = load<f64>(h, 32);
    const p1 = g0 * (x0 + h0) + g1 * (hm1 + x1) + g2 * (xm1 + h1) + g3 * (hm2 + x2);
    const p3 = g0 * (h0 + x1) + g1 * (x0 + h1) + g2 * (hm1 + x2) + g3 * (xm1 + h2);
    // Largest |point| and its neighbours, as the TypeScript periodPeak picks them (the first
    // largest wins); selects instead of branches, which noise would mispredict half the time.
    let best = abs(x0);
    let left = before;
    let mid = x0;
    let right = p1;
    let a = abs(p1);
    let c = a > best;
    best = select<f64>(a, best, c); left = select<f64>(x0, left, c); mid = select<f64>(p1, mid, c); right = select<f64>(h0, right, c);
    a = abs(h0);
    c = a > best;
    best = select<f64>(a, best, c); left = select<f64>(p1, left, c); mid = select<f64>(h0, mid, c); right = select<f64>(p3, right, c);
    a = abs(p3);
    c = a > best;
    best = select<f64>(a, best, c); left = select<f64>(h0, left, c); mid = select<f64>(p3, mid, c); right = select<f64>(x1, right, c);
    const v = refine(best, mid, left, right, threshold, refineLimit);
    store<f64>(peaks + (<usize>j << 3), v > threshold ? v : 0);
    before = p3;
  }
}

/**
 * One chunk of the limiter's band-limited detector at 4× (`BandLimitedPeakDetector.processChunk`
 * between the block maxima and the output copy), in one call instead of two per group: the even
 * phase for periods −2 … count + 1 (even[t + 2]); then per group of 8 periods either the exact
 * pruning bound maxX·xBound ≤ threshold (peaks 0) or the odd phase the group reads and its
 * refined 4× peaks. `line` is the detector's line (x[k_t] at line[t + center], center = m + 2),
 * `lineMax` its block maxima.
 */
export function bandLimitGroups(
  line: usize, lineMax: usize, center: i32, m: i32, evenTaps: usize, oddTaps: usize, stage2Taps: usize,
  even: usize, odd: usize, count: i32, threshold: f64, xBound: f64, refineLimit: f64, pruning: i32, peaks: usize,
): void {
  evenPhase(line + (<usize>(center - 2) << 3), evenTaps, m, even, count + 4);
  let oddDone = -3;
  for (let g0 = 0; g0 < count; g0 += 8) {
    const g1 = min(count, g0 + 8);
    if (pruning) {
      // The group's points read x at line[g0 + center − 2 − m … g1 + center + 1 + m] (≥ 0).
      let maxX: f64 = 0;
      const b1 = (g1 + center + 1 + m) >> 3;
      for (let b = (g0 + center - 2 - m) >> 3; b <= b1; b++) maxX = max(maxX, load<f64>(lineMax + (<usize>b << 3)));
      if (maxX * xBound <= threshold) {
        for (let j = g0; j < g1; j++) store<f64>(peaks + (<usize>j << 3), 0);
        continue;
      }
    }
    const oddFrom = max(oddDone, g0 - 3);
    oddPhase(line + (<usize>(oddFrom + center) << 3), oddTaps, m, odd + (<usize>(oddFrom + 3) << 3), g1 + 2 - oddFrom);
    oddDone = g1 + 2;
    limiterPeaks4(even, odd, stage2Taps, g0, g1, threshold, refineLimit, peaks);
  }
}

