/**
 * The stereo loop a demo stem is rendered into. Every write wraps around the end, so a note
 * whose release tail crosses the loop point continues at the start: played in a loop, the stem
 * is exactly the periodic signal the song would be, with no click at the seam.
 */
import type { ClipAudio } from '../../types';
import { dbToGain, demoFrames } from './music';

export class StemBuffer {
  readonly left: Float32Array;
  readonly right: Float32Array;
  /** Frames in the loop (16 s × fs). */
  readonly length: number;

  constructor(readonly sampleRate: number) {
    this.length = demoFrames(sampleRate);
    this.left = new Float32Array(this.length);
    this.right = new Float32Array(this.length);
  }

  /**
   * Adds `count` samples of a mono `source` starting at loop frame `start` (any integer, taken
   * modulo the loop length) with separate left/right gains.
   */
  addMono(source: Float64Array, count: number, start: number, gainLeft: number, gainRight: number): void {
    this.addChannel(this.left, source, count, start, gainLeft);
    this.addChannel(this.right, source, count, start, gainRight);
  }

  /** Adds a stereo pair of sources (same rules as `addMono`). */
  addStereo(
    left: Float64Array,
    right: Float64Array,
    count: number,
    start: number,
    gainLeft: number,
    gainRight: number,
  ): void {
    this.addChannel(this.left, left, count, start, gainLeft);
    this.addChannel(this.right, right, count, start, gainRight);
  }

  /** Scales both channels so the larger absolute sample is `peakDb` dBFS. */
  normalisePeak(peakDb: number): void {
    let peak = 0;
    for (let i = 0; i < this.length; i++) {
      peak = Math.max(peak, Math.abs(this.left[i]), Math.abs(this.right[i]));
    }
    if (peak === 0) return;
    const scale = dbToGain(peakDb) / peak;
    for (let i = 0; i < this.length; i++) {
      this.left[i] *= scale;
      this.right[i] *= scale;
    }
  }

  toClip(): ClipAudio {
    return { left: this.left, right: this.right };
  }

  private addChannel(target: Float32Array, source: Float64Array, count: number, start: number, gain: number): void {
    addWrapped(target, source, count, start, gain);
  }
}

/**
 * target[(start + i) mod N] += gain·source[i] for i in [0, count): mixes a note into a loop of
 * N = target.length frames, wrapping its tail around to the start.
 */
export function addWrapped(
  target: Float32Array,
  source: ArrayLike<number>,
  count: number,
  start: number,
  gain: number,
): void {
  if (gain === 0) return;
  const n = target.length;
  let at = ((start % n) + n) % n;
  let done = 0;
  while (done < count) {
    const run = Math.min(count - done, n - at);
    for (let i = 0; i < run; i++) target[at + i] += gain * source[done + i];
    done += run;
    at = 0;
  }
}

/**
 * target[i] += gain·source[(i − delay) mod N] for every i: an echo of a loop, read circularly so
 * the echo of the loop's end lands at its start. `delay` in frames, 0 ≤ delay < N.
 */
export function addCircularEcho(target: Float32Array, source: Float32Array, delay: number, gain: number): void {
  const n = target.length;
  // i in [delay, n) reads source[i − delay]; i in [0, delay) reads source[i − delay + n].
  for (let i = delay; i < n; i++) target[i] += gain * source[i - delay];
  for (let i = 0; i < delay; i++) target[i] += gain * source[i - delay + n];
}
