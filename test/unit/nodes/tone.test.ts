/**
 * The `tone` node against math: sine amplitude by DFT, square/saw against their Fourier series
 * (harmonic ratios, waveform, peak normalisation, no aliasing), noise RMS and spectral slope by
 * Welch periodograms, the sweep's instantaneous frequency f(t) = 20·1000^(t/10), determinism and
 * block-size independence.
 */
import { describe, expect, it } from 'vitest';
import { fftInPlace } from '../../../src/dsp/fft';
import { resolveParams } from '../../../src/graph/catalog';
import type { ParamValue } from '../../../src/graph/types';
import { toneNode } from '../../../src/nodes/tone';
import type { Kernel, KernelContext } from '../../../src/nodes/types';

const FS = 48000;

function context(sampleRate = FS, maxBlockSize = 4096): KernelContext {
  return { sampleRate, maxBlockSize, getClip: () => undefined };
}

function makeKernel(params: Record<string, ParamValue>, sampleRate = FS): Kernel {
  return toneNode.createKernel(context(sampleRate), resolveParams(toneNode, params));
}

/** Runs `kernel` for `frames` frames in blocks of `blockSize`; returns both channels. */
function render(kernel: Kernel, frames: number, blockSize = 512): { left: Float32Array; right: Float32Array } {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const block = { left: new Float32Array(blockSize), right: new Float32Array(blockSize) };
  for (let done = 0; done < frames; done += blockSize) {
    const n = Math.min(blockSize, frames - done);
    kernel.process({ inputs: [], inputConnected: [], outputs: [block], frames: n });
    left.set(block.left.subarray(0, n), done);
    right.set(block.right.subarray(0, n), done);
  }
  return { left, right };
}

/** Bitwise equality of two sample arrays (fast, unlike a deep equal on millions of elements). */
function identical(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const db = (x: number): number => 20 * Math.log10(x);
const fromDb = (d: number): number => Math.pow(10, d / 20);

/** Amplitude spectrum 2|X[k]|/N of `x` (rectangular window), k in [0, N/2). */
function amplitudeSpectrum(x: Float32Array): Float64Array {
  const n = x.length;
  const re = Float64Array.from(x);
  const im = new Float64Array(n);
  fftInPlace(re, im);
  const out = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) out[k] = (2 * Math.hypot(re[k], im[k])) / n;
  return out;
}

/** Welch power spectral density (Hann window, 50 % overlap), arbitrary scale, bins of fs/size. */
function welch(x: Float32Array, size: number): Float64Array {
  const psd = new Float64Array(size / 2);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let i = 0; i < size; i++) {
      re[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k < size / 2; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
  }
  return psd;
}

/** Mean PSD (dB) in each octave [f, 2f) for f = 100·2^j, j = 0..6 (100 Hz … 12.8 kHz). */
function octaveBandDensities(psd: Float64Array, size: number): { centre: number; levelDb: number }[] {
  const bands: { centre: number; levelDb: number }[] = [];
  for (let j = 0; j < 7; j++) {
    const lo = 100 * 2 ** j;
    let sum = 0;
    let count = 0;
    for (let k = Math.ceil((lo * size) / FS); (k * FS) / size < 2 * lo; k++) {
      sum += psd[k];
      count++;
    }
    bands.push({ centre: lo * Math.SQRT2, levelDb: 10 * Math.log10(sum / count) });
  }
  return bands;
}

/** Least-squares slope of level (dB) against octaves (log2 f). */
function slopePerOctave(bands: { centre: number; levelDb: number }[]): number {
  const xs = bands.map((b) => Math.log2(b.centre));
  const ys = bands.map((b) => b.levelDb);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

function rms(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / x.length);
}

function peak(x: Float32Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
  return p;
}

/** Fourier coefficients b_k of sin(kθ): square (4/π)/k for odd k, saw (2/π)(−1)^(k+1)/k. */
function fourierCoefficient(wave: 'square' | 'saw', k: number): number {
  if (wave === 'square') return k % 2 === 1 ? 4 / (Math.PI * k) : 0;
  return ((k % 2 === 1 ? 1 : -1) * 2) / (Math.PI * k);
}

/**
 * The band-limited wave as the test derives it: Σ b_k sin(kθ) over k·f < fs/2, scaled so its
 * maximum over θ (found by a dense grid plus ternary refinement, no closed form) is `peakValue`.
 */
function referenceWave(wave: 'square' | 'saw', f: number, peakValue: number): (theta: number) => number {
  const ks: number[] = [];
  for (let k = 1; k * f < FS / 2; k++) if (fourierCoefficient(wave, k) !== 0) ks.push(k);
  const series = (theta: number): number => ks.reduce((sum, k) => sum + fourierCoefficient(wave, k) * Math.sin(k * theta), 0);
  const grid = 1 << 16;
  let best = 0;
  let bestTheta = 0;
  for (let i = 0; i < grid; i++) {
    const theta = (2 * Math.PI * i) / grid;
    const v = Math.abs(series(theta));
    if (v > best) {
      best = v;
      bestTheta = theta;
    }
  }
  let lo = bestTheta - (2 * Math.PI) / grid;
  let hi = bestTheta + (2 * Math.PI) / grid;
  for (let i = 0; i < 100; i++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (Math.abs(series(a)) < Math.abs(series(b))) lo = a;
    else hi = b;
  }
  const max = Math.abs(series((lo + hi) / 2));
  return (theta) => (series(theta) * peakValue) / max;
}

describe('tone definition', () => {
  it('has the catalog keys, ranges and defaults of the contract', () => {
    expect(toneNode.type).toBe('tone');
    expect(toneNode.inputs).toHaveLength(0);
    expect(toneNode.outputs.map((p) => p.id)).toEqual(['out']);
    const byKey = new Map(toneNode.params.map((p) => [p.key, p]));
    expect(byKey.get('wave')).toMatchObject({ kind: 'enum', default: 'sine', options: ['sine', 'square', 'saw', 'white', 'pink', 'sweep'] });
    expect(byKey.get('freq')).toMatchObject({ kind: 'number', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log' });
    expect(byKey.get('level')).toMatchObject({ kind: 'number', unit: 'dBFS', min: -80, max: 0, default: -18, scale: 'db' });
    for (const p of toneNode.params) expect(p.help.length).toBeGreaterThan(20);
  });
});

describe('tone: sine', () => {
  it.each([
    [1000, -18],
    [997, -3],
    [50, -60],
    [15000, 0],
  ])('%d Hz at %d dBFS has that frequency and peak (DFT, ±0.01 dB)', (f, level) => {
    const { left, right } = render(makeKernel({ wave: 'sine', freq: f, level }), FS);
    // One second holds exactly f cycles, so the DFT at f is exact (no leakage).
    let re = 0;
    let im = 0;
    let energy = 0;
    for (let n = 0; n < FS; n++) {
      const w = (2 * Math.PI * f * n) / FS;
      re += left[n] * Math.cos(w);
      im -= left[n] * Math.sin(w);
      energy += left[n] * left[n];
    }
    const amplitude = (2 * Math.hypot(re, im)) / FS;
    expect(Math.abs(db(amplitude) - level)).toBeLessThan(0.01);
    // All the energy is at f: a sinusoid of amplitude a carries a²/2 per sample.
    expect((amplitude * amplitude * FS) / 2 / energy).toBeGreaterThan(0.99999);
    expect(peak(left)).toBeLessThanOrEqual(fromDb(level) * (1 + 1e-6));
    expect(identical(right, left)).toBe(true);
  });

  it('keeps its phase when the frequency changes mid-render (no restart, no jump)', () => {
    const kernel = makeKernel({ wave: 'sine', freq: 1000, level: 0 });
    const before = render(kernel, 1000, 100).left;
    kernel.setParams(resolveParams(toneNode, { wave: 'sine', freq: 3000, level: 0 }));
    const after = render(kernel, 1000, 100).left;
    // Phase after 1000 frames at 1 kHz is 1000·1000/48000 cycles; then it advances at 3 kHz.
    const phase0 = (1000 * 1000) / FS;
    for (let n = 0; n < 10; n++) {
      expect(after[n]).toBeCloseTo(Math.sin(2 * Math.PI * (phase0 + (n * 3000) / FS)), 6);
    }
    // The largest possible step of a unit sine at 3 kHz is 2·sin(π·3000/48000).
    expect(Math.abs(after[0] - before[999])).toBeLessThanOrEqual(2 * Math.sin((Math.PI * 3000) / FS) + 1e-6);
  });
});

describe('tone: band-limited square and saw', () => {
  // 65536 frames with the fundamental on an FFT bin: f = fs·m/N, exact for every harmonic.
  const N = 65536;

  it.each(['square', 'saw'] as const)('%s harmonics follow the Fourier series (±0.1 dB)', (wave) => {
    const m = 1365; // f ≈ 999.76 Hz
    const f = (FS * m) / N;
    const spectrum = amplitudeSpectrum(render(makeKernel({ wave, freq: f, level: -6 }), N).left);
    const fundamental = spectrum[m];
    for (let k = 2; k <= 9; k++) {
      const expected = Math.abs(fourierCoefficient(wave, k) / fourierCoefficient(wave, 1));
      const measured = spectrum[k * m] / fundamental;
      if (expected === 0) expect(db(measured)).toBeLessThan(-100);
      else expect(Math.abs(db(measured) - db(expected))).toBeLessThan(0.1);
    }
  });

  it.each([
    ['square', 1000],
    ['saw', 1000],
    ['square', 220],
    ['saw', 3150],
  ] as const)('%s at %d Hz matches the peak-normalised series sample by sample', (wave, f) => {
    const level = -6;
    const reference = referenceWave(wave, f, fromDb(level));
    const { left } = render(makeKernel({ wave, freq: f, level }), 4800);
    let worst = 0;
    for (let n = 0; n < left.length; n++) {
      worst = Math.max(worst, Math.abs(left[n] - reference((2 * Math.PI * f * n) / FS)));
    }
    expect(worst).toBeLessThan(2e-6);
  });

  it.each(['square', 'saw'] as const)('%s never exceeds its level, Gibbs overshoot included', (wave) => {
    for (const f of [20, 100, 1234.5, 5000, 15000]) {
      const level = -12;
      const out = render(makeKernel({ wave, freq: f, level }), 9600).left;
      expect(peak(out)).toBeLessThanOrEqual(fromDb(level) * (1 + 1e-6));
      if (f <= 1234.5) expect(peak(out)).toBeGreaterThan(fromDb(level - 0.5));
    }
  });

  it('a 5 kHz square at 48 kHz has no aliased components above −60 dB', () => {
    const m = 6827; // f ≈ 5000.24 Hz; harmonics 1 and 3 are below Nyquist, 5 (25 kHz) is not
    const f = (FS * m) / N;
    const spectrum = amplitudeSpectrum(render(makeKernel({ wave: 'square', freq: f, level: -6 }), N).left);
    const fundamental = spectrum[m];
    expect(db(spectrum[3 * m] / fundamental)).toBeCloseTo(db(1 / 3), 3);
    let worst = 0;
    for (let k = 0; k < N / 2; k++) if (k !== m && k !== 3 * m) worst = Math.max(worst, spectrum[k]);
    expect(db(worst / fundamental)).toBeLessThan(-60);

    // The same measurement on a naive (not band-limited) square fails, so the test has teeth.
    const naive = new Float32Array(N);
    for (let n = 0; n < N; n++) naive[n] = ((n * m) % N) / N < 0.5 ? 0.5 : -0.5;
    const naiveSpectrum = amplitudeSpectrum(naive);
    let naiveWorst = 0;
    for (let k = 0; k < N / 2; k++) if (k !== m && k !== 3 * m) naiveWorst = Math.max(naiveWorst, naiveSpectrum[k]);
    expect(db(naiveWorst / naiveSpectrum[m])).toBeGreaterThan(-60);
  });
});

describe('tone: noise', () => {
  it.each([
    ['white', -18, 10],
    ['white', -40, 10],
    ['pink', -18, 60],
    ['pink', -40, 60],
  ] as const)('%s noise at %d dBFS has that RMS (±0.1 dB over %d s)', (wave, level, seconds) => {
    const { left, right } = render(makeKernel({ wave, level }), seconds * FS, 4096);
    expect(Math.abs(db(rms(left)) - level)).toBeLessThan(0.1);
    expect(identical(right, left)).toBe(true);
  });

  const SEGMENT = 8192;
  const FRAMES = 1 << 20; // ≈ 21.8 s, 255 half-overlapping segments

  it('pink noise falls 3 dB per octave from 100 Hz to 12.8 kHz (±0.5 dB)', () => {
    const psd = welch(render(makeKernel({ wave: 'pink', level: -18 }), FRAMES, 4096).left, SEGMENT);
    const bands = octaveBandDensities(psd, SEGMENT);
    const ideal = -10 * Math.log10(2); // power density ∝ 1/f
    expect(Math.abs(slopePerOctave(bands) - ideal)).toBeLessThan(0.5);
    for (let j = 1; j < bands.length; j++) {
      expect(Math.abs(bands[j].levelDb - bands[j - 1].levelDb - ideal)).toBeLessThan(0.5);
    }
  });

  it('white noise is flat from 100 Hz to 12.8 kHz (±0.5 dB)', () => {
    const psd = welch(render(makeKernel({ wave: 'white', level: -18 }), FRAMES, 4096).left, SEGMENT);
    const bands = octaveBandDensities(psd, SEGMENT);
    expect(Math.abs(slopePerOctave(bands))).toBeLessThan(0.2);
    for (const band of bands) expect(Math.abs(band.levelDb - bands[0].levelDb)).toBeLessThan(0.5);
  });
});

describe('tone: sweep', () => {
  /** Required instantaneous frequency f(t) = 20·1000^(t/10) and its integral φ(t) in cycles. */
  const f = (t: number): number => 20 * Math.pow(1000, t / 10);
  const cycles = (t: number): number => ((20 * 10) / Math.log(1000)) * (Math.pow(1000, t / 10) - 1);

  /** Times of upward zero crossings (linear interpolation) within [t0, t1]. */
  function upwardCrossings(x: Float32Array, t0: number, t1: number): number[] {
    const out: number[] = [];
    for (let n = Math.max(1, Math.floor(t0 * FS)); n < Math.min(x.length, t1 * FS); n++) {
      if (x[n - 1] < 0 && x[n] >= 0) out.push((n - 1 + x[n - 1] / (x[n - 1] - x[n])) / FS);
    }
    return out;
  }

  it('sweeps 20 Hz → 20 kHz logarithmically in 10 s, then repeats', () => {
    const level = -6;
    const out = render(makeKernel({ wave: 'sweep', freq: 440, level }), Math.round(10.6 * FS), 4096).left;
    for (const t of [0.5, 2, 4, 6, 8, 9.5]) {
      const crossings = upwardCrossings(out, t - 0.1, t + 0.1);
      const first = crossings[0];
      const last = crossings[crossings.length - 1];
      // Mean frequency over [first, last] from the crossings, and from the required f(t).
      const measured = (crossings.length - 1) / (last - first);
      const expected = (cycles(last) - cycles(first)) / (last - first);
      expect(Math.abs(measured / expected - 1)).toBeLessThan(0.002);
      // And that mean is f(t) itself to within the window's curvature.
      expect(Math.abs(measured / f(t) - 1)).toBeLessThan(0.003);
    }
    // Second sweep: 0.5 s after the restart it is back near f(0.5) ≈ 28 Hz.
    const again = upwardCrossings(out, 10.4, 10.6);
    const repeat = (again.length - 1) / (again[again.length - 1] - again[0]);
    expect(Math.abs(repeat / f(0.5) - 1)).toBeLessThan(0.003);
    // The peak is the level.
    expect(peak(out)).toBeLessThanOrEqual(fromDb(level) * (1 + 1e-6));
    expect(peak(out.subarray(0, FS))).toBeGreaterThan(fromDb(level) * 0.9999);
  });

  it('restarts phase-continuously: the second sweep carries on from the phase the first ended at', () => {
    const out = render(makeKernel({ wave: 'sweep', level: 0 }), 10 * FS + 200, 4096).left;
    const p = 10 * FS;
    // Total phase = φ(10 s) of the first sweep + φ(t) of the second.
    for (let n = 0; n < 200; n++) {
      expect(out[p + n]).toBeCloseTo(Math.sin(2 * Math.PI * (cycles(10) + cycles(n / FS))), 5);
    }
    // So just after the restart the waveform moves like a 20 Hz sine: tiny steps.
    expect(Math.abs(out[p + 1] - out[p])).toBeLessThan((2 * Math.PI * 20.1) / FS);
  });
});

describe('tone: determinism and block-size independence', () => {
  const waves = ['sine', 'square', 'saw', 'white', 'pink', 'sweep'] as const;

  it.each(waves)('%s: two kernels give identical output', (wave) => {
    const a = render(makeKernel({ wave, freq: 440, level: -10 }), 20000).left;
    const b = render(makeKernel({ wave, freq: 440, level: -10 }), 20000).left;
    expect(identical(b, a)).toBe(true);
  });

  it.each(waves)('%s: blocks of 128, 4096 and 1000 give bitwise identical samples', (wave) => {
    // The sweep is rendered across its 10 s restart.
    const frames = wave === 'sweep' ? 10 * FS + 5000 : 30000;
    const a = render(makeKernel({ wave, freq: 440, level: -10 }), frames, 128);
    const b = render(makeKernel({ wave, freq: 440, level: -10 }), frames, 4096);
    const c = render(makeKernel({ wave, freq: 440, level: -10 }), frames, 1000);
    expect(identical(b.left, a.left)).toBe(true);
    expect(identical(c.left, a.left)).toBe(true);
    expect(identical(c.right, a.right)).toBe(true);
  });

  it('reset restarts the same signal', () => {
    for (const wave of waves) {
      const kernel = makeKernel({ wave, freq: 440, level: -10 });
      const first = render(kernel, 3000).left;
      kernel.reset();
      expect(identical(render(kernel, 3000).left, first)).toBe(true);
    }
  });

  it('never outputs NaN or Inf at the range limits and other sample rates', () => {
    for (const sampleRate of [44100, 48000, 96000]) {
      for (const wave of waves) {
        for (const [freq, level] of [
          [20, -80],
          [20000, 0],
        ]) {
          const out = render(makeKernel({ wave, freq, level }, sampleRate), 2048).left;
          expect(out.every((v) => Number.isFinite(v))).toBe(true);
          expect(peak(out)).toBeLessThanOrEqual(wave === 'white' || wave === 'pink' ? 8 * fromDb(level) : fromDb(level) * (1 + 1e-6));
        }
      }
    }
  });
});
