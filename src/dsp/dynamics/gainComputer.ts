/**
 * Static gain computer of a downward compressor, in the dB domain, with the quadratic soft knee of
 * D. Giannoulis, M. Massberg and J. D. Reiss, "Digital Dynamic Range Compressor Design — A
 * Tutorial and Analysis", J. Audio Eng. Soc. 60(6), 2012, section "Gain computer" (soft knee):
 *
 *            ⎧ x                                       2(x − T) < −W
 *   y(x)  =  ⎨ x + (1/R − 1)·(x − T + W/2)² / (2W)     2|x − T| ≤ W
 *            ⎩ T + (x − T)/R                           2(x − T) > W
 *
 * x: input level (dB), T: threshold (dB), R: ratio (≥ 1), W: knee width (dB, 0 = hard knee).
 * The quadratic joins both straight lines with matching value and slope at T ± W/2.
 */

import { lnNormal } from '../fastMath';

/** 10/ln 10: 10·log10 p = POWER_DB_PER_NEPER · ln p (asm/compressor.ts holds the same double). */
export const POWER_DB_PER_NEPER = 10 / Math.LN10;

/**
 * Output level y(x) of the gain computer (the soft-knee equation above), in dB. Pure; used by the kernel, the
 * UI's curve plot and the docs.
 * @param inputDb x, the detector level in dB (dBFS for a peak detector).
 * @param thresholdDb T in dB.
 * @param ratio R, 1..∞ (1 = no compression).
 * @param kneeDb W in dB, ≥ 0 (0 = hard knee).
 */
export function gainComputerDb(inputDb: number, thresholdDb: number, ratio: number, kneeDb: number): number {
  const over = inputDb - thresholdDb;
  if (2 * over <= -kneeDb) return inputDb;
  if (2 * over >= kneeDb) return thresholdDb + over / ratio;
  const d = over + kneeDb / 2;
  return inputDb + ((1 / ratio - 1) * d * d) / (2 * kneeDb);
}

/**
 * The gain computer prepared for a per-sample loop: it takes a *power* (squared amplitude, or
 * mean square for an RMS detector) and returns the gain reduction x − y(x) ≥ 0 in dB. Powers below
 * the knee's start are answered with one comparison and no logarithm.
 */
export class GainComputer {
  /** T in dB. Read-only outside `configure` (public so the WebAssembly host can copy it). */
  thresholdDb = 0;
  /** 1 − 1/R. */
  slope = 0;
  /** W in dB, ≥ 0. */
  kneeDb = 0;
  /** 1/(2W), or 0 for a hard knee (where the knee branch can only be reached by rounding). */
  kneeScale = 0;
  /** 10^((T − W/2)/10): at or below this power the reduction is exactly 0. */
  kneeStartPower = 1;

  /**
   * @param thresholdDb T in dB.
   * @param ratio R ≥ 1.
   * @param kneeDb W ≥ 0 in dB.
   */
  configure(thresholdDb: number, ratio: number, kneeDb: number): void {
    this.thresholdDb = thresholdDb;
    this.slope = 1 - 1 / ratio;
    this.kneeDb = Math.max(0, kneeDb);
    this.kneeScale = this.kneeDb > 0 ? 1 / (2 * this.kneeDb) : 0;
    this.kneeStartPower = Math.pow(10, (thresholdDb - this.kneeDb / 2) / 10);
  }

  /**
   * Gain reduction x − y(x) in dB (≥ 0) for a detector power p, with x = 10·log10(p).
   * Equivalent to `x − gainComputerDb(x, T, R, W)` written so that 1/R − 1 = −slope; the same
   * arithmetic as `reductionBlock`.
   */
  reductionDb(power: number): number {
    if (!(power > this.kneeStartPower)) return 0; // also catches NaN
    const over = POWER_DB_PER_NEPER * lnNormal(power, 0) - this.thresholdDb;
    const knee = this.kneeDb;
    if (2 * over >= knee) return this.slope * over;
    const d = over + knee / 2;
    return this.slope * d * d * this.kneeScale;
  }

  /**
   * `reductionDb` for each of powers[0 … count), written to out[i] (out may be powers): one loop
   * with the curve's constants in locals, the same arithmetic per value.
   */
  reductionBlock(powers: Float64Array, out: Float64Array, count: number): void {
    const kneeStartPower = this.kneeStartPower;
    const thresholdDb = this.thresholdDb;
    const knee = this.kneeDb;
    const slope = this.slope;
    const kneeScale = this.kneeScale;
    for (let i = 0; i < count; i++) {
      const power = powers[i];
      if (!(power > kneeStartPower)) {
        out[i] = 0; // also catches NaN
        continue;
      }
      // 10·log10 p = (10/ln 10)·ln p; p > kneeStartPower ≥ 10^−7.2 is a normal double.
      const over = POWER_DB_PER_NEPER * lnNormal(power, 0) - thresholdDb;
      if (2 * over >= knee) {
        out[i] = slope * over;
      } else {
        const d = over + knee / 2;
        out[i] = slope * d * d * kneeScale;
      }
    }
  }
}
