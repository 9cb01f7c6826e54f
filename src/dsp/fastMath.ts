/**
 * Natural logarithm and exponential of our own, for the compressor's dB ↔ power conversions.
 *
 * Why not `Math.log10` / `Math.exp`: in V8 both are calls into fdlibm that the optimiser does not
 * inline; the compressor, little more than loops around them, was ≈ 30 % of a demo-mix render. These are a dozen inlinable
 * multiply-adds each, and — because they use only IEEE-754 double additions, multiplications, one
 * division, `floor` and exact bit moves, in a fixed order, with no fused multiply-add — the
 * WebAssembly twin in `asm/compressor.ts` (SIMD, two values per vector) computes the same bits.
 * `test/unit/dsp/fastMath.test.ts` checks both: error against `Math.log`/`Math.exp`, and
 * TypeScript = WebAssembly bit for bit on millions of values and the edges.
 *
 * ln (the range reduction of fdlibm's e_log.c, the series of Abramowitz & Stegun 4.1.28):
 *
 *   p = 2^e · m,  m ∈ [√2/2, √2)          exponent and mantissa straight from the IEEE bits
 *   f = m − 1  (exact, Sterbenz),  s = f / (2 + f),  |s| ≤ 3 − 2√2 ≈ 0.1716
 *   ln m = ln((1 + s)/(1 − s)) = 2s · (1 + s²/3 + s⁴/5 + … + s¹⁸/19)   (Estrin's scheme)
 *   ln p = e·ln 2 + ln m
 *
 *   The omitted tail, ≤ 2s · s²⁰/21 / (1 − s²), is < 2.5e-17 · |2s|: far below one rounding
 *   (|ln m| ≥ 2|s|). Measured error: ≤ 6.5e-16 relative to Math.log (test).
 *
 * exp (Cody & Waite's reduction, W. J. Cody and W. Waite, "Software Manual for the Elementary
 * Functions", 1980, ch. 6):
 *
 *   k = ⌊y / ln 2 + ½⌋,  f = (y − k·LN2_HI) − k·LN2_LO,  |f| ≤ ½ ln 2 (+ rounding)
 *   e^f = Σ_{j=0}^{12} f^j / j!  (Estrin)  — the omitted tail < 0.3466¹³/13! · 1.03 < 1.8e-16
 *   e^y = e^f · 2^k               (2^k exact, built from its bits)
 *
 *   LN2_HI has its low 32 bits zero, so k·LN2_HI is exact for |k| < 2^20. Measured error:
 *   ≤ 6.3e-16 relative to Math.exp (test).
 *
 * Domain edges (both engines): ln of 0 → −∞, of a negative number or NaN → NaN, of +∞ → +∞,
 * subnormals are scaled by 2^54 first (exact); exp of NaN → NaN, of y > 709 → +∞, of y < −708 →
 * 0 (absolute error below 3.1e-308; the compressor's y stays within [−89, 2.8]).
 */

/** ln 2 rounded to double, for e·ln 2 in the logarithm. */
export const LN2 = 0.6931471805599453;
/** Smallest positive normal double, 2^−1022. */
export const MIN_NORMAL = 2.2250738585072014e-308;
/** Above this, exp returns +∞ (2^k would overflow before the polynomial scales it down). */
export const EXP_MAX = 709;
/** Below this, exp returns 0 (2^k would be subnormal). */
export const EXP_MIN = -708;

// The hot functions below write their constants as literals: V8 loads an exported module-level
// `const` from its cell on every use (with a hole check), which cost more than the arithmetic.
// asm/compressor.ts holds the same literals; the bit-for-bit test fails if one of them differs.
//   ln 2 = LN2_HI + LN2_LO: 6.93147180369123816490e-1 (low 32 bits zero) + 1.90821492927058770002e-10
//   1/ln 2 = 1.4426950408889634;  2^54 = 18014398509481984;  √2/2's high word 0x3fe6a09e

// One double and its two 32-bit words (little-endian: words[1] is the sign, exponent and the
// mantissa's top 20 bits). Every platform Node and the browsers run on is little-endian.
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** 2^k for k = −1074 … 1023 at index k + 1074, built from the bits (exact; subnormals too). */
const POW2 = new Float64Array(2098);
for (let k = -1022; k <= 1023; k++) {
  words[0] = 0;
  words[1] = (k + 1023) << 20;
  POW2[k + 1074] = bits[0];
}
for (let k = -1023; k >= -1074; k--) POW2[k + 1074] = POW2[k + 1075] / 2;

/**
 * ln p for a positive normal double p (2^−1022 ≤ p < ∞), with `exponentOffset` subtracted from
 * its binary exponent (54 for a subnormal scaled by 2^54). The compressor's hot loop calls this
 * directly (its powers are above the knee, so always normal); anything else goes through `fastLn`.
 */
export function lnNormal(p: number, exponentOffset: number): number {
  bits[0] = p;
  // Adding 1 − (√2/2's high word) to the high word carries into the exponent exactly when the
  // mantissa is ≥ √2, so e is p's exponent with the mantissa m = p·2^−e in [√2/2, √2).
  const e = ((words[1] + 0x95f62) >>> 20) - 1023;
  // m by an exact multiplication, not by writing the word back: reading a double that two
  // different stores wrote defeats the CPU's store forwarding (≈ 8 ns per value in V8).
  const f = p * POW2[1074 - e] - 1; // exact (Sterbenz: m ∈ [1/2, 2])
  const s = f / (2 + f);
  // Σ_{j=0}^{9} z^j/(2j+1) by Estrin's scheme: the same terms as Horner's, in a tree four
  // multiply-adds deep instead of nine, so consecutive values overlap in the pipeline.
  const z = s * s;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z8 = z4 * z4;
  const low = 1 + z * (1 / 3) + z2 * (1 / 5 + z * (1 / 7));
  const high = 1 / 9 + z * (1 / 11) + z2 * (1 / 13 + z * (1 / 15));
  const series = low + z4 * high + z8 * (1 / 17 + z * (1 / 19));
  return (e - exponentOffset) * 0.6931471805599453 + 2 * s * series;
}

/**
 * e^y for EXP_MIN ≤ y ≤ EXP_MAX (the compressor's hot loop calls this directly; its y is in
 * [−89, 2.8]); anything else goes through `fastExp`.
 */
export function expInRange(y: number): number {
  const k = Math.floor(y * 1.4426950408889634 + 0.5);
  const f = y - k * 6.9314718036912381649e-1 - k * 1.90821492927058770002e-10;
  // Σ_{j=0}^{12} f^j/j! by Estrin's scheme (a tree, not a Horner chain: see lnNormal).
  const f2 = f * f;
  const f4 = f2 * f2;
  const f8 = f4 * f4;
  const low = 1 + f + f2 * (1 / 2 + f * (1 / 6));
  const mid = 1 / 24 + f * (1 / 120) + f2 * (1 / 720 + f * (1 / 5040));
  const high = 1 / 40320 + f * (1 / 362880) + f2 * (1 / 3628800 + f * (1 / 39916800));
  const poly = low + f4 * mid + f8 * (high + f4 * (1 / 479001600));
  return poly * POW2[k + 1074];
}

/**
 * Natural logarithm, within 1e-15 relative of `Math.log` (the test measures it), the same bits
 * as `lnBlock` in asm/compressor.ts.
 * @param p any double.
 * @returns ln p; −∞ for ±0, NaN for p < 0 or NaN, +∞ for +∞.
 */
export function fastLn(p: number): number {
  if (p >= MIN_NORMAL && p < Infinity) return lnNormal(p, 0);
  if (p > 0 && p < MIN_NORMAL) return lnNormal(p * 18014398509481984, 54);
  if (p === 0) return -Infinity;
  if (p === Infinity) return Infinity;
  return NaN;
}

/**
 * Exponential, within 1e-15 relative of `Math.exp` for −708 ≤ y ≤ 709 (the test measures it),
 * the same bits as `expBlock` in asm/compressor.ts.
 * @param y any double.
 * @returns e^y; NaN for NaN, +∞ above 709, 0 below −708.
 */
export function fastExp(y: number): number {
  if (y >= EXP_MIN && y <= EXP_MAX) return expInRange(y);
  if (y > EXP_MAX) return Infinity;
  if (y < EXP_MIN) return 0;
  return NaN;
}
