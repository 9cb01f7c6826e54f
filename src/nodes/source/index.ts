/**
 * The `source` node: plays a clip — one of the built-in demo stems or an audio file the user
 * provides — with a gain, an optional loop and a start offset.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { KernelContext, NodeDefinition } from '../types';
import { CLIP_REF_HINT, CLIP_REF_PATTERN, parseClipRef } from './clipRef';
import { DEMO_STEMS } from './demo';
import { DEMO_LENGTH_SECONDS } from './demo';
import { clipFrames, createSourceKernel } from './kernel';
import { sourceClipFramesRead } from './clipReach';

/** Longest accepted offset in seconds (one hour). */
export const MAX_OFFSET_SECONDS = 3600;

/**
 * Seconds the clip plays when not looping: its length minus the offset (never negative);
 * undefined when looping (no natural end). A missing `file:` clip counts as 0 s.
 */
function naturalLengthSeconds(params: ResolvedParams, ctx: KernelContext): number | undefined {
  if (params.loop !== false) return undefined;
  const ref = typeof params.clip === 'string' ? parseClipRef(params.clip) : undefined;
  const offset = typeof params.offset === 'number' ? params.offset : 0;
  let seconds = 0;
  if (ref?.kind === 'demo') seconds = DEMO_LENGTH_SECONDS;
  else if (ref?.kind === 'file') seconds = clipFrames(ctx.getClip(ref.name)) / ctx.sampleRate;
  // The kernel starts at round(offset·fs); measure in whole frames the same way.
  const remaining = seconds - Math.round(offset * ctx.sampleRate) / ctx.sampleRate;
  return Math.max(0, remaining);
}

/** The `file:` clip this node needs (name without the prefix), or none for a demo stem. */
function clipsUsed(params: ResolvedParams): string[] {
  const ref = typeof params.clip === 'string' ? parseClipRef(params.clip) : undefined;
  return ref?.kind === 'file' ? [ref.name] : [];
}

export const sourceNode: NodeDefinition = {
  type: 'source',
  label: 'Source',
  category: 'Sources',
  help: 'Plays a clip — a built-in demo track (drums, bass, keys, lead, vocals) or your own audio file — at a chosen level, once or in a loop.',
  inputs: [],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['clip', 'gain'],
  params: [
    {
      key: 'clip',
      kind: 'string',
      label: 'Clip',
      default: 'demo:drums',
      pattern: CLIP_REF_PATTERN,
      patternHint: CLIP_REF_HINT,
      suggestions: DEMO_STEMS.map((stem) => `demo:${stem}`),
      userFilePrefix: 'file:',
      help: 'Clip: which recording plays — "demo:" and a built-in track name, or "file:" and the name of an audio file you added.',
    },
    {
      key: 'gain',
      kind: 'number',
      label: 'Gain',
      unit: 'dB',
      min: -60,
      max: 24,
      default: 0,
      scale: 'db',
      step: 0.1,
      help: 'Gain: how much louder (positive) or quieter (negative) the clip plays than it was recorded.',
    },
    {
      key: 'loop',
      kind: 'bool',
      label: 'Loop',
      default: true,
      help: 'Loop: when on, the clip starts over from its beginning each time it ends; when off, it plays once and then stays silent.',
    },
    {
      key: 'offset',
      kind: 'number',
      label: 'Start offset',
      unit: 's',
      min: 0,
      max: MAX_OFFSET_SECONDS,
      default: 0,
      scale: 'linear',
      step: 0.01,
      help: 'Start offset: how many seconds into the clip playback begins; a looping clip still wraps around to the very start.',
    },
  ],
  createKernel: (ctx, params) => createSourceKernel(ctx, params),
  naturalLengthSeconds,
  clipsUsed,
  clipFramesRead: sourceClipFramesRead,
};
