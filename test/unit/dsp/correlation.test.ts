/** Phase correlation and mono compatibility against their definitions. */
import { describe, expect, it } from 'vitest';
import { CorrelationMeter, correlationStats, phaseCorrelation } from '../../../src/dsp/correlation';
import { monoCompatibility, monoWarnings } from '../../../src/dsp/monoCompatibility';

const RATE = 48000;

/** Deterministic white noise (xorshift32), uniform in [−a, a]. */
function noise(frames: number, seed: number, amplitude = 0.25): Float32Array {
  const out = new Float32Array(frames);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < frames; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = amplitude * ((s / 0xffffffff) * 2 - 1);
  }
  return out;
}

const negate = (x: Float32Array) => x.map((v) => -v);

describe('phase correlation', () => {
  const a = noise(RATE * 2, 1);
  const b = noise(RATE * 2, 987654);

  it('is +1 for identical channels, −1 for an inverted one, ≈ 0 for independent noise', () => {
    expect(phaseCorrelation(a, a)).toBeCloseTo(1, 12);
    expect(phaseCorrelation(a, negate(a))).toBeCloseTo(-1, 12);
    expect(Math.abs(phaseCorrelation(a, b)!)).toBeLessThan(0.05);
    // Level differences do not change it (normalised).
    expect(phaseCorrelation(a, a.map((v) => v * 0.1))).toBeCloseTo(1, 6);
  });

  it('is undefined (null) when a channel is silent', () => {
    expect(phaseCorrelation(a, new Float32Array(a.length))).toBeNull();
  });

  it('the smoothed meter settles on the same readings, block size independent', () => {
    for (const [right, expected] of [[a, 1], [negate(a), -1]] as const) {
      const m = new CorrelationMeter(RATE);
      for (let i = 0; i < a.length; i += 128) m.push(a.subarray(i, i + 128), right.subarray(i, i + 128));
      expect(m.value).toBeCloseTo(expected, 9);
    }
    const one = new CorrelationMeter(RATE);
    one.push(a, b);
    const blocks = new CorrelationMeter(RATE);
    for (let i = 0; i < a.length; i += 300) blocks.push(a.subarray(i, i + 300), b.subarray(i, i + 300));
    expect(blocks.value).toBeCloseTo(one.value!, 12);
    // 2 s ≫ τ = 0.3 s of independent noise: the smoothed value is near 0.
    expect(Math.abs(one.value!)).toBeLessThan(0.1);
  });

  it('the smoothing follows a one-pole law: after a switch from +1 to −1 it crosses 0 near τ·ln 2', () => {
    // With equal energies the reading is 2·e^(−t/τ) − 1, which is 0 at t = τ·ln 2.
    const m = new CorrelationMeter(RATE, 0.3);
    m.push(a, a);
    const inv = negate(a);
    const tZero = 0.3 * Math.LN2;
    const before = Math.round((tZero - 0.02) * RATE);
    m.push(a.subarray(0, before), inv.subarray(0, before));
    expect(m.value!).toBeGreaterThan(0);
    m.push(a.subarray(before, before + Math.round(0.04 * RATE)), inv.subarray(before, before + Math.round(0.04 * RATE)));
    expect(m.value!).toBeLessThan(0);
  });

  it('window statistics: mean and lowest 1 %', () => {
    // 10 s: the last 0.4 s inverted, so exactly one window of 25 reads −1.
    const frames = RATE * 10;
    const l = noise(frames, 7);
    const r = l.slice();
    const w = Math.round(0.4 * RATE);
    for (let i = frames - w; i < frames; i++) r[i] = -r[i];
    const s = correlationStats(l, r, RATE);
    expect(s.windows).toBe(25);
    expect(s.lowest1Percent).toBeCloseTo(-1, 9);
    expect(s.mean).toBeCloseTo((24 - 1) / 25, 9);
  });
});

describe('mono compatibility (BS.1770 loudness of the mono sum − stereo)', () => {
  const a = noise(RATE * 3, 11);
  const b = noise(RATE * 3, 12345);

  it('identical channels lose nothing; independent equal channels lose 3 dB (half the power)', () => {
    expect(monoCompatibility(a, a, RATE).monoMinusStereoLu).toBeCloseTo(0, 6);
    // Power of (a + b)/2 is (Pa + Pb)/4 = P/2 per speaker, on both: −10·log10(2) ≈ −3.01 LU.
    expect(monoCompatibility(a, b, RATE).monoMinusStereoLu!).toBeCloseTo(-10 * Math.log10(2), 1);
  });

  it('an inverted pair sums to silence: −∞ and a clear warning', () => {
    const c = monoCompatibility(a, negate(a), RATE);
    expect(c.monoLufs).toBeNull();
    expect(c.monoMinusStereoLu).toBe(-Infinity);
    const w = monoWarnings(c.monoMinusStereoLu, phaseCorrelation(a, negate(a)));
    expect(w.join(' ')).toMatch(/mono sum is silent/);
    expect(w.join(' ')).toMatch(/below 0/);
    expect(monoWarnings(0, 1)).toEqual([]);
    expect(monoWarnings(-4, 0.2)[0]).toMatch(/drops 4\.0 LU/);
  });
});
