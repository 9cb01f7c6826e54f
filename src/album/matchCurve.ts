/**
 * Tonal matching, the decision part (after matchering's stages: average spectra of target and
 * reference, their ratio, smoothing, limiting — see docs/album.md). Everything here works on the
 * log grid of {@link ./logFrequency}, in dB.
 */
import { GRID_SIZE, gridFrequency, meanOverRange, smoothOctaves, thirdOctaveLevels } from './logFrequency';

/** Band over which a spectrum's overall level is taken (and tonal deviation is measured), Hz. */
export const LEVEL_BAND_HZ: readonly [number, number] = [100, 10000];
/** Matching leaves the spectrum alone below this, Hz. */
export const MATCH_LOW_HZ = 30;
/** …and above this, Hz. */
export const MATCH_HIGH_HZ = 16000;
/** Width of the smoothing window, octaves (≈ 1/3 octave). */
export const MATCH_SMOOTHING_OCTAVES = 1 / 3;

/** A spectrum with its overall level (mean dB over 100 Hz–10 kHz) removed. */
export function removeLevel(spectrumDb: readonly number[]): number[] {
  const level = meanOverRange(spectrumDb, LEVEL_BAND_HZ[0], LEVEL_BAND_HZ[1]);
  return spectrumDb.map((v) => v - level);
}

/** Album average spectrum: the mean (in dB) of the level-removed spectra of every track. */
export function averageSpectrum(spectra: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(GRID_SIZE).fill(0);
  if (spectra.length === 0) return out;
  for (const s of spectra) {
    const flat = removeLevel(s);
    for (let k = 0; k < GRID_SIZE; k++) out[k] += flat[k] / spectra.length;
  }
  return out;
}

/**
 * How much a correction is allowed at a frequency (0…1): 1 from 40 Hz to 12.5 kHz, fading (linear
 * in log frequency) to 0 at 30 Hz and at 16 kHz, 0 outside — so the filter's response has no step.
 */
export function matchWeight(hz: number): number {
  if (hz <= MATCH_LOW_HZ || hz >= MATCH_HIGH_HZ) return 0;
  const lowFull = 40;
  const highFull = 12500;
  if (hz < lowFull) return Math.log(hz / MATCH_LOW_HZ) / Math.log(lowFull / MATCH_LOW_HZ);
  if (hz > highFull) return Math.log(MATCH_HIGH_HZ / hz) / Math.log(MATCH_HIGH_HZ / highFull);
  return 1;
}

/**
 * The correction curve that moves `trackDb` towards `targetDb`: their level-removed difference,
 * smoothed to 1/3 octave, scaled by `amount` (0…1), capped at ±`maxCorrectionDb`, and faded out
 * below 30 Hz and above 16 kHz.
 */
export function matchCorrection(trackDb: readonly number[], targetDb: readonly number[], amount: number, maxCorrectionDb: number): number[] {
  const track = removeLevel(trackDb);
  const target = removeLevel(targetDb);
  const difference = smoothOctaves(track.map((v, k) => target[k] - v), MATCH_SMOOTHING_OCTAVES);
  return difference.map((d, k) => {
    const capped = Math.max(-maxCorrectionDb, Math.min(maxCorrectionDb, amount * d));
    // +0 turns a −0 into 0 so the plan's JSON reads cleanly.
    return capped * matchWeight(gridFrequency(k)) + 0;
  });
}

/**
 * Tonal deviation, dB RMS: the track's 1/3-octave band levels (100 Hz–10 kHz) minus the
 * reference's, after removing the mean difference (the overall level).
 */
export function tonalDeviationDb(trackDb: readonly number[], referenceDb: readonly number[]): number {
  const a = thirdOctaveLevels(trackDb);
  const b = thirdOctaveLevels(referenceDb);
  const diff = a.map((v, i) => v - b[i]);
  const mean = diff.reduce((s, v) => s + v, 0) / diff.length;
  return Math.sqrt(diff.reduce((s, v) => s + (v - mean) * (v - mean), 0) / diff.length);
}

/** Largest absolute value of a correction curve, dB. */
export function largestCorrectionDb(correctionDb: readonly number[]): number {
  return correctionDb.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}
