/**
 * First-order low-pass filter by the bilinear transform with frequency prewarping, used inside
 * feedback loops (the delay's `tone`, the reverb's `damping`).
 *
 * Analog prototype H(s) = ωc / (s + ωc); bilinear transform s → 2fs·(1 − z⁻¹)/(1 + z⁻¹) with ωc
 * prewarped so the digital −3 dB point is exactly fc (Oppenheim & Schafer, *Discrete-Time Signal
 * Processing*, 3rd ed., §7.2.2; J. O. Smith, *Introduction to Digital Filters*, "Bilinear
 * Transformation"). With K = tan(π·fc/fs):
 *
 *   H(z) = b0·(1 + z⁻¹) / (1 + a1·z⁻¹),   b0 = K/(1 + K),   a1 = (K − 1)/(K + 1)
 *
 * DC gain is exactly 1, the gain at Nyquist is 0, and the magnitude is
 *
 *   |H(e^{jω})| = 1 / √(1 + (tan(ω/2) / K)²)
 *
 * which never exceeds 1: in a feedback loop with gain g < 1 the loop gain stays below 1 at every
 * frequency, so the loop is stable for any cutoff (a resonant biquad would not guarantee that).
 */

import { DENORMAL_FLOOR } from './denormal';

/** Coefficients of `onePoleLowpass`; mutable so retuning never allocates. */
export interface OnePoleLowpassCoefficients {
  b0: number;
  a1: number;
}

/**
 * Computes the coefficients for cutoff `cutoffHz` (−3 dB point) at `sampleRate`.
 * @param cutoffHz fc in Hz, clamped to (0, 0.499·fs) so tan(π·fc/fs) stays finite.
 * @param sampleRate fs in Hz.
 */
export function onePoleLowpassCoefficients(
  cutoffHz: number,
  sampleRate: number,
  out: OnePoleLowpassCoefficients = { b0: 1, a1: 0 },
): OnePoleLowpassCoefficients {
  const fc = Math.min(Math.max(cutoffHz, 1e-3), 0.499 * sampleRate);
  const k = Math.tan((Math.PI * fc) / sampleRate);
  out.b0 = k / (1 + k);
  out.a1 = (k - 1) / (k + 1);
  return out;
}

/**
 * |H(e^{jω})| of the filter at `frequencyHz`, from the coefficients:
 * |b0·(1 + e^{−jω})| / |1 + a1·e^{−jω}|.
 */
export function onePoleLowpassMagnitude(
  c: OnePoleLowpassCoefficients,
  frequencyHz: number,
  sampleRate: number,
): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const cos = Math.cos(w);
  const sin = Math.sin(w);
  const nr = c.b0 * (1 + cos);
  const ni = -c.b0 * sin;
  const dr = 1 + c.a1 * cos;
  const di = -c.a1 * sin;
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}

/**
 * State of one filter instance, transposed direct form II (one state variable):
 *
 *   y[n] = b0·x[n] + s[n−1],   s[n] = b0·x[n] − a1·y[n]
 *
 * Hot loops (the reverb's combs, the delay's loop) inline these two lines with `state` in a local
 * and store it back after the block; `step` is the same arithmetic for one sample.
 */
export class OnePoleLowpass {
  /** s[n−1]; public so a block loop can keep it in a local. */
  state = 0;

  /** Filters one sample. */
  step(c: OnePoleLowpassCoefficients, x: number): number {
    const y = c.b0 * x + this.state;
    let s = c.b0 * x - c.a1 * y;
    // Per sample so the result does not depend on the block size (see `./denormal.ts`).
    if (Math.abs(s) < DENORMAL_FLOOR) s = 0;
    this.state = s;
    return y;
  }

  reset(): void {
    this.state = 0;
  }
}
