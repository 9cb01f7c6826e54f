// AssemblyScript source of the 24-bit WAV encoder's WebAssembly module (built by
// `npm run build:wasm` into src/runtime/audio-io/wavEncodeWasmBytes.ts): `encode24` of
// src/runtime/audio-io/wavEncode.ts — NaN as 0, q = floor(x·2^23 + 0.5) computed in double,
// clipped to [−2^23, 2^23 − 1] and counted, the largest |x| kept, little-endian 24-bit
// interleaved — here four samples (two frames) per f32x4 pass. The bytes, the clip count and the
// peak are identical (test/unit/audio-io/wavEncodeWasm.test.ts compares both):
//
// - v = x·2^23 is exact in float32 (a power of two; beyond 3.4e38 it is ±∞ in both, and clipped).
// - The clip test is made on v, not on the rounded q: in double q > 2^23 − 1 ⟺ v ≥ 2^23 − 0.5 and
//   q < −2^23 ⟺ v < −2^23 − 0.5, which for float32 v (integers from 2^23 up) is v < −2^23.
// - For v not clipped, |v| < 2^23 and v + 0.5 is exact in float32 (its spacing there is ≤ 0.5),
//   so floor(v + 0.5) is the double's floor(v + 0.5).
// - Maxima of |x| are exact in any precision; the peak is widened to double at the end.
//
// Memory is imported (the host sizes it once); `stats` holds the peak (f64) at 0 and the clip
// count (i32) at 8, both carried across calls.

const SCALE: f32 = 8388608;
const TOP: f32 = 8388607;
const BOTTOM: f32 = -8388608;
/** v at or above this rounds past 2^23 − 1. */
const CLIP_ABOVE: f32 = 8388607.5;

export function encode24(left: usize, right: usize, frames: i32, out: usize, stats: usize): void {
  const scale = f32x4.splat(SCALE);
  const half = f32x4.splat(0.5);
  const top = f32x4.splat(TOP);
  const bottom = f32x4.splat(BOTTOM);
  const clipAbove = f32x4.splat(CLIP_ABOVE);
  let peak = f32x4.splat(0);
  let clips = load<i32>(stats, 8);
  let i = 0;
  for (; i < frames; i += 2) {
    // [l0, l1] and [r0, r1] interleaved to [l0, r0, l1, r1]; a last odd frame reads one frame
    // past the block (the host leaves room) and stores only its own six bytes.
    const l = v128.load64_zero(left + (<usize>i << 2));
    const r = v128.load64_zero(right + (<usize>i << 2));
    let x = v128.shuffle<f32>(l, r, 0, 4, 1, 5);
    x = v128.and(x, f32x4.eq(x, x));
    const odd = i + 1 == frames;
    if (odd) x = v128.and(x, i32x4(-1, -1, 0, 0));
    peak = f32x4.max(peak, f32x4.abs(x));
    const v = f32x4.mul(x, scale);
    const over = v128.or(f32x4.ge(v, clipAbove), f32x4.lt(v, bottom));
    clips += <i32>popcnt(i32x4.bitmask(over));
    const q = f32x4.min(f32x4.max(f32x4.floor(f32x4.add(v, half)), bottom), top);
    const packed = v128.shuffle<u8>(i32x4.trunc_sat_f32x4_s(q), q, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
    const at = out + <usize>i * 6;
    if (odd) {
      v128.store32_lane(at, packed, 0);
      v128.store16_lane(at, packed, 2, 4);
    } else {
      v128.store64_lane(at, packed, 0);
      v128.store32_lane(at, packed, 2, 8);
    }
  }
  const p = max(max(f32x4.extract_lane(peak, 0), f32x4.extract_lane(peak, 1)), max(f32x4.extract_lane(peak, 2), f32x4.extract_lane(peak, 3)));
  store<f64>(stats, max(load<f64>(stats), <f64>p));
  store<i32>(stats, clips, 8);
}
