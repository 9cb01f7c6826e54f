/**
 * The loudness-meter worklet's runner: fed in 128-frame quanta it reports what the BS.1770 meter
 * reads for the same samples, at the set interval; a 1 kHz stereo sine at −20 dBFS reads −20 LUFS
 * (BS.1770-4: a full-scale 1 kHz sine in one channel reads −3.01 LUFS, two channels 0 LUFS).
 */
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../../../src/dsp/loudness';
import { LoudnessMeterRunner } from '../../../src/runtime/live/worklet/loudnessMeterRunner';

describe('LoudnessMeterRunner', () => {
  it('reports the meter of the same samples every interval, and resets', () => {
    const fs = 48000;
    const seconds = 4;
    const n = fs * seconds;
    const a = Math.pow(10, -20 / 20);
    const left = new Float32Array(n);
    for (let i = 0; i < n; i++) left[i] = a * Math.sin((2 * Math.PI * 1000 * i) / fs);
    const runner = new LoudnessMeterRunner(fs, 4800);
    let reports = 0;
    let last = null;
    for (let at = 0; at < n; at += 128) {
      const q = left.subarray(at, at + 128);
      const r = runner.process([q, q], q.length);
      if (r !== null) {
        reports += 1;
        last = r;
      }
    }
    expect(reports).toBe(Math.floor(n / 4800));
    const reference = measureLoudness(left, left, fs);
    const now = runner.reading();
    expect(now.integratedLufs).toBe(reference.integratedLufs);
    expect(now.shortTermLufs).toBe(reference.shortTermLufs);
    expect(now.integratedLufs!).toBeCloseTo(-20, 1);
    expect(last!.seconds).toBeCloseTo(seconds, 2);
    runner.reset();
    expect(runner.reading().integratedLufs).toBeNull();
  });

  it('a mono input counts in both channels; disabled, it ignores input', () => {
    const runner = new LoudnessMeterRunner(48000, 128);
    const q = new Float32Array(128).fill(0.1);
    runner.setEnabled(false);
    expect(runner.process([q], 128)).toBeNull();
    expect(runner.reading().seconds).toBe(0);
    runner.setEnabled(true);
    expect(runner.process([q], 128)!.samplePeakDbfs).toBeCloseTo(-20, 4);
  });
});
