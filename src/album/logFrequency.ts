/**
 * The album's frequency axis: long-term spectra are kept on a fixed logarithmic grid (1/12
 * octave from 20 Hz), whatever the sample rate, so tracks, plans and reports compare point by
 * point. Pure math, no DOM.
 */

/** Lowest grid frequency, Hz. */
export const GRID_START_HZ = 20;
/** Grid points per octave (1/12-octave resolution, finer than the 1/3-octave smoothing). */
export const GRID_POINTS_PER_OCTAVE = 12;
/** Number of grid points: 20 Hz … 20·2^(119/12) ≈ 19.5 kHz. */
export const GRID_SIZE = 120;

/** Frequency of grid point k, Hz: 20·2^(k/12). */
export function gridFrequency(k: number): number {
  return GRID_START_HZ * Math.pow(2, k / GRID_POINTS_PER_OCTAVE);
}

/** All grid frequencies, Hz. */
export function gridFrequencies(): number[] {
  return Array.from({ length: GRID_SIZE }, (_, k) => gridFrequency(k));
}

/** Fractional grid position of a frequency (may lie outside 0…GRID_SIZE−1). */
export function gridPosition(hz: number): number {
  return Math.log2(hz / GRID_START_HZ) * GRID_POINTS_PER_OCTAVE;
}

/**
 * Value of a grid curve at any frequency: linear interpolation in log frequency, held constant
 * beyond the ends.
 */
export function interpolateGrid(curveDb: ArrayLike<number>, hz: number): number {
  const p = gridPosition(hz);
  if (!(p > 0)) return curveDb[0];
  if (p >= GRID_SIZE - 1) return curveDb[GRID_SIZE - 1];
  const i = Math.floor(p);
  const t = p - i;
  return curveDb[i] * (1 - t) + curveDb[i + 1] * t;
}

/**
 * Centres of the 1/3-octave bands used for tonal deviation: base-2 centres 1000·2^(k/3) for
 * k = −10…10 (≈ 99 Hz … 10.1 kHz), the ANSI S1.11 / IEC 61260 band series around 1 kHz.
 */
export const THIRD_OCTAVE_CENTRES_HZ: readonly number[] = Array.from({ length: 21 }, (_, i) => 1000 * Math.pow(2, (i - 10) / 3));

/**
 * Level of each 1/3-octave band, dB: the mean power of the grid points inside the band
 * [fc·2^(−1/6), fc·2^(1/6)) (four 1/12-octave points per band).
 */
export function thirdOctaveLevels(curveDb: ArrayLike<number>): number[] {
  return THIRD_OCTAVE_CENTRES_HZ.map((fc) => {
    const lo = gridPosition(fc * Math.pow(2, -1 / 6));
    const hi = gridPosition(fc * Math.pow(2, 1 / 6));
    let power = 0;
    let count = 0;
    for (let k = Math.ceil(lo - 1e-9); k < hi - 1e-9; k++) {
      power += Math.pow(10, curveDb[k] / 10);
      count += 1;
    }
    return 10 * Math.log10(power / count);
  });
}

/** Mean of a grid curve over the grid points from `loHz` to `hiHz` (inclusive), dB. */
export function meanOverRange(curveDb: ArrayLike<number>, loHz: number, hiHz: number): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < GRID_SIZE; k++) {
    const f = gridFrequency(k);
    if (f >= loHz && f <= hiHz) {
      sum += curveDb[k];
      count += 1;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Fractional-octave smoothing of a grid curve: each point becomes the mean of the points within
 * ±`octaves`/2 of it (a rectangular window in log frequency, as used for 1/3-octave smoothing of
 * room and matching curves). Near the ends the window is truncated.
 */
export function smoothOctaves(curveDb: ArrayLike<number>, octaves: number): number[] {
  const half = Math.round((octaves / 2) * GRID_POINTS_PER_OCTAVE);
  const out: number[] = [];
  for (let k = 0; k < GRID_SIZE; k++) {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, k - half); j <= Math.min(GRID_SIZE - 1, k + half); j++) {
      sum += curveDb[j];
      count += 1;
    }
    out.push(sum / count);
  }
  return out;
}
