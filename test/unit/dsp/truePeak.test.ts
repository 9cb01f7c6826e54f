import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TruePeakInterpolator, truePeakFactor } from '../../../src/dsp/truePeak';

const dB = (x: number): number => 20 * Math.log10(x);

/**
 * Largest `next()` over a signal: its true peak in linear units. The readings of the first
 * `SETTLE` samples are skipped: a tone switched on abruptly really does overshoot (Gibbs) while
 * the filter history fills, and these tests are about the steady tone.
 */
const SETTLE = 24;
function truePeakOf(signal: ArrayLike<number>, sampleRate: number): number {
  const tp = new TruePeakInterpolator(sampleRate);
  let peak = 0;
  for (let i = 0; i < signal.length; i++) {
    const point = tp.next(signal[i]);
    if (i >= SETTLE) peak = Math.max(peak, point);
  }
  return peak;
}

function samplePeakOf(signal: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < signal.length; i++) peak = Math.max(peak, Math.abs(signal[i]));
  return peak;
}

/** amplitude · sin(2π f n / fs + phase) for n = 0 … length − 1. */
function sine(length: number, frequency: number, sampleRate: number, amplitude: number, phaseRad: number): Float64Array {
  const out = new Float64Array(length);
  for (let n = 0; n < length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate + phaseRad);
  return out;
}

describe('TruePeakInterpolator', () => {
  it('oversamples to ≥ 176.4 kHz as BS.1770-4 Annex 2 allows', () => {
    expect(truePeakFactor(44100)).toBe(4);
    expect(truePeakFactor(48000)).toBe(4);
    expect(truePeakFactor(88200)).toBe(2);
    expect(truePeakFactor(96000)).toBe(2);
    expect(truePeakFactor(176400)).toBe(1);
    expect(truePeakFactor(192000)).toBe(1);
    expect(new TruePeakInterpolator(48000).factor).toBe(4);
    expect(new TruePeakInterpolator(48000).delaySamples).toBe(6);
    expect(new TruePeakInterpolator(96000).factor).toBe(2);
    expect(new TruePeakInterpolator(192000).delaySamples).toBe(0);
  });

  it('rejects a meaningless sample rate with a message naming it', () => {
    expect(() => new TruePeakInterpolator(0)).toThrow(/sampleRate/);
    expect(() => new TruePeakInterpolator(Number.NaN)).toThrow(/sampleRate/);
  });

  it('reads +3.01 dB above the sample peak for a sine at fs/4 with 45° phase', () => {
    for (const fs of [44100, 48000]) {
      const signal = sine(4800, fs / 4, fs, 0.5, Math.PI / 4);
      const excess = dB(truePeakOf(signal, fs)) - dB(samplePeakOf(signal));
      // Ideal interpolation: the samples miss the crest by 45°, i.e. by 20·log10(√2) = 3.0103 dB;
      // our 12-tap-per-phase filter adds at most ±0.1 dB of passband ripple at 12 kHz.
      expect(Math.abs(excess - 20 * Math.log10(Math.SQRT2))).toBeLessThan(0.1);
    }
  });

  it('contains the delayed input sample among its points (phase 0 is an exact delay)', () => {
    const tp = new TruePeakInterpolator(48000);
    const outputs: number[] = [];
    for (let n = 0; n < 20; n++) outputs.push(tp.next(n === 0 ? 1 : 0));
    // The impulse comes back exactly at the reported delay; the fractional points are below 1.
    expect(outputs[tp.delaySamples]).toBe(1);
    for (let n = 0; n < 20; n++) if (n !== tp.delaySamples) expect(outputs[n]).toBeLessThan(1);
  });

  it('never reads below the sample peak (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 64 }),
        fc.constantFrom(44100, 48000, 96000, 192000),
        (values, fs) => {
          const tp = new TruePeakInterpolator(fs);
          const d = tp.delaySamples;
          const padded = [...values, ...new Array<number>(d).fill(0)];
          for (let m = 0; m < padded.length; m++) {
            const point = tp.next(padded[m]);
            if (m >= d) expect(point).toBeGreaterThanOrEqual(Math.abs(padded[m - d]));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a sine’s amplitude within the grid bound and ±0.1 dB of ripple', () => {
    // With ideal interpolation on a grid of fs·L points per second, the worst-case reading of a
    // sine of frequency f is cos(π f / (fs·L)) of its amplitude (crest halfway between points).
    // The filter is designed in normalised frequency: its ±0.1 dB band ends at 1/3 of fs.
    const cases: Array<[number, number]> = [
      [48000, 16000],
      [44100, 14700],
      [96000, 20000],
      [192000, 20000],
    ];
    for (const [fs, fMax] of cases) {
      const factor = truePeakFactor(fs);
      for (let i = 0; i < 24; i++) {
        const f = 50 * Math.pow(fMax / 50, i / 23);
        for (const phase of [0.1, 0.77, 1.3, 2.9]) {
          const signal = sine(Math.round(fs * 0.05), f, fs, 0.5, phase);
          const errorDb = dB(truePeakOf(signal, fs)) - dB(0.5);
          const gridLossDb = dB(Math.cos((Math.PI * f) / (fs * factor)));
          expect(errorDb, `fs ${fs} f ${f.toFixed(1)} phase ${phase}`).toBeLessThanOrEqual(0.1);
          expect(errorDb, `fs ${fs} f ${f.toFixed(1)} phase ${phase}`).toBeGreaterThanOrEqual(gridLossDb - 0.1);
        }
      }
    }
  });

  it('scanMax over a block equals next() sample by sample, however the block is split', () => {
    for (const fs of [48000, 96000, 192000]) {
      const signal = sine(1000, 7000, fs, 0.8, 0.3);
      const one = new TruePeakInterpolator(fs);
      let expected = 0;
      for (const x of signal) expected = Math.max(expected, one.next(x));
      const block = new TruePeakInterpolator(fs);
      let got = block.scanMax(signal, 0, 333, 0);
      got = block.scanMax(signal, 333, 334, got);
      got = block.scanMax(signal, 334, signal.length, got);
      expect(got).toBe(expected);
    }
  });

  it('forgets its history on reset and never returns a non-finite value', () => {
    const tp = new TruePeakInterpolator(48000);
    for (let i = 0; i < 30; i++) tp.next(0.9);
    tp.reset();
    for (let i = 0; i < 30; i++) expect(tp.next(0)).toBe(0);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(Number.isFinite(tp.next(bad))).toBe(true);
    }
  });
});
