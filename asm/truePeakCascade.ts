// AssemblyScript: the loudness meter's half-band cascade (`TruePeakInterpolator`,
// src/dsp/truePeak.ts) — stage 1, stage 2, stage 3 with the refined period peaks, and the block
// maxima its exact pruning reads — compiled into asm/truePeakMeter.ts; this file is not a module
// of its own. (The limiter's detector has its own f32 stages in asm/truePeak.ts.)
//
// Precision: single (f32). The line, the taps, the three stages, the period peaks and the
// refinement are IEEE single-precision values, every +, −, ×, ÷ rounded to single, because the
// meter reads float32 audio anyway and f32x4 lanes do four outputs per instruction where f64x2
// did two (docs/dsp-loudness.md, "Precision of the true peak"; docs/performance.md, "Ninth
// pass"). The pruning bounds are summed in f64 from the f32 maxima.
//
// SIMD: consecutive outputs (periods) in the lanes of an f32x4; each lane performs exactly the
// TypeScript loop's single operations in the same order (WebAssembly SIMD has no implicit fused
// multiply-add; relaxed-simd is not enabled), and the TypeScript emulates f32 with Math.fround
// after every operation, so both are bit-identical (test/unit/dsp/truePeakWasm.test.ts).
//
// The last pass of a loop runs all its lanes even when fewer outputs remain (four, or sixteen in
// stage 1): it may read up to 15 values past the arrays' ends (the interpolator pads them) and
// write up to 15 values past `count`. Each lane's value depends on its own index only, and every value written past what a
// group needs is recomputed before anything reads it (the stage ranges only grow within a chunk),
// so those values never count; period peaks past the range are masked to 0.
//
// Memory is addressed by byte offsets the host passes in; nothing here allocates.

/**
 * Stage 1 of the cascade (the 2× midpoints y(t + 1/2)), for t = 0 … count − 1, with n taps per
 * side, summed in k order from the first term (f32):
 *   out[t] = Σ_{k=0…n−1} s[k]·(x[t − (n − 1) + k] + x[t + n − k])
 * Sixteen outputs per pass, also for the last: four independent sums hide the add latency. The
 * meter calls this per group of 8 periods (8 or 13 midpoints), where passes of four were bound by
 * the latency of one chain of 20 dependent adds each; one pass of sixteen costs about as much as
 * one of four. The pass may write up to 15 values past `count` (the interpolator pads `out` and
 * the line; see the file comment).
 * @param taps byte offset of s[0] … s[n − 1] (f32).
 */
export function halfBandMidpoints(line: usize, taps: usize, n: i32, out: usize, count: i32): void {
  const c0 = v128.load32_splat(taps);
  const back = <usize>(n - 1) << 2;
  const ahead = <usize>n << 2;
  for (let t = 0; t < count; t += 16) {
    const lo = line + (<usize>t << 2) - back;
    const hi = line + (<usize>t << 2) + ahead;
    let a0 = f32x4.mul(c0, f32x4.add(v128.load(lo), v128.load(hi)));
    let a1 = f32x4.mul(c0, f32x4.add(v128.load(lo, 16), v128.load(hi, 16)));
    let a2 = f32x4.mul(c0, f32x4.add(v128.load(lo, 32), v128.load(hi, 32)));
    let a3 = f32x4.mul(c0, f32x4.add(v128.load(lo, 48), v128.load(hi, 48)));
    for (let k = 1; k < n; k++) {
      const c = v128.load32_splat(taps + (<usize>k << 2));
      const l = lo + (<usize>k << 2);
      const h = hi - (<usize>k << 2);
      a0 = f32x4.add(a0, f32x4.mul(c, f32x4.add(v128.load(l), v128.load(h))));
      a1 = f32x4.add(a1, f32x4.mul(c, f32x4.add(v128.load(l, 16), v128.load(h, 16))));
      a2 = f32x4.add(a2, f32x4.mul(c, f32x4.add(v128.load(l, 32), v128.load(h, 32))));
      a3 = f32x4.add(a3, f32x4.mul(c, f32x4.add(v128.load(l, 48), v128.load(h, 48))));
    }
    const o = out + (<usize>t << 2);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
}

/**
 * Block maxima for the exact pruning (f32 line): out[g] = max |x| over x[8g … min(8g + 8, used)),
 * for every block that starts below `used`; returns the largest of them (0 for a silent line).
 * Compared as integers: the bit patterns of non-negative floats (sign bit cleared: |x|) are ordered
 * as the values are (IEEE 754-2019 §5.10; the line holds no NaN), and unsigned integer max needs
 * none of f32.max's NaN and −0 handling. A maximum is exact in any order, so this matches the
 * TypeScript scans. Shared by the meter's module and the limiter's (asm/truePeak.ts).
 */
export function blockMaxima(line: usize, used: i32, out: usize): f32 {
  const magnitude = i32x4.splat(0x7fffffff);
  let all = i32x4.splat(0);
  let g = 0;
  let i = 0;
  for (; i + 8 <= used; i += 8, g++) {
    const p = line + (<usize>i << 2);
    let m = i32x4.max_u(v128.and(v128.load(p), magnitude), v128.and(v128.load(p, 16), magnitude));
    all = i32x4.max_u(all, m);
    m = i32x4.max_u(m, v128.shuffle<i32>(m, m, 2, 3, 0, 1));
    m = i32x4.max_u(m, v128.shuffle<i32>(m, m, 1, 0, 3, 2));
    v128.store32_lane(out + (<usize>g << 2), m, 0);
  }
  all = i32x4.max_u(all, v128.shuffle<i32>(all, all, 2, 3, 0, 1));
  all = i32x4.max_u(all, v128.shuffle<i32>(all, all, 1, 0, 3, 2));
  let result = <u32>i32x4.extract_lane(all, 0);
  if (i < used) {
    let b: u32 = 0;
    for (; i < used; i++) b = max(b, load<u32>(line + (<usize>i << 2)) & 0x7fffffff);
    store<u32>(out + (<usize>g << 2), b);
    result = max(result, b);
  }
  return reinterpret<f32>(result);
}

/**
 * The period peak's refinement in each of four lanes (`periodPeak` in src/dsp/truePeak.ts,
 * `refine` in bandLimitedPeak.ts): signs flipped so the largest point is positive; the vertex of
 * the parabola through it and its neighbours where that is a local maximum with negative
 * curvature, clamped to R·best; else `best`. Shared by the meter's cascade and the limiter's 4×
 * detector (asm/truePeak.ts), so both compute it with the very same operations.
 * @param r R = the refinement's clamp, splat; `threshold` the largest f32 ≤ the limit, splat.
 */
// @ts-ignore: decorator
@inline
export function refineLanes(best: v128, mid: v128, left: v128, right: v128, r: v128, threshold: v128, zero: v128, half: v128, quarter: v128): v128 {
  const negative = f32x4.lt(mid, zero);
  left = v128.bitselect(f32x4.neg(left), left, negative);
  right = v128.bitselect(f32x4.neg(right), right, negative);
  const minus = f32x4.neg(best);
  const outside = v128.or(
    v128.or(f32x4.gt(left, best), f32x4.gt(right, best)),
    v128.or(f32x4.lt(left, minus), f32x4.lt(right, minus)),
  );
  // 2·best as best + best: exact either way.
  const curvature = f32x4.add(f32x4.sub(left, f32x4.add(best, best)), right);
  const diff = f32x4.sub(left, right);
  const offset = f32x4.div(f32x4.mul(half, diff), curvature);
  const vertex = f32x4.sub(best, f32x4.mul(f32x4.mul(quarter, diff), offset));
  const clamp = f32x4.mul(best, r);
  const refined = v128.bitselect(clamp, v128.bitselect(vertex, best, f32x4.gt(vertex, best)), f32x4.gt(vertex, clamp));
  const use = v128.and(
    v128.andnot(f32x4.lt(curvature, zero), outside),
    v128.and(f32x4.gt(clamp, threshold), f32x4.ne(best, zero)),
  );
  return v128.bitselect(refined, best, use);
}

/**
 * Stage 2 of the cascade (`TruePeakInterpolator.fillQuarters`), four periods per pass: for
 * periods j = j0 … j1 − 1 (j0 ≥ −1), with x[k_j] at line[j + center] and y(k_j + 1/2) at half[j + 3],
 *   q1[j + 1] = y(k_j + 1/4) = g0·(x0 + h0) + g1·(h−1 + x1) + g2·(x−1 + h1) + g3·(h−2 + x2)
 *   q3[j + 1] = y(k_j + 3/4) = g0·(h0 + x1) + g1·(x0 + h1) + g2·(h−1 + x2) + g3·(x−1 + h2)
 * summed left to right in f32.
 * @param g byte offset of the four stage-2 taps (f32).
 */
export function quarters(line: usize, center: i32, half: usize, q1: usize, q3: usize, g: usize, j0: i32, j1: i32): void {
  const g0 = v128.load32_splat(g);
  const g1 = v128.load32_splat(g, 4);
  const g2 = v128.load32_splat(g, 8);
  const g3 = v128.load32_splat(g, 12);
  for (let j = j0; j < j1; j += 4) {
    // Bases at the lowest value read (wasm load offsets are unsigned): x−1, h−2.
    const e = line + (<usize>(j + center - 1) << 2);
    const h = half + (<usize>(j + 1) << 2);
    const xm1 = v128.load(e);
    const x0 = v128.load(e, 4);
    const x1 = v128.load(e, 8);
    const x2 = v128.load(e, 12);
    const hm2 = v128.load(h);
    const hm1 = v128.load(h, 4);
    const h0 = v128.load(h, 8);
    const h1 = v128.load(h, 12);
    const h2 = v128.load(h, 16);
    const at = <usize>(j + 1) << 2;
    v128.store(q1 + at, f32x4.add(f32x4.add(f32x4.add(
      f32x4.mul(g0, f32x4.add(x0, h0)), f32x4.mul(g1, f32x4.add(hm1, x1))),
      f32x4.mul(g2, f32x4.add(xm1, h1))), f32x4.mul(g3, f32x4.add(hm2, x2))));
    v128.store(q3 + at, f32x4.add(f32x4.add(f32x4.add(
      f32x4.mul(g0, f32x4.add(h0, x1)), f32x4.mul(g1, f32x4.add(x0, h1))),
      f32x4.mul(g2, f32x4.add(hm1, x2))), f32x4.mul(g3, f32x4.add(xm1, h2))));
  }
}

/** Stage 3 (8×): g0·(a + b) + g1·(c + d) + g2·(e + f), left to right in f32. */
// @ts-ignore: decorator
@inline
function stage3(g0: v128, g1: v128, g2: v128, a: v128, b: v128, c: v128, d: v128, e: v128, f: v128): v128 {
  return f32x4.add(f32x4.add(f32x4.mul(g0, f32x4.add(a, b)), f32x4.mul(g1, f32x4.add(c, d))), f32x4.mul(g2, f32x4.add(e, f)));
}

/**
 * Period peaks of the cascade at 8×, 4× or 2× (`TruePeakInterpolator.periodPeak` over periods
 * j = j0 … j1 − 1, stage 3 computed here for 8×), four periods per pass in f32x4 lanes: the
 * period's points P[0 … F + 1] (the point before, y(k + p/F) for p = 0 … F − 1, x[k + 1]) go to
 * the scratch `points` (F + 2 vectors), then the first largest |P[p]|, p = 1 … F, with its
 * neighbours (strict >, as the TypeScript scan) and the refinement, chosen by masks instead of
 * branches. When `rising`, the largest peak above `limit` becomes the new limit; when `out` is not
 * 0, out[j] = the peak where it exceeds `limit`, else 0 (the meter never sets both: the limit at
 * each pass's start then decides which lanes refine, see below). Returns the limit (≥ 0).
 *
 * A lane refines where R·best > the limit at its pass's start, the TypeScript where it beats the
 * running limit at its period. Where they differ, R·best is at most the running limit, so the
 * peak (≤ R·best either way) cannot raise it: the returned maximum is the same.
 * @param g byte offset of the three stage-3 taps (f32).
 */
export function cascadePeaks(
  line: usize, center: i32, half: usize, q1: usize, q3: usize, g: usize,
  j0: i32, j1: i32, factor: i32, limit: f64, rising: i32, refineLimit: f32, out: usize, points: usize,
): f64 {
  const g0 = v128.load32_splat(g);
  const g1 = v128.load32_splat(g, 4);
  const g2 = v128.load32_splat(g, 8);
  const r = f32x4.splat(refineLimit);
  const zero = f32x4.splat(0);
  const half2 = f32x4.splat(0.5);
  const quarter = f32x4.splat(0.25);
  const lanes = i32x4(0, 1, 2, 3);
  const last = points + (<usize>(factor + 1) << 4);
  for (let j = j0; j < j1; j += 4) {
    // The largest f32 ≤ limit (limit ≥ 0): for an f32 value v, v > it ⇔ v > limit.
    let below = <f32>limit;
    if (<f64>below > limit) below = reinterpret<f32>(reinterpret<i32>(below) - 1);
    const threshold = f32x4.splat(below);
    const x0 = v128.load(line + (<usize>(j + center) << 2));
    const x1 = v128.load(line + (<usize>(j + center) << 2), 4);
    const hb = half + (<usize>(j + 2) << 2);
    const h0 = v128.load(hb, 4);
    const qa = <usize>j << 2;
    v128.store(points, x0, 16);
    v128.store(last, x1);
    if (factor == 8) {
      const hm1 = v128.load(hb);
      const h1 = v128.load(hb, 8);
      const am1 = v128.load(q1 + qa);
      const a1 = v128.load(q1 + qa, 4);
      const an1 = v128.load(q1 + qa, 8);
      const am3 = v128.load(q3 + qa);
      const a3 = v128.load(q3 + qa, 4);
      // Stage 3 on the 4× stream; P[0] is the point before the period.
      v128.store(points, stage3(g0, g1, g2, am3, x0, hm1, a1, am1, h0));
      v128.store(points, stage3(g0, g1, g2, x0, a1, am3, h0, hm1, a3), 32);
      v128.store(points, a1, 48);
      v128.store(points, stage3(g0, g1, g2, a1, h0, x0, a3, am3, x1), 64);
      v128.store(points, h0, 80);
      v128.store(points, stage3(g0, g1, g2, h0, a3, a1, x1, x0, an1), 96);
      v128.store(points, a3, 112);
      v128.store(points, stage3(g0, g1, g2, a3, x1, h0, an1, a1, h1), 128);
    } else if (factor == 4) {
      // y(k − 1/4), x0, y(k + 1/4), h0, y(k + 3/4), x1.
      v128.store(points, v128.load(q3 + qa));
      v128.store(points, v128.load(q1 + qa, 4), 32);
      v128.store(points, h0, 48);
      v128.store(points, v128.load(q3 + qa, 4), 64);
    } else {
      // y(k − 1/2), x0, h0, x1.
      v128.store(points, v128.load(hb));
      v128.store(points, h0, 32);
    }
    let best = f32x4.abs(x0);
    let left = v128.load(points);
    let mid = x0;
    let right = v128.load(points, 32);
    for (let p = points + 32; p < last; p += 16) {
      const v = v128.load(p);
      const a = f32x4.abs(v);
      const c = f32x4.gt(a, best);
      best = v128.bitselect(a, best, c);
      left = v128.bitselect(v128.load(p - 16), left, c);
      mid = v128.bitselect(v, mid, c);
      right = v128.bitselect(v128.load(p, 16), right, c);
    }
    // Lanes past j1 are no periods of this range: 0.
    let v = v128.and(refineLanes(best, mid, left, right, r, threshold, zero, half2, quarter), i32x4.lt_s(i32x4.add(i32x4.splat(j), lanes), i32x4.splat(j1)));
    v = v128.and(v, f32x4.gt(v, threshold));
    if (rising) {
      // Peaks are ≥ 0 (no NaN): their bit patterns order as the values.
      let m = i32x4.max_u(v, v128.shuffle<i32>(v, v, 2, 3, 0, 1));
      m = i32x4.max_u(m, v128.shuffle<i32>(m, m, 1, 0, 3, 2));
      const top = <f64>f32x4.extract_lane(m, 0);
      if (top > limit) limit = top;
    }
    if (out) v128.store(out + qa, v);
  }
  return limit;
}
