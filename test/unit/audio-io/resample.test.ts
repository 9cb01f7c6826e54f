/**
 * Resampler quality against its specification: passband ripple < 0.1 dB up to 0.9 × the lower
 * Nyquist, alias/image rejection > 80 dB, exact frequency and timing, output length
 * round(n · to / from). Every number is measured from sinusoids defined in the test.
 */
import { describe, expect, it } from 'vitest';
import { resample, resampledLength, resampleHead, resamplerDesign, toRenderClip } from '../../../src/runtime/audio-io';
import { db, fitSinusoid, rms } from './helpers';

const AMPLITUDE = 0.5;

function sine(frequency: number, rate: number, frames: number, phase = 0.3): Float32Array {
  const x = new Float32Array(frames);
  for (let i = 0; i < frames; i++) x[i] = AMPLITUDE * Math.sin((2 * Math.PI * frequency * i) / rate + phase);
  return x;
}

/** The conversions the engine meets: 44.1 ↔ 48, 96 → 48, 22.05 → 48, 48 → 96, and an odd ratio. */
const PAIRS: Array<[number, number]> = [
  [44100, 48000],
  [48000, 44100],
  [96000, 48000],
  [22050, 48000],
  [48000, 96000],
  [44101, 48000], // L = 48000: takes the interpolated-table path
];

/** Samples skipped at each end: the filter's start-up/wind-down (half the taps, at the output rate). */
function margin(from: number, to: number): number {
  return Math.ceil((resamplerDesign(from, to).taps * to) / from) + 16;
}

describe('resample: length and trivial cases', () => {
  it('output length is round(n · to / from)', () => {
    for (const [from, to] of [...PAIRS, [8000, 44100] as [number, number]]) {
      for (const n of [0, 1, 2, 7, 147, 1000, 44100, 48001]) {
        const expected = Math.round((n * to) / from);
        expect(resampledLength(n, from, to)).toBe(expected);
        if (n <= 48001) expect(resample(new Float32Array(n), from, to).length).toBe(expected);
      }
    }
  });

  it('equal rates return an equal copy', () => {
    const x = sine(1000, 48000, 100);
    const y = resample(x, 48000, 48000);
    expect(y).not.toBe(x);
    expect(Array.from(y)).toEqual(Array.from(x));
  });

  it('rejects non-integer or non-positive rates', () => {
    expect(() => resample(new Float32Array(4), 0, 48000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 44100.5, 48000)).toThrow(RangeError);
  });

  it('uses the exact polyphase table for common ratios and the interpolated one for odd ratios', () => {
    expect(resamplerDesign(44100, 48000)).toMatchObject({ up: 160, down: 147, exact: true, phases: 160 });
    expect(resamplerDesign(96000, 48000)).toMatchObject({ up: 1, down: 2, exact: true });
    expect(resamplerDesign(44101, 48000)).toMatchObject({ up: 48000, down: 44101, exact: false, phases: 1024 });
    // ≥ 32 zero crossings of the sinc on each side (design asks for ≈ 61).
    for (const [from, to] of PAIRS) {
      const d = resamplerDesign(from, to);
      expect((d.taps / 2) * 2 * d.cutoff).toBeGreaterThanOrEqual(32);
    }
  });

  it('a DC input stays exactly DC (each polyphase row sums to 1)', () => {
    for (const [from, to] of PAIRS) {
      const y = resample(new Float32Array(4000).fill(0.25), from, to);
      const m = margin(from, to);
      for (let i = m; i < y.length - m; i++) expect(Math.abs(y[i] - 0.25)).toBeLessThan(1e-6);
    }
  });
});

describe('resample: passband flatness and image/alias rejection', () => {
  for (const [from, to] of PAIRS) {
    it(`${from} → ${to}: ripple < 0.1 dB up to 0.9 × Nyquist, residual (images, aliases) < −80 dB`, () => {
      const nyquist = Math.min(from, to) / 2;
      const frames = Math.round(from * 0.25);
      const m = margin(from, to);
      for (const fraction of [0.002, 0.05, 0.25, 0.5, 0.75, 0.85, 0.9]) {
        const frequency = fraction * nyquist;
        const y = resample(sine(frequency, from, frames), from, to);
        const fit = fitSinusoid(y, frequency, to, m, y.length - m);
        expect(Math.abs(db(fit.amplitude / AMPLITUDE))).toBeLessThan(0.1);
        // Whatever is not the sine: images of an upsampler, numerical noise.
        expect(db(fit.residualRms / (AMPLITUDE / Math.SQRT2))).toBeLessThan(-80);
      }
    });
  }

  for (const [from, to] of PAIRS.filter(([f, t]) => f < t)) {
    it(`${from} → ${to}: images of tones just below the input Nyquist are removed (> 80 dB)`, () => {
      const frames = Math.round(from * 0.25);
      const m = margin(from, to);
      for (const fraction of [0.92, 0.95, 0.99]) {
        // The tone sits in the transition band; its first image, at from − f, lies just above
        // the input Nyquist, where the stopband starts. Fitting removes the tone at whatever
        // gain it has; what remains is the image.
        const frequency = fraction * (from / 2);
        const y = resample(sine(frequency, from, frames), from, to);
        const fit = fitSinusoid(y, frequency, to, m, y.length - m);
        expect(db(fit.residualRms / (AMPLITUDE / Math.SQRT2))).toBeLessThan(-80);
      }
    });
  }

  for (const [from, to] of PAIRS.filter(([f, t]) => f > t)) {
    it(`${from} → ${to}: tones between the output Nyquist and the input Nyquist are removed (> 80 dB)`, () => {
      const frames = Math.round(from * 0.25);
      const m = margin(from, to);
      for (const fraction of [1.0, 1.01, 1.05, 1.2, 1.5, 1.9]) {
        const frequency = fraction * (to / 2);
        if (frequency >= from / 2) continue;
        const y = resample(sine(frequency, from, frames, 0.7), from, to);
        // An alias would land at to − f inside the band: any energy left is aliasing.
        expect(db(rms(y, m, y.length - m) / (AMPLITUDE / Math.SQRT2))).toBeLessThan(-80);
      }
    });
  }
});

describe('resample: frequency and time are preserved', () => {
  it('a 1 kHz sine at 44.1 kHz is a 1 kHz sine at 48 kHz (DFT bin at exactly 1 kHz, neighbours empty)', () => {
    const y = resample(sine(1000, 44100, 44100), 44100, 48000);
    // 24000 samples from the middle = 500 periods of 1 kHz: 1 kHz falls exactly on bin 500.
    const start = 12000;
    const n = 24000;
    const binMagnitude = (bin: number): number => {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        const w = (2 * Math.PI * bin * i) / n;
        re += y[start + i] * Math.cos(w);
        im -= y[start + i] * Math.sin(w);
      }
      return (2 * Math.hypot(re, im)) / n;
    };
    const atKilohertz = binMagnitude(500); // 500 · 48000 / 24000 = 1000 Hz
    expect(Math.abs(db(atKilohertz / AMPLITUDE))).toBeLessThan(0.01);
    // A frequency error of even 0.1 Hz would leak −40 dB into the neighbouring bins (998, 1002 Hz).
    expect(db(binMagnitude(499) / AMPLITUDE)).toBeLessThan(-90);
    expect(db(binMagnitude(501) / AMPLITUDE)).toBeLessThan(-90);
  });

  it('zero phase: an impulse at input time t comes out centred at output time t · to / from', () => {
    for (const [from, to] of [[48000, 96000], [96000, 48000], [44100, 88200]] as Array<[number, number]>) {
      const x = new Float32Array(4000);
      x[2000] = 1;
      const y = resample(x, from, to);
      let peak = 0;
      for (let i = 1; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
      expect(peak).toBe((2000 * to) / from);
    }
  });

  it('a chirp through 44.1k → 48k → 44.1k comes back within −80 dB (in the passband)', () => {
    const frames = 22050;
    const x = new Float32Array(frames);
    // Linear chirp 100 Hz → 18 kHz (below 0.9 × 22.05 kHz).
    for (let i = 0; i < frames; i++) {
      const t = i / 44100;
      x[i] = AMPLITUDE * Math.sin(2 * Math.PI * (100 * t + ((18000 - 100) / (2 * 0.5)) * t * t));
    }
    const back = resample(resample(x, 44100, 48000), 48000, 44100);
    expect(back.length).toBe(frames);
    const m = 400;
    let error = 0;
    for (let i = m; i < frames - m; i++) error += (back[i] - x[i]) ** 2;
    expect(db(Math.sqrt(error / (frames - 2 * m)) / (AMPLITUDE / Math.SQRT2))).toBeLessThan(-80);
  });
});

describe('resampleHead (issue 10, item 5)', () => {
  it('gives the first samples of the full resampling, bit for bit, for every kind of ratio', () => {
    const input = new Float32Array(30_011);
    for (let i = 0; i < input.length; i++) input[i] = Math.sin(i * 0.37) * 0.5 + Math.sin(i * 0.011) * 0.3;
    for (const [from, to] of [
      [1000, 48000],
      [44100, 48000],
      [96000, 48000],
      [44101, 48000],
      [48000, 48000],
    ]) {
      const full = resample(input, from, to);
      for (const count of [0, 1, 777, Math.floor(full.length / 2), full.length, full.length + 10]) {
        const head = resampleHead(input, from, to, count);
        const expected = full.subarray(0, Math.min(count, full.length));
        expect(head.length).toBe(expected.length);
        expect(Buffer.from(head.buffer).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
      }
    }
  });
});

describe('toRenderClip with a frame limit', () => {
  it('equals the head of the full clip for mono, stereo and 5.1 at any rate', () => {
    const channel = (k: number) => Float32Array.from({ length: 9001 }, (_, i) => Math.sin(i * 0.05 * (k + 1)) * 0.4);
    for (const count of [1, 2, 6]) {
      for (const rate of [44100, 48000, 96000]) {
        const decoded = { sampleRate: rate, channels: Array.from({ length: count }, (_, k) => channel(k)) };
        const full = toRenderClip(decoded, 48000);
        const head = toRenderClip(decoded, 48000, 3000);
        expect(head.left.length).toBe(3000);
        for (const side of ['left', 'right'] as const) {
          expect(Buffer.from(head[side].buffer).equals(Buffer.from(full[side].buffer, 0, 3000 * 4))).toBe(true);
        }
      }
    }
  });
});
