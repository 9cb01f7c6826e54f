/**
 * Whole-sample delays for plugin delay compensation and for bypassing a node with latency, as a
 * Web Audio DelayNode.
 *
 * A DelayNode reads at `delayTime·fs` frames back with linear interpolation (spec,
 * "DelayNode"); delayTime is a float32 AudioParam, so k/fs is stored as the nearest float32 and
 * the read position can sit a few millionths of a frame off k. The interpolation error this adds
 * is far below the parity bound (measured in docs/parity.md). No DelayNode here is inside a cycle,
 * so none has the one-quantum minimum that cycles impose.
 */
import { makeStereo } from './stereo';

/** A stereo delay of exactly `samples` frames (nominally), or null for 0. */
export function createFixedDelay(context: BaseAudioContext, samples: number): DelayNode | null {
  if (samples <= 0) return null;
  const seconds = samples / context.sampleRate;
  // Headroom of one quantum above the delay: maxDelayTime only sizes the buffer.
  const node = makeStereo(context.createDelay(seconds + 128 / context.sampleRate));
  node.delayTime.value = seconds;
  return node;
}
