/**
 * The work a pool worker does for `mixgraph album`: analyse one track file, or render one track of
 * a plan to OUTDIR and measure the file written. These run in worker threads (tinypool loads the
 * CLI bundle, which re-exports {@link albumWorkerTask}) and, for the split steps, in the main
 * thread; either way the same functions, so the bytes are the same.
 */
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { analyzeClip, renderAlbumTrack, type AlbumPlan, type RenderedTrack, type TrackAnalysis } from '../../album';
import { openWavFileWriter, readAudioFile, toRenderClip } from '../../runtime/audio-io';
import { readAnyAudioFile } from '../../runtime/audio-io/decoders/readAnyAudioFile';

/** Reads, decodes (WAV, AIFF, FLAC, MP3, Ogg), mixes to stereo and resamples a track to the render rate. */
async function loadTrack(path: string, sampleRate: number) {
  const decoded = await readAnyAudioFile(path);
  return { clip: toRenderClip(decoded, sampleRate), warnings: decoded.warnings ?? [] };
}

/** Map step 1: a track's analysis. */
export async function analyzeTrackFile(path: string, sampleRate: number): Promise<TrackAnalysis & { warnings: string[] }> {
  const { clip, warnings } = await loadTrack(path, sampleRate);
  return { ...analyzeClip(clip.left, clip.right, sampleRate), warnings };
}

/** The analysis of a WAV file we wrote (read back, so the report describes the delivered file). */
export function analyzeOutputFile(path: string, sampleRate: number): TrackAnalysis {
  const clip = toRenderClip(readAudioFile(path), sampleRate);
  return analyzeClip(clip.left, clip.right, sampleRate);
}

export interface RenderTaskResult {
  rendered: RenderedTrack;
  output: TrackAnalysis;
}

/** Map step 2: renders track `index` into `outDir` (temp file + rename) and measures it. */
export async function renderTrackFile(
  plan: AlbumPlan,
  index: number,
  outDir: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<RenderTaskResult> {
  const track = plan.tracks[index];
  const { sampleRate, bits } = plan.options;
  const { clip } = await loadTrack(track.input, sampleRate);
  const target = join(outDir, track.output);
  const rendered = await renderAlbumTrack(plan, index, clip, {
    signal: options.signal,
    onProgress: options.onProgress,
    openOutput: () => {
      const writer = openWavFileWriter(target, { sampleRate, bits: bits === '32f' ? '32f' : (Number(bits) as 16 | 24) });
      return { write: (l, r, n) => writer.write(l, r, n), commit: () => writer.close(), abort: () => writer.abort() };
    },
  });
  return { rendered, output: analyzeOutputFile(target, sampleRate) };
}

/** A task sent to a pool worker. */
export type AlbumWorkerTask =
  | { kind: 'analyze'; path: string; sampleRate: number }
  | { kind: 'render'; plan: AlbumPlan; index: number; outDir: string; progress?: MessagePort };

/**
 * The pool's entry point (tinypool `name: 'albumWorkerTask'`). Errors cross the thread boundary
 * as `{ error }` so their one-line message survives structured cloning.
 */
export async function albumWorkerTask(task: AlbumWorkerTask): Promise<{ ok: true; value: unknown } | { ok: false; error: string; aborted?: boolean }> {
  try {
    if (task.kind === 'analyze') return { ok: true, value: await analyzeTrackFile(task.path, task.sampleRate) };
    let last = -1;
    const port = task.progress;
    const value = await renderTrackFile(task.plan, task.index, task.outDir, {
      onProgress: port
        ? (fraction) => {
            const percent = Math.floor(fraction * 100);
            if (percent !== last) {
              last = percent;
              port.postMessage(fraction);
            }
          }
        : undefined,
    });
    port?.close();
    return { ok: true, value };
  } catch (error) {
    task.kind === 'render' && task.progress?.close();
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
