/**
 * Branching one-pole smoother of a gain reduction in dB — the "smooth branching peak detector" of
 * Giannoulis, Massberg & Reiss (JAES 2012, section "Level detection"), placed after the gain
 * computer so it smooths the reduction in dB (the arrangement the paper recommends, where attack
 * and release act on the gain and not on the signal level):
 *
 *   y[n] = α_A·y[n−1] + (1 − α_A)·x[n]   if x[n] > y[n−1]   (reduction growing: attack)
 *   y[n] = α_R·y[n−1] + (1 − α_R)·x[n]   otherwise          (reduction shrinking: release)
 *
 * with α = exp(−1/(τ·fs)), so a step in the target reduction is followed with 1 − e^(−t/τ):
 * 63 % of the way after exactly τ.
 */
import { onePoleCoefficient } from './timeConstant';

/** Below this many dB the state is flushed to 0 so an idle smoother never decays into denormals. */
export const FLUSH_DB = 1e-12;

export class GainReductionSmoother {
  /** α_A; read-only outside `configure` (public so a block loop can hoist it). */
  attackCoeff = 0;
  /** α_R; read-only outside `configure`. */
  releaseCoeff = 0;
  /** Current smoothed gain reduction in dB (≥ 0). */
  value = 0;

  /**
   * @param attackSeconds τ_A in seconds.
   * @param releaseSeconds τ_R in seconds.
   * @param sampleRate fs in Hz.
   */
  configure(attackSeconds: number, releaseSeconds: number, sampleRate: number): void {
    this.attackCoeff = onePoleCoefficient(attackSeconds, sampleRate);
    this.releaseCoeff = onePoleCoefficient(releaseSeconds, sampleRate);
  }

  /** Advances one sample towards `targetDb` (the gain computer's reduction, ≥ 0) and returns it. */
  step(targetDb: number): number {
    const prev = this.value;
    const a = targetDb > prev ? this.attackCoeff : this.releaseCoeff;
    let next = a * prev + (1 - a) * targetDb;
    // Per-sample flush keeps the result independent of the block size.
    // `!(≥)` also catches NaN.
    if (!(next >= FLUSH_DB)) next = 0;
    this.value = next;
    return next;
  }

  /**
   * `step` for each of targets[0 … count), the smoothed reduction written to out[i] (out may be
   * targets), with the state and coefficients in locals. Returns the largest value written (≥ 0).
   */
  stepBlock(targets: Float64Array, out: Float64Array, count: number): number {
    const attack = this.attackCoeff;
    const release = this.releaseCoeff;
    let value = this.value;
    let largest = 0;
    for (let i = 0; i < count; i++) {
      const target = targets[i];
      const a = target > value ? attack : release;
      value = a * value + (1 - a) * target;
      if (!(value >= FLUSH_DB)) value = 0;
      out[i] = value;
      if (value > largest) largest = value;
    }
    this.value = value;
    return largest;
  }

  reset(): void {
    this.value = 0;
  }
}
