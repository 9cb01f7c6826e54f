/**
 * The limiter's band-limiting filter + detector (src/dsp/dynamics/bandLimitedPeak.ts): its period
 * peaks against the ideal band-limited reconstruction of its own output y (numpy FFT zero-padding,
 * test/helpers/idealTruePeak.ts — never our interpolator), on full-band material, where the meter's
 * cascade alone cannot be right; pruning and block sizes never change a result.
 */
import { describe, expect, it } from 'vitest';
import { BandLimitedPeakDetector } from '../../../src/dsp/dynamics/bandLimitedPeak';
import { idealTruePeaksDb } from '../../helpers/idealTruePeak';
import { musicLike, squareWave, whiteNoise } from '../../helpers/masteringSignals';

const dB = (x: number): number => 20 * Math.log10(x);

/**
 * Runs `x` and then silence through a fresh detector in blocks of `block`; y and peaks aligned with
 * the input, including y's ringing after the input ends (cutting it off would make a step whose
 * own reconstruction overshoots).
 */
function detect(x: Float32Array, sampleRate: number, threshold: number, block: number, pruning = true): { y: Float64Array; peaks: Float64Array; delay: number } {
  const d = new BandLimitedPeakDetector(sampleRate, 4, pruning);
  const total = x.length + 2 * d.delaySamples;
  const input = new Float64Array(total);
  input.set(x);
  const y = new Float64Array(total);
  const peaks = new Float64Array(total);
  const yBlock = new Float64Array(block);
  const pBlock = new Float64Array(block);
  for (let s = 0; s < total; s += block) {
    const n = Math.min(block, total - s);
    d.process(input.subarray(s, s + n), n, threshold, yBlock, pBlock);
    y.set(yBlock.subarray(0, n), s);
    peaks.set(pBlock.subarray(0, n), s);
  }
  return { y: y.subarray(d.delaySamples), peaks: peaks.subarray(d.delaySamples), delay: d.delaySamples };
}

/** Full-band programmes: raw white noise, a naive square, the music-like mix (hats at fs/2), alternating ±a pairs. */
function programmes(sampleRate: number): Float32Array[] {
  const list: Float32Array[] = [];
  for (let seed = 1; seed <= 6; seed++) list.push(whiteNoise(4096, seed, 0.9).left);
  list.push(squareWave(4096, sampleRate, 997, -1).left, squareWave(4096, sampleRate, 5512.5, -1).left);
  list.push(musicLike(8192, sampleRate, 5).left.map((v) => 3 * v));
  const pairs = new Float32Array(4096);
  for (let i = 0; i < 4096; i++) pairs[i] = Math.floor(i / 2) % 2 === 0 ? 0.7 : -0.7;
  list.push(pairs);
  return list;
}

describe('BandLimitedPeakDetector', () => {
  for (const sampleRate of [44100, 48000]) {
    it(`${sampleRate} Hz: the largest period peak reads the ideal reconstruction of its output y within 0.05 dB on full-band material`, () => {
      const list = programmes(sampleRate);
      const runs = list.map((x) => detect(x, sampleRate, 0, 1024));
      const ideal = idealTruePeaksDb(runs.map((r) => r.y));
      let worst = 0;
      runs.forEach((r, i) => {
        let ours = 0;
        for (const v of r.peaks) if (v > ours) ours = v;
        const error = dB(ours) - ideal[i];
        worst = Math.max(worst, Math.abs(error));
        expect(Math.abs(error), `programme ${i}: ours ${dB(ours).toFixed(4)} dB, ideal ${ideal[i].toFixed(4)} dB`).toBeLessThanOrEqual(0.05);
      });
      console.info(`band-limited detector at ${sampleRate} Hz: worst |ours − ideal| ${worst.toFixed(4)} dB over ${list.length} programmes`);
    });
  }

  it('pruning and block size change nothing: y and every peak above the threshold are identical', () => {
    const x = musicLike(20000, 48000, 9).left.map((v) => 4 * v);
    for (const threshold of [0, 0.5, 0.9]) {
      const reference = detect(x, 48000, threshold, 4096, false);
      for (const block of [1, 100, 4096]) {
        const pruned = detect(x, 48000, threshold, block, true);
        expect(Array.from(pruned.y)).toEqual(Array.from(reference.y));
        expect(Array.from(pruned.peaks)).toEqual(Array.from(reference.peaks));
      }
      // Something is above 0.5 and something is pruned at 0.9: the comparison is not vacuous.
      if (threshold === 0.5) expect(reference.peaks.some((v) => v > 0)).toBe(true);
    }
  });

  it('silence in, silence out; reset() forgets the past', () => {
    const d = new BandLimitedPeakDetector(48000, 4);
    const loud = new Float64Array(512).fill(0.8);
    const y = new Float64Array(512);
    const peaks = new Float64Array(512);
    d.process(loud, 512, 0, y, peaks);
    d.reset();
    d.process(new Float64Array(512), 512, 0, y, peaks);
    expect(y.every((v) => v === 0)).toBe(true);
    expect(peaks.every((v) => v === 0)).toBe(true);
  });
});
