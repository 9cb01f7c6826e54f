/**
 * How much of a `file:` clip a source node can read in a render, so the CLI resamples only that
 * (issue 10, item 5: a 30-minute file at 1 kHz was resampled whole — 1.4 GB, 51 s — for a
 * one-second render). From the kernel's playhead (kernel.ts): frame n of the render reads clip
 * frame round(offset · fs) + n, wrapped when looping. Without a wrap the reads stay below
 * offset + renderFrames; a looping clip that wraps is read whole.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { boolParam, numberParam, stringParam } from '../params';
import { parseClipRef } from './clipRef';

/**
 * @param renderFrames frames the engine will process (the render plus the master's latency).
 * @param clipFrames length of a bound clip at the render rate.
 * @returns for the node's `file:` clip, how many leading frames it may read.
 */
export function sourceClipFramesRead(
  params: ResolvedParams,
  sampleRate: number,
  renderFrames: number,
  clipFrames: (name: string) => number,
): Record<string, number> {
  const ref = parseClipRef(stringParam(params, 'clip'));
  if (!ref || ref.kind !== 'file') return {};
  const length = clipFrames(ref.name);
  const offset = Math.max(0, Math.round(numberParam(params, 'offset') * sampleRate));
  const end = offset + renderFrames;
  const wraps = boolParam(params, 'loop') && end > length;
  return { [ref.name]: wraps ? length : Math.min(length, end) };
}
