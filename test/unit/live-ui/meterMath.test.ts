/** Meter arithmetic against its formulas: block statistics, ballistics, scale. */
import { describe, expect, it } from 'vitest';
import {
  METER_FLOOR_DB,
  PEAK_FALL_DB_PER_SECOND,
  PEAK_HOLD_SECONDS,
  RMS_TIME_CONSTANT_SECONDS,
  blockStats,
  meterFraction,
  powerToDb,
  restingMeter,
  toDb,
  updateMeter,
} from '../../../src/ui/live/meterMath';

describe('meter math', () => {
  it('peak and sum of squares of a sine block; non-finite samples ignored', () => {
    const n = 4800;
    const block = new Float32Array(n);
    for (let i = 0; i < n; i++) block[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 48000);
    block[7] = NaN;
    const s = { peak: 0, sumSquares: 0 };
    blockStats(block, s);
    expect(s.peak).toBeCloseTo(0.5, 6);
    // Mean square of a sine of amplitude A is A²/2 (the NaN sample counts as 0).
    expect(s.sumSquares / n).toBeCloseTo(0.125, 3);
    expect(powerToDb(s.sumSquares / n)).toBeCloseTo(10 * Math.log10(0.125), 2);
  });

  it('dB conversions clamp to the floor', () => {
    expect(toDb(1)).toBe(0);
    expect(toDb(0)).toBe(METER_FLOOR_DB);
    expect(toDb(1e-9)).toBe(METER_FLOOR_DB);
    expect(meterFraction(METER_FLOOR_DB)).toBe(0);
    expect(meterFraction(1000)).toBe(1);
  });

  it('peak rises at once and falls at the set rate after the hold; RMS follows e^(−t/τ)', () => {
    const m = restingMeter();
    updateMeter(m, 0, 1, 1); // 0 dBFS
    expect(m.peakDb).toBe(0);
    expect(m.holdDb).toBe(0);
    updateMeter(m, 0.5, 0, 0);
    expect(m.peakDb).toBeCloseTo(-PEAK_FALL_DB_PER_SECOND * 0.5, 9);
    expect(m.holdDb).toBe(0);
    // RMS average after 0.5 s of silence: 1 · e^(−0.5/τ).
    expect(m.power).toBeCloseTo(Math.exp(-0.5 / RMS_TIME_CONSTANT_SECONDS), 9);
    updateMeter(m, PEAK_HOLD_SECONDS + 0.6, 0, 0);
    expect(m.holdDb).toBeLessThan(0);
    expect(m.holdDb).toBeGreaterThanOrEqual(m.peakDb);
  });
});
