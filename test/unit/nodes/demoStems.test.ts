/**
 * The demo stems against their design (docs/demo-stems.md): exact length, determinism, levels,
 * a seamless loop point, stereo, and spectra that put each instrument where the design says —
 * bass low, keys and vocals in the mids, lead in the upper mids, drums with the most top end.
 */
import { describe, expect, it } from 'vitest';
import { fftInPlace } from '../../../src/dsp/fft';
import { clearDemoStemCache, DEMO_LENGTH_SECONDS, DEMO_STEMS, getDemoStem, type DemoStemName } from '../../../src/nodes/source/demo';
import type { ClipAudio } from '../../../src/nodes/types';

const FS = 48000;

const SEGMENT = 8192;

/** Long-term power spectrum of the mid channel (L+R)/2: Welch, Hann, 50 % overlap. */
function powerSpectrum(clip: ClipAudio): Float64Array {
  const psd = new Float64Array(SEGMENT / 2);
  const re = new Float64Array(SEGMENT);
  const im = new Float64Array(SEGMENT);
  for (let start = 0; start + SEGMENT <= clip.left.length; start += SEGMENT / 2) {
    for (let i = 0; i < SEGMENT; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / SEGMENT);
      re[i] = (w * (clip.left[start + i] + clip.right[start + i])) / 2;
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k < SEGMENT / 2; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
  }
  return psd;
}

interface Spectrum {
  /** Power-weighted mean frequency in Hz. */
  centroid: number;
  /** Fraction of the power between `lo` and `hi` Hz. */
  fraction(lo: number, hi: number): number;
}

function analyse(clip: ClipAudio): Spectrum {
  const psd = powerSpectrum(clip);
  const hz = (k: number) => (k * FS) / SEGMENT;
  let total = 0;
  let moment = 0;
  for (let k = 1; k < psd.length; k++) {
    total += psd[k];
    moment += hz(k) * psd[k];
  }
  return {
    centroid: moment / total,
    fraction(lo, hi) {
      let sum = 0;
      for (let k = 1; k < psd.length; k++) if (hz(k) >= lo && hz(k) < hi) sum += psd[k];
      return sum / total;
    },
  };
}

function peakDb(clip: ClipAudio): number {
  let p = 0;
  for (let i = 0; i < clip.left.length; i++) p = Math.max(p, Math.abs(clip.left[i]), Math.abs(clip.right[i]));
  return 20 * Math.log10(p);
}

function identical(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const stems = new Map<DemoStemName, ClipAudio>(DEMO_STEMS.map((name) => [name, getDemoStem(name, FS)]));
const spectra = new Map<DemoStemName, Spectrum>(DEMO_STEMS.map((name) => [name, analyse(stems.get(name) as ClipAudio)]));
const stem = (name: DemoStemName) => stems.get(name) as ClipAudio;
const spectrum = (name: DemoStemName) => spectra.get(name) as Spectrum;

describe('demo stems: format and level', () => {
  it('are the five stems of the contract, 16 s each', () => {
    expect([...DEMO_STEMS]).toEqual(['drums', 'bass', 'keys', 'lead', 'vocals', 'vocals-offkey']);
    // 8 bars × 4 beats × 60/120 s.
    expect(DEMO_LENGTH_SECONDS).toBe((8 * 4 * 60) / 120);
  });

  it.each(DEMO_STEMS)('%s: exactly 16 s × fs frames in both channels, finite, peak −6…−1 dBFS', (name) => {
    const clip = stem(name);
    expect(clip.left.length).toBe(16 * FS);
    expect(clip.right.length).toBe(16 * FS);
    expect(clip.left.every(Number.isFinite) && clip.right.every(Number.isFinite)).toBe(true);
    const peak = peakDb(clip);
    expect(peak).toBeLessThanOrEqual(-1);
    expect(peak).toBeGreaterThanOrEqual(-6);
  });

  it.each([44100, 96000])('have exactly 16 s × %d frames at other rates', (rate) => {
    for (const name of ['bass', 'vocals'] as const) {
      const clip = getDemoStem(name, rate);
      expect(clip.left.length).toBe(16 * rate);
      expect(peakDb(clip)).toBeLessThanOrEqual(-1);
    }
  });

  it('are cached per sample rate and deterministic when rendered again', () => {
    // Plain boolean checks: asserting on multi-megabyte objects makes the matcher print them.
    expect(getDemoStem('keys', FS) === stem('keys')).toBe(true);
    clearDemoStemCache();
    for (const name of DEMO_STEMS) {
      const again = getDemoStem(name, FS);
      expect(again === stem(name)).toBe(false);
      expect(identical(again.left, stem(name).left) && identical(again.right, stem(name).right), name).toBe(true);
    }
  });
});

describe('demo stems: seamless loop', () => {
  it.each(DEMO_STEMS)('%s: the step from the last frame to the first is an ordinary step', (name) => {
    const clip = stem(name);
    for (const channel of [clip.left, clip.right]) {
      const n = channel.length;
      const seam = Math.abs(channel[0] - channel[n - 1]);
      // Inside the stem: 99.9 % of all steps are at least this big.
      const steps = new Float64Array(n - 1);
      for (let i = 1; i < n; i++) steps[i - 1] = Math.abs(channel[i] - channel[i - 1]);
      steps.sort();
      expect(seam).toBeLessThanOrEqual(steps[Math.floor(0.999 * steps.length)]);
      // Around the seam (±10 ms, seam excluded): what the music is doing there. A cut-off tail
      // (a note not wrapped to the start) would stand out against it.
      let local = 0;
      const w = Math.round(0.01 * FS);
      for (let i = n - w; i < n; i++) local = Math.max(local, Math.abs(channel[i] - channel[i - 1]));
      for (let i = 1; i < w; i++) local = Math.max(local, Math.abs(channel[i] - channel[i - 1]));
      expect(seam).toBeLessThanOrEqual(local);
    }
  });
});

describe('demo stems: stereo', () => {
  it('bass is mono (identical channels); the others are stereo', () => {
    expect(identical(stem('bass').left, stem('bass').right)).toBe(true);
    for (const name of ['drums', 'keys', 'lead', 'vocals'] as const) {
      const { left, right } = stem(name);
      let lr = 0;
      let ll = 0;
      let rr = 0;
      for (let i = 0; i < left.length; i++) {
        lr += left[i] * right[i];
        ll += left[i] * left[i];
        rr += right[i] * right[i];
      }
      expect(lr / Math.sqrt(ll * rr), name).toBeLessThan(0.99);
    }
  });
});

describe('demo stems: spectra follow the arrangement', () => {
  it('bass: centroid below 300 Hz, most power in 40–250 Hz, almost nothing above 2 kHz', () => {
    expect(spectrum('bass').centroid).toBeLessThan(300);
    expect(spectrum('bass').fraction(40, 250)).toBeGreaterThan(0.6);
    expect(spectrum('bass').fraction(2000, FS / 2)).toBeLessThan(0.001);
  });

  it('vocals: over 90 % of the power between 300 Hz and 4 kHz', () => {
    expect(spectrum('vocals').fraction(300, 4000)).toBeGreaterThan(0.9);
  });

  it('keys: a mid-range instrument, most power between 200 Hz and 2 kHz', () => {
    expect(spectrum('keys').fraction(200, 2000)).toBeGreaterThan(0.6);
  });

  it('lead: upper mids, most power between 350 Hz and 5 kHz', () => {
    expect(spectrum('lead').fraction(350, 5000)).toBeGreaterThan(0.8);
  });

  it('centroids rise bass < keys < vocals < lead (register of each part)', () => {
    const c = (name: DemoStemName) => spectrum(name).centroid;
    expect(c('bass')).toBeLessThan(c('keys'));
    expect(c('keys')).toBeLessThan(c('vocals'));
    expect(c('vocals')).toBeLessThan(c('lead'));
  });

  it('drums have the most top end: power above 5 kHz over 10× that of any other stem', () => {
    const drums = spectrum('drums').fraction(5000, FS / 2);
    expect(drums).toBeGreaterThan(0.01);
    for (const name of ['bass', 'keys', 'lead', 'vocals'] as const) {
      expect(drums, name).toBeGreaterThan(10 * spectrum(name).fraction(5000, FS / 2));
    }
  });

  it('drums also carry the kick: over a third of their power below 150 Hz', () => {
    expect(spectrum('drums').fraction(20, 150)).toBeGreaterThan(1 / 3);
  });

  it('drums have strong transients: crest factor (peak/RMS) above 12 dB', () => {
    const { left, right } = stem('drums');
    let sum = 0;
    for (let i = 0; i < left.length; i++) sum += left[i] * left[i] + right[i] * right[i];
    const rmsDb = 10 * Math.log10(sum / (2 * left.length));
    expect(peakDb(stem('drums')) - rmsDb).toBeGreaterThan(12);
  });
});
