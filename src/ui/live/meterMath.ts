/**
 * Level-meter arithmetic (pure, unit-tested): peak and mean square of a block, and the ballistics
 * that turn per-frame readings into a readable meter.
 *
 * - Peak: instant attack; falls back at `PEAK_FALL_DB_PER_SECOND` (a PPM-like return, after
 *   IEC 60268-18: about 20 dB in 1.7 s), with a hold marker that stays `PEAK_HOLD_SECONDS`.
 * - RMS: the mean square of each analyser window, averaged with an exponential time constant
 *   `RMS_TIME_CONSTANT_SECONDS` (300 ms, the classic VU-like integration), shown in dB.
 */

/** Lowest level a meter shows, dBFS; anything quieter reads as this ("silence"). */
export const METER_FLOOR_DB = -60;
/** Highest level a meter shows, dBFS. */
export const METER_CEILING_DB = 6;
/** Fall-back speed of the peak bar, dB/s. */
export const PEAK_FALL_DB_PER_SECOND = 12;
/** How long the peak-hold marker stays before it falls, s. */
export const PEAK_HOLD_SECONDS = 1.5;
/** Time constant of the RMS average, s. */
export const RMS_TIME_CONSTANT_SECONDS = 0.3;

/** Linear amplitude → dB, never below `floor` (0 and NaN give `floor`). */
export function toDb(linear: number, floor = METER_FLOOR_DB): number {
  return linear > 0 ? Math.max(floor, 20 * Math.log10(linear)) : floor;
}

/** Power (mean square) → dB, never below `floor`. */
export function powerToDb(power: number, floor = METER_FLOOR_DB): number {
  return power > 0 ? Math.max(floor, 10 * Math.log10(power)) : floor;
}

/** Largest |x| and Σx² of `block`; non-finite samples count as 0. */
export function blockStats(block: Float32Array, into: { peak: number; sumSquares: number }): void {
  let peak = 0;
  let sum = 0;
  for (let i = 0; i < block.length; i++) {
    const x = block[i];
    if (!(x - x === 0)) continue;
    const a = x < 0 ? -x : x;
    if (a > peak) peak = a;
    sum += x * x;
  }
  into.peak = peak;
  into.sumSquares = sum;
}

/** The displayed state of one meter (mutated in place each frame: no allocation). */
export interface MeterBallistics {
  /** Displayed peak, dBFS. */
  peakDb: number;
  /** Peak-hold marker, dBFS, and when it was set (s). */
  holdDb: number;
  holdSince: number;
  /** Averaged mean square (linear power). */
  power: number;
  /** Time of the last update, s (−1: never). */
  lastTime: number;
}

/** A meter at rest (silence). */
export function restingMeter(): MeterBallistics {
  return { peakDb: METER_FLOOR_DB, holdDb: METER_FLOOR_DB, holdSince: 0, power: 0, lastTime: -1 };
}

/**
 * Updates `m` with a new reading at time `t` (s): `peak` linear, `meanSquare` linear power.
 * Peak: max(new, previous − fall·dt); hold: new maxima reset it, it falls like the peak after
 * the hold time; power: p += (1 − e^(−dt/τ))·(x − p).
 */
export function updateMeter(m: MeterBallistics, t: number, peak: number, meanSquare: number): void {
  const dt = m.lastTime < 0 ? 0 : Math.max(0, t - m.lastTime);
  m.lastTime = t;
  const peakDb = toDb(peak);
  m.peakDb = Math.max(peakDb, m.peakDb - PEAK_FALL_DB_PER_SECOND * dt, METER_FLOOR_DB);
  if (peakDb >= m.holdDb) {
    m.holdDb = peakDb;
    m.holdSince = t;
  } else if (t - m.holdSince > PEAK_HOLD_SECONDS) {
    m.holdDb = Math.max(m.peakDb, m.holdDb - PEAK_FALL_DB_PER_SECOND * dt);
  }
  const alpha = dt === 0 ? 1 : 1 - Math.exp(-dt / RMS_TIME_CONSTANT_SECONDS);
  m.power += alpha * ((Number.isFinite(meanSquare) ? meanSquare : 0) - m.power);
}

/** Position of `db` on a meter scale, 0 (floor) … 1 (ceiling), clamped. */
export function meterFraction(db: number, floor = METER_FLOOR_DB, ceiling = METER_CEILING_DB): number {
  return Math.min(1, Math.max(0, (db - floor) / (ceiling - floor)));
}
