/**
 * The album's map steps on bytes in memory, for the editor's Web Workers: the same streaming
 * decode, analysis, render and read-back as the CLI's file tasks (src/cli/commands/albumTasks.ts)
 * — only the byte source differs (memory here, file ranges there) — so the WAVs and reports are
 * byte-identical. Pure: no DOM, no `node:`.
 */
import { memoryByteSource } from '../runtime/audio-io/decoders/byteSource';
import { openTrackSource } from '../runtime/audio-io/decoders/trackSource';
import { analyzeStream, type TrackAnalysis } from './analyzeTrack';
import { memoryWavOutput } from './memoryOutput';
import type { AlbumPlan } from './plan';
import { renderAlbumTrack, type RenderedTrack } from './renderTrack';

/** Map step 1 on a file's bytes. */
export async function analyzeTrackBytes(bytes: Uint8Array, name: string, sampleRate: number): Promise<TrackAnalysis & { warnings: string[] }> {
  const track = await openTrackSource(memoryByteSource(bytes), name, sampleRate);
  return { ...analyzeStream(track.open()), warnings: track.warnings };
}

/** Map step 2 on a file's bytes: the WAV written and its analysis (read back, as the CLI does). */
export async function renderTrackBytes(
  plan: AlbumPlan,
  index: number,
  bytes: Uint8Array,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<{ wav: Uint8Array; rendered: RenderedTrack; output: TrackAnalysis }> {
  const { sampleRate, bits } = plan.options;
  const track = await openTrackSource(memoryByteSource(bytes), plan.tracks[index].input, sampleRate);
  let wav: Uint8Array | null = null;
  const rendered = await renderAlbumTrack(plan, index, track, {
    ...options,
    openOutput: () => memoryWavOutput(sampleRate, bits === '32f' ? '32f' : (Number(bits) as 16 | 24), (w) => (wav = w)),
  });
  const written = wav as Uint8Array | null;
  if (!written) throw new Error('the render kept no output');
  const back = await openTrackSource(memoryByteSource(written), plan.tracks[index].output, sampleRate);
  return { wav: written, rendered, output: analyzeStream(back.open()) };
}
