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
