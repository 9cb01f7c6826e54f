/**
 * Time constants and decibel conversions shared by the dynamics processors.
 */

/**
 * Pole of a one-pole smoother with time constant τ:
 *
 *   α = exp(−1 / (τ · fs))
 *
 * so that y[n] = α·y[n−1] + (1 − α)·x[n] answers a step with 1 − e^(−t/τ): it covers 63.2 % of
 * the step after t = τ (the time-constant definition of Giannoulis, Massberg & Reiss, "Digital
 * Dynamic Range Compressor Design — A Tutorial and Analysis", JAES 60(6), 2012, section
 * "Level detection").
 * @param timeSeconds τ in seconds; 0 or less gives α = 0 (no smoothing).
 * @param sampleRate fs in Hz.
 * @returns α in [0, 1).
 */
export function onePoleCoefficient(timeSeconds: number, sampleRate: number): number {
  if (!(timeSeconds > 0)) return 0;
  return Math.exp(-1 / (timeSeconds * sampleRate));
}

/** ln(10)/20: 10^(dB/20) = exp(dB · DB_TO_NEPER). */
export const DB_TO_NEPER = Math.LN10 / 20;

/** Amplitude factor of a level in dB: 10^(dB/20). */
export function dbToGain(db: number): number {
  return Math.exp(db * DB_TO_NEPER);
}

/** Level in dB of an amplitude factor: 20·log10(g); −Infinity for 0. */
export function gainToDb(gain: number): number {
  return 20 * Math.log10(gain);
}
