/**
 * The `file:` clip the harness binds: "burst", 0.9 s of stereo at 48 kHz with different content
 * per channel (a decaying 330 Hz tone on the left, a rising chirp on the right), so a channel
 * swap or an off-by-one offset shows up in the residual.
 */
import type { ClipAudio } from '../src/nodes/types';

export function burstClip(sampleRate: number): ClipAudio {
  const frames = Math.round(0.9 * sampleRate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    left[i] = 0.5 * Math.exp(-3 * t) * Math.sin(2 * Math.PI * 330 * t);
    right[i] = 0.4 * Math.sin(2 * Math.PI * (200 * t + 400 * t * t));
  }
  return { left, right };
}
