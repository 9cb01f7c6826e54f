/**
 * The album core against math: tonal deviation of a known tilt, the matching curve (difference,
 * amount, cap, band limits), the linear-phase FIR (magnitude equals the curve, no time shift) and
 * the album loudness of two steady tones (BS.1770 gating by hand).
 */
import { describe, expect, it } from 'vitest';
import { fftInPlace } from '../../../src/dsp/fft';
import { analyzeClip, applyMatchFilter, combinedIntegratedLufs, designMatchFilter, gridFrequencies, matchCorrection, outputNames, tonalDeviationDb } from '../../../src/album';

const grid = gridFrequencies();
const tilt = (dbPerDecade: number) => grid.map((f) => dbPerDecade * Math.log10(f / 1000));
const flat = grid.map(() => 0);

describe('tonal deviation', () => {
  it('of a 4 dB/decade tilt is 4 · std(log10 of the 1/3-octave centres 100 Hz…10 kHz)', () => {
    const logs = Array.from({ length: 21 }, (_, i) => ((i - 10) / 3) * Math.log10(2));
    const std = Math.sqrt(logs.reduce((s, v) => s + v * v, 0) / logs.length); // mean is 0
    expect(tonalDeviationDb(tilt(4), flat)).toBeCloseTo(4 * std, 2);
    expect(tonalDeviationDb(tilt(4).map((v) => v + 7), tilt(4))).toBeCloseTo(0, 9); // level does not count
  });
});

describe('matching curve', () => {
  it('is the level-free difference, scaled by the amount, capped, and zero outside 30 Hz–16 kHz', () => {
    const full = matchCorrection(tilt(-4), flat, 1, 24);
    const half = matchCorrection(tilt(-4), flat, 0.5, 24);
    const capped = matchCorrection(tilt(-4), flat, 1, 2);
    grid.forEach((f, k) => {
      if (f < 30 || f > 16000) {
        expect(full[k]).toBe(0);
        return;
      }
      if (f >= 40 && f <= 12500) {
        // A tilt is linear in log f, so 1/3-octave smoothing leaves it (away from the grid ends);
        // the level removed is the tilt's mean over 100 Hz–10 kHz, i.e. 0 at 1 kHz.
        expect(full[k]).toBeCloseTo(4 * Math.log10(f / 1000), 1);
        expect(half[k]).toBeCloseTo(full[k] / 2, 9);
        expect(Math.abs(capped[k])).toBeLessThanOrEqual(2);
      }
    });
  });
});

describe('linear-phase matching filter', () => {
  it('has the curve as its magnitude and shifts nothing in time', () => {
    const curve = matchCorrection(tilt(3), flat, 1, 6);
    const filter = designMatchFilter(curve, 48000);
    const n = filter.taps.length;
    // Magnitude of the taps' spectrum on a fine grid against the curve, 40 Hz–12 kHz.
    const re = new Float64Array(4 * n);
    const im = new Float64Array(4 * n);
    re.set(filter.taps);
    fftInPlace(re, im);
    for (const f of [50, 100, 300, 1000, 3000, 10000]) {
      const bin = Math.round((f * re.length) / 48000);
      const db = 10 * Math.log10(re[bin] ** 2 + im[bin] ** 2);
      const k = grid.findIndex((g) => g >= f);
      const t = Math.log2(f / grid[k - 1]) * 12;
      const expected = curve[k - 1] * (1 - t) + curve[k] * t;
      expect(Math.abs(db - expected)).toBeLessThan(0.25);
    }
    // An impulse at 20000 comes out symmetric about 20000: linear phase with the delay removed.
    const x = new Float32Array(40000);
    x[20000] = 1;
    const y = applyMatchFilter(filter, x);
    for (let m = 1; m < 2000; m += 37) expect(y[20000 + m]).toBeCloseTo(y[20000 - m], 6);
    let peak = 0;
    for (let i = 1; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
    expect(peak).toBe(20000);
  });
});

describe('album loudness', () => {
  it('gates the blocks of every track together (BS.1770-4 Annex 1 by hand, two steady tones)', () => {
    // A 1 kHz stereo sine at amplitude A reads 20·log10(A) LUFS within a few hundredths (EBU Tech
    // 3341 case 1); with both tones above the relative gate, the gated mean is the block-weighted
    // mean energy: N = (T − 0.4 s)/0.1 s + 1 blocks per track.
    const tone = (lufs: number, seconds: number) => {
      const a = Math.pow(10, lufs / 20);
      const x = Float32Array.from({ length: seconds * 48000 }, (_, i) => a * Math.sin((2 * Math.PI * 1000 * i) / 48000));
      return analyzeClip(x, x, 48000);
    };
    const one = tone(-20, 10);
    const two = tone(-26, 20);
    const n1 = (10 - 0.4) / 0.1 + 1;
    const n2 = (20 - 0.4) / 0.1 + 1;
    const expected = 10 * Math.log10((n1 * Math.pow(10, one.integratedLufs! / 10) + n2 * Math.pow(10, two.integratedLufs! / 10)) / (n1 + n2));
    expect(one.integratedLufs!).toBeCloseTo(-20, 1);
    expect(combinedIntegratedLufs([one.gatingBins, two.gatingBins])).toBeCloseTo(expected, 3);
  });
});

describe('output names', () => {
  it('keep the order and make repeated names distinct', () => {
    expect(outputNames(['a/song.flac', 'b/song.wav', 'Song.mp3', 'x/intro'])).toEqual(['song.wav', 'song-2.wav', 'Song-3.wav', 'intro.wav']);
  });
});
