/** Stereo pink noise in memory, for the in-process rows (scaling, kernels). */
import { NoiseSource } from '../src/dsp/noise';
import type { ClipAudio } from '../src/nodes/types';
import { PINK_RMS_DBFS } from './inputs';

/** `frames` of stereo pink noise at {@link PINK_RMS_DBFS} RMS, channels seeded `seed`, `seed + 1`. */
export function pinkClip(frames: number, seed: number): ClipAudio {
  const gain = 10 ** (PINK_RMS_DBFS / 20);
  const l = new NoiseSource(seed);
  const r = new NoiseSource(seed + 1);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = l.pink() * gain;
    right[i] = r.pink() * gain;
  }
  return { left, right };
}
