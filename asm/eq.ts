// AssemblyScript source of the EQ's WebAssembly cascade (built by `npm run build:wasm` into
// src/dsp/wasm/eqWasmBytes.ts). It is `BiquadState.process` — transposed direct form II in double
// precision, the per-sample denormal flush — with the left and right channels in the two lanes of
// an f64x2 vector: the same IEEE double operations in the same order, lane by lane, so the samples
// are bit-identical to the TypeScript loops (which remain the fallback). WebAssembly has no
// implicit fused multiply-add, so every product is rounded exactly as in JavaScript, and f32 ↔ f64
// conversions round as a Float32Array store does (to nearest, ties to even).
//
// Memory is imported (the host sizes it once and never grows it) and addressed by byte offsets the
// host passes in; nothing here allocates.

/** Below this magnitude filter state is flushed to 0 (src/dsp/denormal.ts). */
const DENORMAL_FLOOR: f64 = 1e-25;

// @ts-ignore: decorator
@inline
function flush(v: v128, floor: v128): v128 {
  // |v| < F → 0, else v (NaN kept), as `Math.abs(v) < DENORMAL_FLOOR ? 0 : v`.
  return v128.andnot(v, f64x2.lt(f64x2.abs(v), floor));
}

/**
 * Runs `sections` biquads in series over a stereo block, in place.
 *
 * Per section, per sample (Web Audio's biquad in TDF-II; RBJ cookbook coefficients, a0 = 1):
 *   y = b0·x + s1;  s1 = b1·x − a1·y + s2;  s2 = b2·x − a2·y;  flush(s1), flush(s2)
 *
 * @param left f32 samples of the left channel, read and overwritten with the result.
 * @param right f32 samples of the right channel, likewise.
 * @param block scratch of `frames` f64 pairs [left, right] (16-byte aligned).
 * @param coefficients per section 5 f64: b0, b1, b2, a1, a2.
 * @param states per section 4 f64: [s1 left, s1 right], [s2 left, s2 right] (16-byte aligned),
 *   read and written back.
 */
export function cascade(
  left: usize, right: usize, block: usize,
  coefficients: usize, states: usize, sections: i32, frames: i32,
): void {
  for (let i = 0; i < frames; i++) {
    const x = f64x2.splat(<f64>load<f32>(left + (<usize>i << 2)));
    v128.store(block + (<usize>i << 4), f64x2.replace_lane(x, 1, <f64>load<f32>(right + (<usize>i << 2))));
  }
  const floor = f64x2.splat(DENORMAL_FLOOR);
  // Three sections per pass (then a pair, then a single), each filtering the previous one's output
  // in the same iteration: their recursions overlap in the pipeline, where one section alone is
  // bound by its feedback latency (one per pass: 1.2× the TypeScript pairs; two: 1.6×; three: 2.3×).
  let k = 0;
  for (; k + 2 < sections; k += 3) {
    const c = coefficients + <usize>k * 40;
    const b0 = f64x2.splat(load<f64>(c));
    const b1 = f64x2.splat(load<f64>(c, 8));
    const b2 = f64x2.splat(load<f64>(c, 16));
    const a1 = f64x2.splat(load<f64>(c, 24));
    const a2 = f64x2.splat(load<f64>(c, 32));
    const e0 = f64x2.splat(load<f64>(c, 40));
    const e1 = f64x2.splat(load<f64>(c, 48));
    const e2 = f64x2.splat(load<f64>(c, 56));
    const f1 = f64x2.splat(load<f64>(c, 64));
    const f2 = f64x2.splat(load<f64>(c, 72));
    const g0 = f64x2.splat(load<f64>(c, 80));
    const g1 = f64x2.splat(load<f64>(c, 88));
    const g2 = f64x2.splat(load<f64>(c, 96));
    const h1 = f64x2.splat(load<f64>(c, 104));
    const h2 = f64x2.splat(load<f64>(c, 112));
    const st = states + <usize>k * 32;
    let s1 = v128.load(st);
    let s2 = v128.load(st, 16);
    let t1 = v128.load(st, 32);
    let t2 = v128.load(st, 48);
    let u1 = v128.load(st, 64);
    let u2 = v128.load(st, 80);
    for (let i = 0; i < frames; i++) {
      const p = block + (<usize>i << 4);
      const x = v128.load(p);
      const y = f64x2.add(f64x2.mul(b0, x), s1);
      s1 = f64x2.add(f64x2.sub(f64x2.mul(b1, x), f64x2.mul(a1, y)), s2);
      s2 = f64x2.sub(f64x2.mul(b2, x), f64x2.mul(a2, y));
      s1 = flush(s1, floor);
      s2 = flush(s2, floor);
      const z = f64x2.add(f64x2.mul(e0, y), t1);
      t1 = f64x2.add(f64x2.sub(f64x2.mul(e1, y), f64x2.mul(f1, z)), t2);
      t2 = f64x2.sub(f64x2.mul(e2, y), f64x2.mul(f2, z));
      t1 = flush(t1, floor);
      t2 = flush(t2, floor);
      const w = f64x2.add(f64x2.mul(g0, z), u1);
      u1 = f64x2.add(f64x2.sub(f64x2.mul(g1, z), f64x2.mul(h1, w)), u2);
      u2 = f64x2.sub(f64x2.mul(g2, z), f64x2.mul(h2, w));
      u1 = flush(u1, floor);
      u2 = flush(u2, floor);
      v128.store(p, w);
    }
    v128.store(st, s1);
    v128.store(st, s2, 16);
    v128.store(st, t1, 32);
    v128.store(st, t2, 48);
    v128.store(st, u1, 64);
    v128.store(st, u2, 80);
  }
  if (k + 1 < sections) {
    const c = coefficients + <usize>k * 40;
    const b0 = f64x2.splat(load<f64>(c));
    const b1 = f64x2.splat(load<f64>(c, 8));
    const b2 = f64x2.splat(load<f64>(c, 16));
    const a1 = f64x2.splat(load<f64>(c, 24));
    const a2 = f64x2.splat(load<f64>(c, 32));
    const e0 = f64x2.splat(load<f64>(c, 40));
    const e1 = f64x2.splat(load<f64>(c, 48));
    const e2 = f64x2.splat(load<f64>(c, 56));
    const f1 = f64x2.splat(load<f64>(c, 64));
    const f2 = f64x2.splat(load<f64>(c, 72));
    const st = states + <usize>k * 32;
    let s1 = v128.load(st);
    let s2 = v128.load(st, 16);
    let t1 = v128.load(st, 32);
    let t2 = v128.load(st, 48);
    for (let i = 0; i < frames; i++) {
      const p = block + (<usize>i << 4);
      const x = v128.load(p);
      const y = f64x2.add(f64x2.mul(b0, x), s1);
      s1 = f64x2.add(f64x2.sub(f64x2.mul(b1, x), f64x2.mul(a1, y)), s2);
      s2 = f64x2.sub(f64x2.mul(b2, x), f64x2.mul(a2, y));
      s1 = flush(s1, floor);
      s2 = flush(s2, floor);
      const z = f64x2.add(f64x2.mul(e0, y), t1);
      t1 = f64x2.add(f64x2.sub(f64x2.mul(e1, y), f64x2.mul(f1, z)), t2);
      t2 = f64x2.sub(f64x2.mul(e2, y), f64x2.mul(f2, z));
      t1 = flush(t1, floor);
      t2 = flush(t2, floor);
      v128.store(p, z);
    }
    v128.store(st, s1);
    v128.store(st, s2, 16);
    v128.store(st, t1, 32);
    v128.store(st, t2, 48);
    k += 2;
  }
  if (k < sections) {
    const c = coefficients + <usize>k * 40;
    const b0 = f64x2.splat(load<f64>(c));
    const b1 = f64x2.splat(load<f64>(c, 8));
    const b2 = f64x2.splat(load<f64>(c, 16));
    const a1 = f64x2.splat(load<f64>(c, 24));
    const a2 = f64x2.splat(load<f64>(c, 32));
    const st = states + <usize>k * 32;
    let s1 = v128.load(st);
    let s2 = v128.load(st, 16);
    for (let i = 0; i < frames; i++) {
      const p = block + (<usize>i << 4);
      const x = v128.load(p);
      const y = f64x2.add(f64x2.mul(b0, x), s1);
      s1 = f64x2.add(f64x2.sub(f64x2.mul(b1, x), f64x2.mul(a1, y)), s2);
      s2 = f64x2.sub(f64x2.mul(b2, x), f64x2.mul(a2, y));
      s1 = flush(s1, floor);
      s2 = flush(s2, floor);
      v128.store(p, y);
    }
    v128.store(st, s1);
    v128.store(st, s2, 16);
  }
  for (let i = 0; i < frames; i++) {
    const y = v128.load(block + (<usize>i << 4));
    store<f32>(left + (<usize>i << 2), <f32>f64x2.extract_lane(y, 0));
    store<f32>(right + (<usize>i << 2), <f32>f64x2.extract_lane(y, 1));
  }
}
