/**
 * Channel settings. Every wire carries stereo (DESIGN.md); Web Audio nodes default to
 * channelCountMode 'max' and some (Tone's panner) to one channel, which would fold stereo to
 * mono. Fixing channelCount 2 / 'explicit' / 'speakers' makes every node here see exactly two
 * channels, a mono input being copied to both (spec, "Channel Up-Mixing": mono → stereo).
 */

/** Sets `node` to two channels, explicitly, with speaker up-/down-mixing. */
export function makeStereo<T extends AudioNode>(node: T): T {
  node.channelCount = 2;
  node.channelCountMode = 'explicit';
  node.channelInterpretation = 'speakers';
  return node;
}

/** A stereo GainNode at `gain` (linear). */
export function stereoGain(context: BaseAudioContext, gain = 1): GainNode {
  const node = makeStereo(context.createGain());
  node.gain.value = gain;
  return node;
}

/** Disconnects a node, ignoring "not connected" errors (disposal must never throw). */
export function safeDisconnect(node: AudioNode | null | undefined): void {
  try {
    node?.disconnect();
  } catch {
    // Already disconnected.
  }
}
