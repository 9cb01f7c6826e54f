import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TruePeakInterpolator, truePeakFactor } from '../../../src/dsp/truePeak';
import { LoudnessMeter, measureLoudness } from '../../../src/dsp/loudness';
import { SeededRandom } from '../../../src/dsp/noise';
import { idealTruePeaksDb } from '../../helpers/idealTruePeak';
import { musicLike, pinkNoise, whiteNoise } from '../../helpers/masteringSignals';

const dB = (x: number): number => 20 * Math.log10(x);

/**
 * Largest `next()` over a signal: its true peak in linear units. The readings of the first
 * `SETTLE` samples are skipped: a tone switched on abruptly really does overshoot (Gibbs) while
 * the filter history fills (delay 22), and these tests are about the steady tone (the
 * abrupt end is left out the same way: the last 22 periods are never flushed here).
 */
const SETTLE = 100;
function truePeakOf(signal: ArrayLike<number>, sampleRate: number): number {
  const tp = new TruePeakInterpolator(sampleRate);
  const points = new Float64Array(signal.length);
  tp.scanPeaks(signal, 0, signal.length, 0, points, 0);
  let peak = 0;
  for (let i = SETTLE; i < signal.length; i++) peak = Math.max(peak, points[i]);
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
  it('oversamples to ≥ 352.8 kHz (twice what BS.1770-4 Annex 2 asks) with a 22-sample delay', () => {
    expect(truePeakFactor(44100)).toBe(8);
    expect(truePeakFactor(48000)).toBe(8);
    expect(truePeakFactor(88200)).toBe(4);
    expect(truePeakFactor(96000)).toBe(4);
    expect(truePeakFactor(176400)).toBe(2);
    expect(truePeakFactor(192000)).toBe(2);
    expect(new TruePeakInterpolator(48000).factor).toBe(8);
    expect(new TruePeakInterpolator(48000).delaySamples).toBe(22);
    expect(new TruePeakInterpolator(96000).factor).toBe(4);
    expect(new TruePeakInterpolator(192000).delaySamples).toBe(22);
  });

  it('rejects a meaningless sample rate with a message naming it', () => {
    expect(() => new TruePeakInterpolator(0)).toThrow(/sampleRate/);
    expect(() => new TruePeakInterpolator(Number.NaN)).toThrow(/sampleRate/);
    expect(() => new TruePeakInterpolator(48000, { factor: 3 })).toThrow(/factor must be 2, 4 or 8 \(got 3\)/);
    expect(new TruePeakInterpolator(48000, { factor: 4 }).factor).toBe(4);
  });

  it('reads +3.01 dB above the sample peak for a sine at fs/4 with 45° phase', () => {
    for (const fs of [44100, 48000]) {
      const signal = sine(4800, fs / 4, fs, 0.5, Math.PI / 4);
      const excess = dB(truePeakOf(signal, fs)) - dB(samplePeakOf(signal));
      // Ideal interpolation: the samples miss the crest by 45°, i.e. by 20·log10(√2) = 3.0103 dB.
      expect(Math.abs(excess - 20 * Math.log10(Math.SQRT2))).toBeLessThan(0.01);
    }
  });

  it('contains the delayed input sample among its points (phase 0 is an exact delay)', () => {
    const tp = new TruePeakInterpolator(48000);
    const outputs: number[] = [];
    for (let n = 0; n < 60; n++) outputs.push(tp.next(n === 0 ? 1 : 0));
    // The impulse comes back exactly at the reported delay; the fractional points are below 1.
    expect(outputs[tp.delaySamples]).toBe(1);
    for (let n = 0; n < 60; n++) if (n !== tp.delaySamples) expect(outputs[n]).toBeLessThan(1);
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
            // The interpolator works on its input rounded to single precision (src/dsp/truePeak.ts,
            // "Precision"), so the sample its period passes through is fround(x), within 2⁻²⁴ of x
            // (5·10⁻⁷ dB); the property holds exactly for that sample. (LoudnessMeter keeps its true
            // peak ≥ its float64 sample peak: the test below.)
            if (m >= d) expect(point).toBeGreaterThanOrEqual(Math.abs(Math.fround(padded[m - d])));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a sine’s amplitude within ±0.1 dB up to 20 kHz, wherever its crests fall', () => {
    // Sines whose crests fall at every offset between the 8× grid points, including the worst
    // (halfway: an unrefined 8× grid would miss cos(π f / 8 fs), −0.14 dB at 20 kHz / 44.1 kHz).
    for (const fs of [44100, 48000, 96000, 192000]) {
      for (let i = 0; i < 24; i++) {
        const f = 50 * Math.pow(20000 / 50, i / 23);
        for (const phase of [0.1, 0.77, 1.3, 2.9]) {
          const signal = sine(Math.round(fs * 0.05), f, fs, 0.5, phase);
          const errorDb = dB(truePeakOf(signal, fs)) - dB(0.5);
          expect(Math.abs(errorDb), `fs ${fs} f ${f.toFixed(1)} phase ${phase}`).toBeLessThanOrEqual(0.1);
        }
      }
    }
  });

  it('reads a 20 kHz burst whose crest falls halfway between 8×-grid points within 0.1 dB of ideal', () => {
    const bursts: Float64Array[] = [];
    const ours: number[] = [];
    for (const fs of [44100, 48000]) {
      const factor = truePeakFactor(fs);
      for (const shift of [0.5, 1.5, 2.5, 3.5]) {
        const at = 200 + shift / factor; // crest time in samples
        const signal = new Float64Array(400);
        for (let n = 0; n < 400; n++) {
          const envelope = Math.exp(-(((n - at) / 60) ** 2)); // 20 kHz ± a few hundred Hz
          signal[n] = 0.5 * envelope * Math.cos((2 * Math.PI * 20000 * (n - at)) / fs);
        }
        bursts.push(signal);
        ours.push(dB(truePeakOf(signal, fs)));
      }
    }
    const ideal = idealTruePeaksDb(bursts);
    ours.forEach((v, i) => expect(Math.abs(v - ideal[i]), `burst ${i}: ours ${v} ideal ${ideal[i]}`).toBeLessThanOrEqual(0.1));
  });

  it('reads band-limited (≤ 20 kHz) noise within 0.1 dB of the ideal reconstruction (numpy)', () => {
    // Sums of 80 sines at random frequencies 20 Hz … 20 kHz: exactly band-limited, full of
    // inter-sample peaks. 12 short programmes per rate, each its own peak.
    const random = new SeededRandom(11);
    const programmes: Float64Array[] = [];
    const ours: number[] = [];
    for (const fs of [44100, 48000]) {
      for (let programme = 0; programme < 12; programme++) {
        const x = new Float64Array(Math.round(fs * 0.05));
        for (let k = 0; k < 80; k++) {
          const f = 20 + random.nextUint32() * (19980 / 4294967296);
          const phase = random.nextUint32() * ((2 * Math.PI) / 4294967296);
          const w = (2 * Math.PI * f) / fs;
          for (let n = 0; n < x.length; n++) x[n] += 0.02 * Math.sin(w * n + phase);
        }
        programmes.push(x);
        ours.push(measureLoudness(x, x, fs).truePeakDbtp ?? Number.NaN);
      }
    }
    const ideal = idealTruePeaksDb(programmes);
    ours.forEach((v, i) => expect(Math.abs(v - ideal[i]), `programme ${i}: ours ${v} ideal ${ideal[i]}`).toBeLessThanOrEqual(0.1));
  });

  it('never reads below the sample peak, even for a click in the very last sample', () => {
    for (const fs of [44100, 48000, 96000, 192000]) {
      const x = new Float32Array(fs);
      x[x.length - 1] = 0.99996;
      const r = measureLoudness(x, x, fs);
      expect(r.samplePeakDbfs ?? Number.NaN).toBeCloseTo(dB(Math.fround(0.99996)), 9);
      expect(r.truePeakDbtp ?? Number.NaN).toBeGreaterThanOrEqual(r.samplePeakDbfs ?? Number.NaN);
    }
    // Property: any short programme, any rate, read at any point of the stream.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 64 }),
        fc.constantFrom(44100, 48000, 96000, 192000),
        (values, fs) => {
          const meter = new LoudnessMeter(fs, 1);
          const x = Float64Array.from(values);
          meter.pushChannels([x]);
          // Silence has no peak (null): read as −∞, which true peak then equals.
          expect(meter.truePeakDbtp ?? -Infinity).toBeGreaterThanOrEqual(meter.samplePeakDbfs ?? -Infinity);
          // Reading does not change the state: more audio after a reading counts as usual.
          meter.pushChannels([x]);
          expect(meter.truePeakDbtp ?? -Infinity).toBeGreaterThanOrEqual(meter.samplePeakDbfs ?? -Infinity);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('pruning changes nothing: the meter reads identical numbers with and without it', () => {
    const fs = 48000;
    const frames = fs;
    const programmes = [pinkNoise(frames, 5), musicLike(frames, fs, 9), whiteNoise(frames, 13, 0.9)];
    for (const p of programmes) {
      for (const block of [1, 100, 4096]) {
        const pruned = new LoudnessMeter(fs, 2);
        const full = new LoudnessMeter(fs, 2, { truePeakPruning: false });
        const limit = block === 1 ? 5000 : frames; // sample-by-sample pushes on a shorter stretch
        for (let s = 0; s < limit; s += block) {
          const n = Math.min(block, limit - s);
          pruned.push(p.left.subarray(s, s + n), p.right.subarray(s, s + n), n);
          full.push(p.left.subarray(s, s + n), p.right.subarray(s, s + n), n);
        }
        expect(pruned.truePeakDbtp).toBe(full.truePeakDbtp);
        expect(pruned.channelTruePeakDbtp(0)).toBe(full.channelTruePeakDbtp(0));
        expect(pruned.channelTruePeakDbtp(1)).toBe(full.channelTruePeakDbtp(1));
      }
    }
  });

  it('scanPeaks reports exactly the period peaks above its threshold, pruned or not', () => {
    const fs = 44100;
    const x = pinkNoise(8000, 21).left;
    const reference = new TruePeakInterpolator(fs, { pruning: false });
    const expected = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) expected[i] = reference.next(x[i]);
    for (const threshold of [0.05, 0.2, 0.4]) {
      const tp = new TruePeakInterpolator(fs);
      const got = new Float64Array(x.length);
      tp.scanPeaks(x, 0, 777, threshold, got, 0);
      tp.scanPeaks(x, 777, x.length, threshold, got, 777);
      for (let i = 0; i < x.length; i++) expect(got[i]).toBe(expected[i] > threshold ? expected[i] : 0);
    }
  });

  it('scanMax over a block equals next() sample by sample, however the block is split', () => {
    for (const fs of [48000, 96000, 192000]) {
      const signal = sine(3000, 7000, fs, 0.8, 0.3);
      const one = new TruePeakInterpolator(fs);
      let expected = 0;
      for (const x of signal) expected = Math.max(expected, one.next(x));
      const block = new TruePeakInterpolator(fs);
      let got = block.scanMax(signal, 0, 333, 0);
      got = block.scanMax(signal, 333, 334, got);
      got = block.scanMax(signal, 334, signal.length, got);
      expect(got).toBe(expected);
      expect(block.flushMax(got)).toBe(one.flushMax(expected));
    }
  });

  it('forgets its history on reset and never returns a non-finite value', () => {
    const tp = new TruePeakInterpolator(48000);
    for (let i = 0; i < 60; i++) tp.next(0.9);
    tp.reset();
    for (let i = 0; i < 60; i++) expect(tp.next(0)).toBe(0);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(Number.isFinite(tp.next(bad))).toBe(true);
    }
  });
});
