// AssemblyScript source of the reverb's WebAssembly kernel (built by `npm run build:wasm` into
// src/dsp/wasm/reverbWasmBytes.ts). It is the block loops of `LowpassFeedbackComb.addBlock` and
// `SchroederAllpass.processBlock` with the left and right channels' lines in the two lanes of an
// f64x2 vector: the same IEEE double operations in the same order, lane by lane, so the samples
// are bit-identical to the TypeScript loops (which remain the fallback). WebAssembly has no
// implicit fused multiply-add, so every product is rounded exactly as in JavaScript.
//
// Memory is imported (the host sizes it once and never grows it) and addressed by byte offsets the
// host passes in; nothing here allocates. Interleaved blocks hold [left, right] pairs of f64.

/** Below this magnitude loop state is flushed to 0 (src/dsp/denormal.ts). */
const DENORMAL_FLOOR: f64 = 1e-25;

// @ts-ignore: decorator
@inline
function flush(v: v128, floor: v128): v128 {
  // |v| < F → 0, else v (NaN kept), as `Math.abs(v) < DENORMAL_FLOOR ? 0 : v`.
  return v128.andnot(v, f64x2.lt(f64x2.abs(v), floor));
}

/**
 * One comb of each channel over `frames` samples: y = line[r]; h = b0·y + s; s = b0·y − a1·h;
 * v = x + g·h (h = y when `damped` is 0); line[w] = v; sum[i] += y.
 * @param input mono f64 block (the pre-delayed reverb input), both lanes read the same x.
 * @param sum interleaved f64 pairs, accumulated.
 * @param state byte offset of [s_L, s_R] (f64), read and written back.
 * Indices r/w are in samples; masks are line lengths − 1.
 */
export function combPair(
  lineL: usize, maskL: i32, wL: i32, rL: i32,
  lineR: usize, maskR: i32, wR: i32, rR: i32,
  gainL: f64, gainR: f64, b0: f64, a1: f64, damped: i32,
  state: usize, input: usize, sum: usize, frames: i32,
): void {
  const floor = f64x2.splat(DENORMAL_FLOOR);
  const g = f64x2(gainL, gainR);
  const vb0 = f64x2.splat(b0);
  const va1 = f64x2.splat(a1);
  let s = v128.load(state);
  for (let i = 0; i < frames; i++) {
    let y = f64x2.splat(load<f64>(lineL + (<usize>rL << 3)));
    y = f64x2.replace_lane(y, 1, load<f64>(lineR + (<usize>rR << 3)));
    let h = y;
    if (damped) {
      h = f64x2.add(f64x2.mul(vb0, y), s);
      s = flush(f64x2.sub(f64x2.mul(vb0, y), f64x2.mul(va1, h)), floor);
    }
    const x = f64x2.splat(load<f64>(input + (<usize>i << 3)));
    const v = flush(f64x2.add(x, f64x2.mul(g, h)), floor);
    store<f64>(lineL + (<usize>wL << 3), f64x2.extract_lane(v, 0));
    store<f64>(lineR + (<usize>wR << 3), f64x2.extract_lane(v, 1));
    const at = sum + (<usize>i << 4);
    v128.store(at, f64x2.add(v128.load(at), y));
    wL = (wL + 1) & maskL;
    rL = (rL + 1) & maskL;
    wR = (wR + 1) & maskR;
    rR = (rR + 1) & maskR;
  }
  v128.store(state, s);
}

// @ts-ignore: decorator
@inline
function readPair(lineL: usize, iL: i32, lineR: usize, iR: i32): v128 {
  const y = f64x2.splat(load<f64>(lineL + (<usize>iL << 3)));
  return f64x2.replace_lane(y, 1, load<f64>(lineR + (<usize>iR << 3)));
}

// @ts-ignore: decorator
@inline
function writePair(lineL: usize, iL: i32, lineR: usize, iR: i32, v: v128): void {
  store<f64>(lineL + (<usize>iL << 3), f64x2.extract_lane(v, 0));
  store<f64>(lineR + (<usize>iR << 3), f64x2.extract_lane(v, 1));
}

/**
 * Four comb pairs (combs k … k+3 of both channels) in one loop: per comb exactly `combPair`'s
 * operations, and the four outputs added to sum[i] in comb order, so the samples are those of
 * four `combPair` calls. Why: one comb's damping state is a chain of dependent operations per
 * sample (add, multiply, subtract, flush), so a loop over one comb waits on that chain; four
 * independent chains in one loop keep the CPU's arithmetic units busy.
 * @param desc byte offset of 4 × 8 i32: lineL, maskL, wL, rL, lineR, maskR, wR, rR per comb.
 * @param gains byte offset of 4 × [gL, gR] (f64).
 * @param state byte offset of 4 × [s_L, s_R] (f64), read and written back.
 * Every comb of the four shares `b0`, `a1` and `damped` (the channel's one damping filter).
 */
export function combQuad(desc: usize, gains: usize, b0: f64, a1: f64, damped: i32, state: usize, input: usize, sum: usize, frames: i32): void {
  const floor = f64x2.splat(DENORMAL_FLOOR);
  const vb0 = f64x2.splat(b0);
  const va1 = f64x2.splat(a1);
  const l0L = <usize>load<i32>(desc), m0L = load<i32>(desc, 4), w0L = load<i32>(desc, 8), r0L = load<i32>(desc, 12);
  const l0R = <usize>load<i32>(desc, 16), m0R = load<i32>(desc, 20), w0R = load<i32>(desc, 24), r0R = load<i32>(desc, 28);
  const l1L = <usize>load<i32>(desc, 32), m1L = load<i32>(desc, 36), w1L = load<i32>(desc, 40), r1L = load<i32>(desc, 44);
  const l1R = <usize>load<i32>(desc, 48), m1R = load<i32>(desc, 52), w1R = load<i32>(desc, 56), r1R = load<i32>(desc, 60);
  const l2L = <usize>load<i32>(desc, 64), m2L = load<i32>(desc, 68), w2L = load<i32>(desc, 72), r2L = load<i32>(desc, 76);
  const l2R = <usize>load<i32>(desc, 80), m2R = load<i32>(desc, 84), w2R = load<i32>(desc, 88), r2R = load<i32>(desc, 92);
  const l3L = <usize>load<i32>(desc, 96), m3L = load<i32>(desc, 100), w3L = load<i32>(desc, 104), r3L = load<i32>(desc, 108);
  const l3R = <usize>load<i32>(desc, 112), m3R = load<i32>(desc, 116), w3R = load<i32>(desc, 120), r3R = load<i32>(desc, 124);
  const g0 = v128.load(gains), g1 = v128.load(gains, 16), g2 = v128.load(gains, 32), g3 = v128.load(gains, 48);
  let s0 = v128.load(state), s1 = v128.load(state, 16), s2 = v128.load(state, 32), s3 = v128.load(state, 48);
  for (let i = 0; i < frames; i++) {
    const x = f64x2.splat(load<f64>(input + (<usize>i << 3)));
    const at = sum + (<usize>i << 4);
    let acc = v128.load(at);
    const y0 = readPair(l0L, (r0L + i) & m0L, l0R, (r0R + i) & m0R);
    const y1 = readPair(l1L, (r1L + i) & m1L, l1R, (r1R + i) & m1R);
    const y2 = readPair(l2L, (r2L + i) & m2L, l2R, (r2R + i) & m2R);
    const y3 = readPair(l3L, (r3L + i) & m3L, l3R, (r3R + i) & m3R);
    let h0 = y0, h1 = y1, h2 = y2, h3 = y3;
    if (damped) {
      h0 = f64x2.add(f64x2.mul(vb0, y0), s0);
      h1 = f64x2.add(f64x2.mul(vb0, y1), s1);
      h2 = f64x2.add(f64x2.mul(vb0, y2), s2);
      h3 = f64x2.add(f64x2.mul(vb0, y3), s3);
      s0 = flush(f64x2.sub(f64x2.mul(vb0, y0), f64x2.mul(va1, h0)), floor);
      s1 = flush(f64x2.sub(f64x2.mul(vb0, y1), f64x2.mul(va1, h1)), floor);
      s2 = flush(f64x2.sub(f64x2.mul(vb0, y2), f64x2.mul(va1, h2)), floor);
      s3 = flush(f64x2.sub(f64x2.mul(vb0, y3), f64x2.mul(va1, h3)), floor);
    }
    writePair(l0L, (w0L + i) & m0L, l0R, (w0R + i) & m0R, flush(f64x2.add(x, f64x2.mul(g0, h0)), floor));
    writePair(l1L, (w1L + i) & m1L, l1R, (w1R + i) & m1R, flush(f64x2.add(x, f64x2.mul(g1, h1)), floor));
    writePair(l2L, (w2L + i) & m2L, l2R, (w2R + i) & m2R, flush(f64x2.add(x, f64x2.mul(g2, h2)), floor));
    writePair(l3L, (w3L + i) & m3L, l3R, (w3R + i) & m3R, flush(f64x2.add(x, f64x2.mul(g3, h3)), floor));
    acc = f64x2.add(acc, y0);
    acc = f64x2.add(acc, y1);
    acc = f64x2.add(acc, y2);
    acc = f64x2.add(acc, y3);
    v128.store(at, acc);
  }
  v128.store(state, s0);
  v128.store(state, s1, 16);
  v128.store(state, s2, 32);
  v128.store(state, s3, 48);
}

/**
 * One Schroeder allpass of each channel over `frames` samples, in place on the interleaved
 * block: d = line[r]; v = x + g·d; line[w] = v; y = d − g·v.
 */
export function allpassPair(
  lineL: usize, maskL: i32, wL: i32, rL: i32,
  lineR: usize, maskR: i32, wR: i32, rR: i32,
  gain: f64, block: usize, frames: i32,
): void {
  const floor = f64x2.splat(DENORMAL_FLOOR);
  const g = f64x2.splat(gain);
  for (let i = 0; i < frames; i++) {
    let d = f64x2.splat(load<f64>(lineL + (<usize>rL << 3)));
    d = f64x2.replace_lane(d, 1, load<f64>(lineR + (<usize>rR << 3)));
    const at = block + (<usize>i << 4);
    const v = flush(f64x2.add(v128.load(at), f64x2.mul(g, d)), floor);
    store<f64>(lineL + (<usize>wL << 3), f64x2.extract_lane(v, 0));
    store<f64>(lineR + (<usize>wR << 3), f64x2.extract_lane(v, 1));
    v128.store(at, f64x2.sub(d, f64x2.mul(g, v)));
    wL = (wL + 1) & maskL;
    rL = (rL + 1) & maskL;
    wR = (wR + 1) & maskR;
    rR = (rR + 1) & maskR;
  }
}

/** block[i] *= gain for `count` f64 values (count even: interleaved pairs). */
export function scale(block: usize, count: i32, gain: f64): void {
  const g = f64x2.splat(gain);
  for (let i = 0; i < count; i += 2) {
    const at = block + (<usize>i << 3);
    v128.store(at, f64x2.mul(v128.load(at), g));
  }
}
