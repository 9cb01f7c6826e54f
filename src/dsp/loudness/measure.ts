import { LoudnessMeter, type LoudnessResult, type SampleBuffer } from './meter';

/**
 * One-shot measurement of a stereo programme.
 * @param left,right channel samples (equal lengths; the shorter length is used).
 * @param sampleRate Hz.
 */
export function measureLoudness(left: SampleBuffer, right: SampleBuffer, sampleRate: number): LoudnessResult {
  const meter = new LoudnessMeter(sampleRate, 2);
  meter.push(left, right, Math.min(left.length, right.length));
  return meter.result();
}
