/** Loudness matching for A/B: gain = L_out − L_in, short-term first, clamped. */
import { describe, expect, it } from 'vitest';
import { MAX_MATCH_DB, dbToGain, matchGainDb } from '../../../src/ui/live/levelMatch';

describe('matchGainDb', () => {
  it('is the output loudness minus the input loudness', () => {
    expect(matchGainDb({ shortTermLufs: -20, momentaryLufs: -30 }, { shortTermLufs: -16, momentaryLufs: -99 })).toBe(4);
  });
  it('uses momentary loudness before 3 s are measured, and gives up on silence', () => {
    expect(matchGainDb({ shortTermLufs: null, momentaryLufs: -18 }, { shortTermLufs: null, momentaryLufs: -24 })).toBe(-6);
    expect(matchGainDb({ shortTermLufs: null, momentaryLufs: null }, { shortTermLufs: -10, momentaryLufs: -10 })).toBeNull();
  });
  it('clamps to ±MAX_MATCH_DB', () => {
    expect(matchGainDb({ shortTermLufs: -70, momentaryLufs: null }, { shortTermLufs: 0, momentaryLufs: null })).toBe(MAX_MATCH_DB);
  });
  it('dB to amplitude: 10^(dB/20)', () => {
    expect(dbToGain(-6)).toBeCloseTo(0.501187, 6);
    expect(dbToGain(20)).toBeCloseTo(10, 12);
  });
});
