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
import { blockMaxima } from './truePeakCascade';

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
 * j = j0 … j1 − 1, two periods per pass in the lanes of an f64x2 (j, j + 1): stage 2 of the
 * meter's cascade on the 2× stream (even[t + 2] = y[k_t], odd[t + 3] = y(k_t + 1/2)) gives
 * y(k + 1/4) and y(k + 3/4),
 *   q1 = g0·(x0 + h0) + g1·(h−1 + x1) + g2·(x−1 + h1) + g3·(h−2 + x2)
 *   q3 = g0·(h0 + x1) + g1·(x0 + h1) + g2·(h−1 + x2) + g3·(x−1 + h2)
 * then the first largest |point| of y(k), y(k + 1/4), y(k + 1/2), y(k + 3/4) with its neighbours
 * and the refinement (`refine`), each lane's value computed as the scalar code computes it and
 * chosen by masks instead of branches. peaks[j] = that peak when it exceeds `threshold`, else 0.
 * A last odd period runs in lane 0 (lane 1 reads a neighbour's entries and is not stored).
 * @param g byte offset of the four stage-2 taps (f64).
 */
function limiterPeaks4(
  even: usize, odd: usize, g: usize, j0: i32, j1: i32, threshold: f64, refineLimit: f64, peaks: usize,
): void {
  const g0 = f64x2.splat(load<f64>(g));
  const g1 = f64x2.splat(load<f64>(g, 8));
  const g2 = f64x2.splat(load<f64>(g, 16));
  const g3 = f64x2.splat(load<f64>(g, 24));
  const limit = f64x2.splat(threshold);
  const r = f64x2.splat(refineLimit);
  const zero = f64x2.splat(0);
  const two = f64x2.splat(2);
  const half = f64x2.splat(0.5);
  const quarter = f64x2.splat(0.25);
  // Lane 1: y(k_{j0−1} + 3/4), the point before period j0. (Offsets of wasm loads are unsigned:
  // each base points at the lowest value read, x−1 = even[t + 1] and h−2 = odd[t + 1].)
  let e = even + (<usize>j0 << 3);
  let h = odd + (<usize>j0 << 3);
  let previous = f64x2.splat(
    load<f64>(g) * (load<f64>(h, 16) + load<f64>(e, 16)) +
    load<f64>(g, 8) * (load<f64>(e, 8) + load<f64>(h, 24)) +
    load<f64>(g, 16) * (load<f64>(h, 8) + load<f64>(e, 24)) +
    load<f64>(g, 24) * (load<f64>(e) + load<f64>(h, 32)),
  );
  for (let j = j0; j < j1; j += 2) {
    e = even + (<usize>(j + 1) << 3);
    h = odd + (<usize>(j + 1) << 3);
    const xm1 = v128.load(e);
    const x0 = v128.load(e, 8);
    const x1 = v128.load(e, 16);
    const x2 = v128.load(e, 24);
    const hm2 = v128.load(h);
    const hm1 = v128.load(h, 8);
    const h0 = v128.load(h, 16);
    const h1 = v128.load(h, 24);
    const h2 = v128.load(h, 32);
    const p1 = f64x2.add(f64x2.add(f64x2.add(
      f64x2.mul(g0, f64x2.add(x0, h0)), f64x2.mul(g1, f64x2.add(hm1, x1))),
      f64x2.mul(g2, f64x2.add(xm1, h1))), f64x2.mul(g3, f64x2.add(hm2, x2)));
    const p3 = f64x2.add(f64x2.add(f64x2.add(
      f64x2.mul(g0, f64x2.add(h0, x1)), f64x2.mul(g1, f64x2.add(x0, h1))),
      f64x2.mul(g2, f64x2.add(hm1, x2))), f64x2.mul(g3, f64x2.add(xm1, h2)));
    // The point before each period: y(k_{j−1} + 3/4), y(k_j + 3/4).
    let left = v128.shuffle<f64>(previous, p3, 1, 2);
    previous = p3;
    let best = f64x2.abs(x0);
    let mid = x0;
    let right = p1;
    let a = f64x2.abs(p1);
    let c = f64x2.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(x0, left, c); mid = v128.bitselect(p1, mid, c); right = v128.bitselect(h0, right, c);
    a = f64x2.abs(h0);
    c = f64x2.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(p1, left, c); mid = v128.bitselect(h0, mid, c); right = v128.bitselect(p3, right, c);
    a = f64x2.abs(p3);
    c = f64x2.gt(a, best);
    best = v128.bitselect(a, best, c); left = v128.bitselect(h0, left, c); mid = v128.bitselect(p3, mid, c); right = v128.bitselect(x1, right, c);
    // `refine` per lane: signs flipped so the largest point is positive; the vertex of the
    // parabola where it is a local maximum with negative curvature, clamped to R·best.
    const negative = f64x2.lt(mid, zero);
    left = v128.bitselect(f64x2.neg(left), left, negative);
    right = v128.bitselect(f64x2.neg(right), right, negative);
    const below = f64x2.neg(best);
    const outside = v128.or(
      v128.or(f64x2.gt(left, best), f64x2.gt(right, best)),
      v128.or(f64x2.lt(left, below), f64x2.lt(right, below)),
    );
    const curvature = f64x2.add(f64x2.sub(left, f64x2.mul(two, best)), right);
    const diff = f64x2.sub(left, right);
    const offset = f64x2.div(f64x2.mul(half, diff), curvature);
    const vertex = f64x2.sub(best, f64x2.mul(f64x2.mul(quarter, diff), offset));
    const clamp = f64x2.mul(best, r);
    const refined = v128.bitselect(clamp, v128.bitselect(vertex, best, f64x2.gt(vertex, best)), f64x2.gt(vertex, clamp));
    const use = v128.and(
      v128.andnot(f64x2.lt(curvature, zero), outside),
      v128.and(f64x2.gt(clamp, limit), f64x2.ne(best, zero)),
    );
    const v = v128.bitselect(refined, best, use);
    const out = v128.and(v, f64x2.gt(v, limit));
    const at = peaks + (<usize>j << 3);
    if (j + 1 < j1) v128.store(at, out);
    else store<f64>(at, f64x2.extract_lane(out, 0));
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
/** Output below this is 0 (src/dsp/denormal.ts). */
const DENORMAL_FLOOR: f64 = 1e-25;

/**
 * One chunk of `BandLimitedPeakDetector.processChunk` at 4×, after the chunk's `count` samples were
 * written at line[history …]: the block maxima, nothing more for a silent chunk, else the group
 * loop; then y (|y| < 1e−25 → 0) to `filtered`, the period peaks in `peaks`, the line shifted.
 */
function bandChunk(desc: usize, count: i32, threshold: f64): void {
  const line = <usize>load<i32>(desc, B_LINE);
  const lineMax = <usize>load<i32>(desc, B_LINE_MAX);
  const even = <usize>load<i32>(desc, B_EVEN);
  const peaks = <usize>load<i32>(desc, B_PEAKS);
  const filtered = <usize>load<i32>(desc, B_FILTERED);
  const history = load<i32>(desc, B_HISTORY);
  const bytes = <usize>count << 3;
  if (blockMaxima(line, history + count, lineMax) == 0) {
    memory.fill(filtered, 0, bytes);
    memory.fill(peaks, 0, bytes);
  } else {
    bandLimitGroups(
      line, lineMax, load<i32>(desc, B_CENTER), load<i32>(desc, B_M), <usize>load<i32>(desc, B_EVEN_TAPS),
      <usize>load<i32>(desc, B_ODD_TAPS), <usize>load<i32>(desc, B_STAGE2_TAPS), even, <usize>load<i32>(desc, B_ODD),
      count, threshold, load<f64>(desc, B_X_BOUND), load<f64>(desc, B_REFINE_LIMIT), load<i32>(desc, B_PRUNING), peaks,
    );
    for (let i: usize = 0; i < bytes; i += 8) {
      const v = load<f64>(even + i, 16);
      store<f64>(filtered + i, abs(v) < DENORMAL_FLOOR ? 0 : v);
    }
  }
  memory.copy(line, line + bytes, <usize>history << 3);
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
const L_OUT_LEFT = 116;
const L_OUT_RIGHT = 120;

/**
 * One chunk (≤ 256 frames) of `LimiterKernel.process` with the band limit at 4×, the input
 * (× input gain, non-finite as 0) already in both detectors' lines: both detectors (`bandChunk`),
 * the required gain r = c'/max(peak left, peak right) where it is over the target, the gain path of
 * src/dsp/dynamics/lookaheadGain.ts — hold (van Herk / Gil–Werman sliding minimum,
 * slidingMinimum.ts), release, moving average with its exact re-sum at each wrap (movingAverage.ts)
 * — the latency delay (delayLine.ts `exchangeBlock`) and the output stage (gain, safety clamp,
 * float32). The same operations in the same order as those TypeScript loops.
 */
export function limiterChunk(state: usize, descLeft: usize, descRight: usize, count: i32): void {
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
    const left = load<f64>(peaksLeft + i);
    const right = load<f64>(peaksRight + i);
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
  const outLeft = <usize>load<i32>(state, L_OUT_LEFT);
  const outRight = <usize>load<i32>(state, L_OUT_RIGHT);
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
