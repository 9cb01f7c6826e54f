// AssemblyScript: the meter's half-band cascade (`TruePeakInterpolator`, src/dsp/truePeak.ts) and
// the helpers both true-peak modules share — compiled into asm/truePeakMeter.ts (the cascade) and
// asm/truePeak.ts (the block maxima and the refinement); this file is not a module of its own.
// Same conventions as asm/truePeak.ts: consecutive periods in SIMD lanes, every value the
// TypeScript loop's IEEE double operations in the same order, memory addressed by byte offsets.

/**
 * Stage 1 of the meter's half-band cascade (the 2× midpoints y(t + 1/2)), for t = 0 … count − 1,
 * with n taps per side, summed from the outermost pair inwards, starting from 0:
 *   out[t] = Σ_{k=0…n−1} s[k]·(x[t − (n − 1) + k] + x[t + n − k])
 * @param taps byte offset of s[0] … s[n − 1] (f64).
 */
export function halfBandMidpoints(line: usize, taps: usize, n: i32, out: usize, count: i32): void {
  const zero = f64x2.splat(0);
  const back = <usize>(n - 1) << 3;
  const ahead = <usize>n << 3;
  let t = 0;
  for (; t + 8 <= count; t += 8) {
    const p = line + (<usize>t << 3);
    let a0 = zero;
    let a1 = zero;
    let a2 = zero;
    let a3 = zero;
    for (let k = 0; k < n; k++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>k << 3)));
      const lo = p - back + (<usize>k << 3);
      const hi = p + ahead - (<usize>k << 3);
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
    let a = zero;
    for (let k = 0; k < n; k++) {
      const c = f64x2.splat(load<f64>(taps + (<usize>k << 3)));
      a = f64x2.add(a, f64x2.mul(c, f64x2.add(v128.load(p - back + (<usize>k << 3)), v128.load(p + ahead - (<usize>k << 3)))));
    }
    v128.store(out + (<usize>t << 3), a);
  }
  if (t < count) {
    const p = line + (<usize>t << 3);
    let a: f64 = 0;
    for (let k = 0; k < n; k++) {
      a += load<f64>(taps + (<usize>k << 3)) * (load<f64>(p - back + (<usize>k << 3)) + load<f64>(p + ahead - (<usize>k << 3)));
    }
    store<f64>(out + (<usize>t << 3), a);
  }
}

/**
 * Block maxima for the exact pruning: out[g] = max |x| over x[8g … min(8g + 8, used)), for every
 * block that starts below `used`. Returns the largest of them (0 when everything is silent).
 * A maximum is exact whatever the order, so this matches the TypeScript scan.
 */
export function blockMaxima(line: usize, used: i32, out: usize): f64 {
  let all = f64x2.splat(0);
  let g = 0;
  let i = 0;
  for (; i + 8 <= used; i += 8, g++) {
    const p = line + (<usize>i << 3);
    const m = f64x2.max(
      f64x2.max(f64x2.abs(v128.load(p)), f64x2.abs(v128.load(p, 16))),
      f64x2.max(f64x2.abs(v128.load(p, 32)), f64x2.abs(v128.load(p, 48))),
    );
    const b = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
    store<f64>(out + (<usize>g << 3), b);
    all = f64x2.max(all, m);
  }
  let result = max(f64x2.extract_lane(all, 0), f64x2.extract_lane(all, 1));
  if (i < used) {
    let b: f64 = 0;
    for (; i < used; i++) b = max(b, abs(load<f64>(line + (<usize>i << 3))));
    store<f64>(out + (<usize>g << 3), b);
    result = max(result, b);
  }
  return result;
}

/**
 * The refined period peak (`periodPeak` of both TypeScript detectors): the largest |point| `best`
 * of a period's points, raised to the vertex of the parabola through it and its grid neighbours
 * when it is a local maximum, clamped to `refineLimit`·best. `mid` is the signed largest point,
 * `left`/`right` its neighbours. Returns `best` unrefined when it cannot beat `limit`.
 */
// @ts-ignore: decorator
@inline
export function refine(best: f64, mid: f64, left: f64, right: f64, limit: f64, refineLimit: f64): f64 {
  if (best * refineLimit <= limit || best == 0) return best;
  if (mid < 0) {
    left = -left;
    right = -right;
  }
  if (left > best || right > best || left < -best || right < -best) return best;
  const curvature = left - 2 * best + right;
  if (!(curvature < 0)) return best;
  const offset = (0.5 * (left - right)) / curvature;
  const vertex = best - 0.25 * (left - right) * offset;
  const clamp = best * refineLimit;
  return vertex > clamp ? clamp : vertex > best ? vertex : best;
}

/**
 * Stage 2 of the meter's half-band cascade (`TruePeakInterpolator.fillQuarters`): for periods
 * j = j0 … j1 − 1 (j0 ≥ −1), with x[k_j] at line[j + center] and y(k_j + 1/2) at half[j + 3],
 *   q1[j + 1] = y(k_j + 1/4) = g0·(x0 + h0) + g1·(h−1 + x1) + g2·(x−1 + h1) + g3·(h−2 + x2)
 *   q3[j + 1] = y(k_j + 3/4) = g0·(h0 + x1) + g1·(x0 + h1) + g2·(h−1 + x2) + g3·(x−1 + h2)
 * @param g byte offset of the four stage-2 taps (f64).
 */
export function quarters(line: usize, center: i32, half: usize, q1: usize, q3: usize, g: usize, j0: i32, j1: i32): void {
  const g0 = load<f64>(g);
  const g1 = load<f64>(g, 8);
  const g2 = load<f64>(g, 16);
  const g3 = load<f64>(g, 24);
  for (let j = j0; j < j1; j++) {
    // Bases at the lowest value read: x−1 = line[j + center − 1], h−2 = half[j + 1].
    const e = line + (<usize>(j + center - 1) << 3);
    const h = half + (<usize>(j + 1) << 3);
    const xm1 = load<f64>(e);
    const x0 = load<f64>(e, 8);
    const x1 = load<f64>(e, 16);
    const x2 = load<f64>(e, 24);
    const hm2 = load<f64>(h);
    const hm1 = load<f64>(h, 8);
    const h0 = load<f64>(h, 16);
    const h1 = load<f64>(h, 24);
    const h2 = load<f64>(h, 32);
    const at = <usize>(j + 1) << 3;
    store<f64>(q1 + at, g0 * (x0 + h0) + g1 * (hm1 + x1) + g2 * (xm1 + h1) + g3 * (hm2 + x2));
    store<f64>(q3 + at, g0 * (h0 + x1) + g1 * (x0 + h1) + g2 * (hm1 + x2) + g3 * (xm1 + h2));
  }
}

/**
 * Period peaks of the meter's cascade at 8×, 4× or 2× (`TruePeakInterpolator.periodPeak` over periods
 * j = j0 … j1 − 1, stage 3 computed here for 8×), refined. A peak above `limit` is written to
 * out[j] (when `out` is not 0) and, when `rising`, becomes the new limit; out[j] = 0 otherwise.
 * Returns the limit after the last period.
 * @param g byte offset of the three stage-3 taps (f64).
 */
export function cascadePeaks(
  line: usize, center: i32, half: usize, q1: usize, q3: usize, g: usize,
  j0: i32, j1: i32, factor: i32, limit: f64, rising: i32, refineLimit: f64, out: usize,
): f64 {
  const g0 = load<f64>(g);
  const g1 = load<f64>(g, 8);
  const g2 = load<f64>(g, 16);
  for (let j = j0; j < j1; j++) {
    const e = line + (<usize>(j + center) << 3);
    const x0 = load<f64>(e);
    const x1 = load<f64>(e, 8);
    const hb = half + (<usize>(j + 2) << 3);
    const h0 = load<f64>(hb, 8);
    const qa = <usize>j << 3;
    let best: f64 = 0;
    let left: f64 = 0;
    let mid: f64 = 0;
    let right: f64 = 0;
    if (factor == 8) {
      const hm1 = load<f64>(hb);
      const h1 = load<f64>(hb, 16);
      const am1 = load<f64>(q1 + qa);
      const a1 = load<f64>(q1 + qa, 8);
      const an1 = load<f64>(q1 + qa, 16);
      const am3 = load<f64>(q3 + qa);
      const a3 = load<f64>(q3 + qa, 8);
      // Stage 3 on the 4× stream; p0 is the point before the period, p9 = x1 the one after.
      const p0 = g0 * (am3 + x0) + g1 * (hm1 + a1) + g2 * (am1 + h0);
      const p2 = g0 * (x0 + a1) + g1 * (am3 + h0) + g2 * (hm1 + a3);
      const p4 = g0 * (a1 + h0) + g1 * (x0 + a3) + g2 * (am3 + x1);
      const p6 = g0 * (h0 + a3) + g1 * (a1 + x1) + g2 * (x0 + an1);
      const p8 = g0 * (a3 + x1) + g1 * (h0 + an1) + g2 * (a1 + h1);
      // The first largest |point| of p1 … p8 and its neighbours (strict >, as the TypeScript scan).
      left = p0; mid = x0; right = p2;
      best = abs(x0);
      let a = abs(p2);
      let c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(x0, left, c); mid = select<f64>(p2, mid, c); right = select<f64>(a1, right, c);
      a = abs(a1);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(p2, left, c); mid = select<f64>(a1, mid, c); right = select<f64>(p4, right, c);
      a = abs(p4);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(a1, left, c); mid = select<f64>(p4, mid, c); right = select<f64>(h0, right, c);
      a = abs(h0);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(p4, left, c); mid = select<f64>(h0, mid, c); right = select<f64>(p6, right, c);
      a = abs(p6);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(h0, left, c); mid = select<f64>(p6, mid, c); right = select<f64>(a3, right, c);
      a = abs(a3);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(p6, left, c); mid = select<f64>(a3, mid, c); right = select<f64>(p8, right, c);
      a = abs(p8);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(a3, left, c); mid = select<f64>(p8, mid, c); right = select<f64>(x1, right, c);
    } else if (factor == 4) {
      // 4×: y(k − 1/4), x0, y(k + 1/4), h0, y(k + 3/4), x1.
      const b = load<f64>(q3 + qa);
      const p2 = load<f64>(q1 + qa, 8);
      const p4 = load<f64>(q3 + qa, 8);
      left = b; mid = x0; right = p2;
      best = abs(x0);
      let a = abs(p2);
      let c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(x0, left, c); mid = select<f64>(p2, mid, c); right = select<f64>(h0, right, c);
      a = abs(h0);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(p2, left, c); mid = select<f64>(h0, mid, c); right = select<f64>(p4, right, c);
      a = abs(p4);
      c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(h0, left, c); mid = select<f64>(p4, mid, c); right = select<f64>(x1, right, c);
    } else {
      // 2×: y(k − 1/2), x0, h0, x1.
      left = load<f64>(hb); mid = x0; right = h0;
      best = abs(x0);
      const a = abs(h0);
      const c = a > best;
      best = select<f64>(a, best, c); left = select<f64>(x0, left, c); mid = select<f64>(h0, mid, c); right = select<f64>(x1, right, c);
    }
    const v = refine(best, mid, left, right, limit, refineLimit);
    if (v > limit) {
      if (rising) limit = v;
      if (out) store<f64>(out + qa, v);
    } else if (out) {
      store<f64>(out + qa, 0);
    }
  }
  return limit;
}

