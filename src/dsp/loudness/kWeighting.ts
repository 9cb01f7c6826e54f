/**
 * K-weighting of ITU-R BS.1770-4, Annex 1, § 2.1: a high-shelf "pre-filter" (stage 1, the
 * acoustic effect of the head) followed by the "RLB" high-pass (stage 2, revised low-frequency
 * B-curve).
 *
 * The Recommendation publishes the two filters only as biquad coefficients at 48 kHz (Tables 1
 * and 2) and says other rates need coefficients "that provide the same frequency response". We
 * therefore recover the analogue prototypes from those tables and map them back to any rate with
 * the bilinear transform, prewarped at each filter's own f0 (s = (1/K)·(1 − z⁻¹)/(1 + z⁻¹),
 * K = tan(π·f0/fs)):
 *
 *   stage 1:  H(s) = (Vh·s² + Vb·s/Q + 1) / (s² + s/Q + 1)          (s normalised to 2π·f0)
 *   stage 2:  H(s) = g · s² / (s² + s/Q + 1)
 *
 * Inverting the bilinear map of a normalised biquad (1 + a1 + a2 = 4K²/a0', 1 − a1 + a2 = 4/a0',
 * 1 − a2 = 2(K/Q)/a0', with a0' = 1 + K/Q + K²) on the published values gives
 *   stage 1: K = 0.110531832…, f0 = 1681.974450955 Hz, Q = 0.707175236955, DC gain 1 (to 1e-14),
 *            Vh = 1.584864701131 (+3.999843854 dB), Vb = 1.258720930233 (≈ √Vh);
 *   stage 2: f0 = 38.135470876 Hz, Q = 0.500327037325.
 * Table 2's numerator is the un-normalised (1, −2, 1), i.e. a passband gain g equal to that
 * table's a0' (≈ +0.0433 dB). We keep g constant, computed from the 48 kHz prewarping, so every
 * rate has the same analogue response and 48 kHz reproduces Table 2 exactly. (Implementations
 * that keep (1, −2, 1) at every rate differ from this by < 0.005 dB.)
 * The test `test/unit/dsp/loudness.test.ts` checks the 48 kHz result against Tables 1 and 2.
 */

import type { BiquadCoefficients } from '../biquad';

/** Stage 1 (high shelf) centre frequency, Hz, recovered from BS.1770-4 Table 1. */
export const SHELF_F0_HZ = 1681.974450955532;
/** Stage 1 quality factor (linear), recovered from BS.1770-4 Table 1. */
export const SHELF_Q = 0.7071752369554194;
/** Stage 1 high-frequency gain Vh (linear; +3.99984 dB), recovered from BS.1770-4 Table 1. */
export const SHELF_HIGH_GAIN = 1.584864701130856;
/** Stage 1 gain of the s¹ term Vb (linear, ≈ √Vh), recovered from BS.1770-4 Table 1. */
export const SHELF_MID_GAIN = 1.258720930232562;

/** Stage 2 (RLB high-pass) corner frequency, Hz, recovered from BS.1770-4 Table 2. */
export const RLB_F0_HZ = 38.13547087611304;
/** Stage 2 quality factor (linear), recovered from BS.1770-4 Table 2. */
export const RLB_Q = 0.5003270373250421;

/** The rate at which BS.1770-4 publishes its coefficients. */
const TABLE_RATE_HZ = 48000;

/** Bilinear "K" of a prototype prewarped at f0: K = tan(π·f0/fs). */
function prewarp(f0: number, sampleRate: number): number {
  return Math.tan((Math.PI * f0) / sampleRate);
}

/** RLB passband gain g: Table 2's a0' at 48 kHz, so its numerator comes out as (1, −2, 1). */
const RLB_PASSBAND_GAIN = (() => {
  const k = prewarp(RLB_F0_HZ, TABLE_RATE_HZ);
  return 1 + k / RLB_Q + k * k;
})();

/** The two K-weighting stages as normalised biquads (a0 = 1). */
export interface KWeightingCoefficients {
  /** Stage 1, the high-shelf pre-filter (BS.1770-4 Table 1 at 48 kHz). */
  readonly shelf: BiquadCoefficients;
  /** Stage 2, the RLB high-pass (BS.1770-4 Table 2 at 48 kHz). */
  readonly highpass: BiquadCoefficients;
}

/**
 * K-weighting coefficients at any sample rate (bilinear transform of the analogue prototypes
 * above, prewarped at each stage's f0).
 * @param sampleRate Hz; must exceed 2 × 1682 Hz so the shelf lies below Nyquist.
 */
export function kWeightingCoefficients(sampleRate: number): KWeightingCoefficients {
  if (!Number.isFinite(sampleRate) || sampleRate <= 2 * SHELF_F0_HZ) {
    throw new RangeError(
      `kWeightingCoefficients: sampleRate must be a number of Hz above ${Math.ceil(2 * SHELF_F0_HZ)} (got ${sampleRate})`,
    );
  }
  // Stage 1: substitute s = (1/K)(1 − z⁻¹)/(1 + z⁻¹) into (Vh s² + Vb s/Q + 1)/(s² + s/Q + 1)
  // and multiply through by K²(1 + z⁻¹)².
  const k1 = prewarp(SHELF_F0_HZ, sampleRate);
  const kk1 = k1 * k1;
  const kq1 = k1 / SHELF_Q;
  const a01 = 1 + kq1 + kk1;
  const shelf: BiquadCoefficients = {
    b0: (SHELF_HIGH_GAIN + SHELF_MID_GAIN * kq1 + kk1) / a01,
    b1: (2 * (kk1 - SHELF_HIGH_GAIN)) / a01,
    b2: (SHELF_HIGH_GAIN - SHELF_MID_GAIN * kq1 + kk1) / a01,
    a1: (2 * (kk1 - 1)) / a01,
    a2: (1 - kq1 + kk1) / a01,
  };
  // Stage 2: the same substitution into g·s²/(s² + s/Q + 1).
  const k2 = prewarp(RLB_F0_HZ, sampleRate);
  const kk2 = k2 * k2;
  const kq2 = k2 / RLB_Q;
  const a02 = 1 + kq2 + kk2;
  const gain = RLB_PASSBAND_GAIN / a02;
  const highpass: BiquadCoefficients = {
    b0: gain,
    b1: -2 * gain,
    b2: gain,
    a1: (2 * (kk2 - 1)) / a02,
    a2: (1 - kq2 + kk2) / a02,
  };
  return { shelf, highpass };
}

/** Below this the recursive state is flushed to zero (per sample, so block size never matters). */
const DENORMAL_FLOOR = 1e-25;

/**
 * One channel of K-weighting: the two stages in series, transposed direct form II in double
 * precision. Holds its own state; coefficients are shared and read-only.
 */
export class KWeightingFilter {
  private readonly c: KWeightingCoefficients;
  private s1 = 0;
  private s2 = 0;
  private t1 = 0;
  private t2 = 0;

  constructor(coefficients: KWeightingCoefficients) {
    this.c = coefficients;
  }

  reset(): void {
    this.s1 = 0;
    this.s2 = 0;
    this.t1 = 0;
    this.t2 = 0;
  }

  /**
   * Filters input[start … end) and adds the squares of the K-weighted samples, in order, to
   * `sum`; returns the new sum (the caller keeps the running sum so that splitting the input
   * into different blocks never changes the rounding). Non-finite samples count as 0.
   */
  accumulateSquares(input: ArrayLike<number>, start: number, end: number, sum: number): number {
    const { b0, b1, b2, a1, a2 } = this.c.shelf;
    const h = this.c.highpass;
    const hb0 = h.b0;
    const hb1 = h.b1;
    const hb2 = h.b2;
    const ha1 = h.a1;
    const ha2 = h.a2;
    let s1 = this.s1;
    let s2 = this.s2;
    let t1 = this.t1;
    let t2 = this.t2;
    let acc = sum;
    for (let i = start; i < end; i++) {
      let x = input[i];
      if (!(x - x === 0)) x = 0; // NaN or ±Infinity
      const u = b0 * x + s1;
      s1 = b1 * x - a1 * u + s2;
      s2 = b2 * x - a2 * u;
      const y = hb0 * u + t1;
      t1 = hb1 * u - ha1 * y + t2;
      t2 = hb2 * u - ha2 * y;
      if (s1 < DENORMAL_FLOOR && s1 > -DENORMAL_FLOOR) s1 = 0;
      if (s2 < DENORMAL_FLOOR && s2 > -DENORMAL_FLOOR) s2 = 0;
      if (t1 < DENORMAL_FLOOR && t1 > -DENORMAL_FLOOR) t1 = 0;
      if (t2 < DENORMAL_FLOOR && t2 > -DENORMAL_FLOOR) t2 = 0;
      acc += y * y;
    }
    this.s1 = s1;
    this.s2 = s2;
    this.t1 = t1;
    this.t2 = t2;
    return acc;
  }
}
