/**
 * The work a pool worker does for `mixgraph album`: analyse one track file, or render one track of
 * a plan to OUTDIR and measure the file written. These run in worker threads (tinypool loads the
 * CLI bundle, which re-exports {@link albumWorkerTask}) and, for the split steps, in the main
 * thread; either way the same functions, so the bytes are the same.
 */
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { analyzeStream, renderAlbumTrack, type AlbumPlan, type RenderedTrack, type TrackAnalysis } from '../../album';
import { openWavFileWriter } from '../../runtime/audio-io';
import { openFileByteSource } from '../../runtime/audio-io/decoders/fileByteSource';
import { openTrackSource, type TrackSource } from '../../runtime/audio-io/decoders/trackSource';

/**
 * Opens a track (WAV, AIFF, FLAC, MP3, Ogg) for streaming at the render rate, runs `work` on it
 * and closes the file: WAV and AIFF are read by range, never whole (docs/album.md).
 */
async function withTrack<T>(path: string, sampleRate: number, work: (track: TrackSource) => Promise<T> | T): Promise<T> {
  const file = openFileByteSource(path);
  try {
    return await work(await openTrackSource(file, path, sampleRate));
  } finally {
    file.close();
  }
}

/** Map step 1: a track's analysis, in one streaming pass. */
export function analyzeTrackFile(path: string, sampleRate: number): Promise<TrackAnalysis & { warnings: string[] }> {
  return withTrack(path, sampleRate, (track) => ({ ...analyzeStream(track.open()), warnings: track.warnings }));
}

/** The analysis of a WAV file we wrote (read back, so the report describes the delivered file). */
export function analyzeOutputFile(path: string, sampleRate: number): Promise<TrackAnalysis> {
  return withTrack(path, sampleRate, (track) => analyzeStream(track.open()));
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
  const target = join(outDir, track.output);
  const rendered = await withTrack(track.input, sampleRate, (input) => renderAlbumTrack(plan, index, input, {
    signal: options.signal,
    onProgress: options.onProgress,
    openOutput: () => {
      const writer = openWavFileWriter(target, { sampleRate, bits: bits === '32f' ? '32f' : (Number(bits) as 16 | 24) });
      return { write: (l, r, n) => writer.write(l, r, n), commit: () => writer.close(), abort: () => writer.abort() };
    },
  }));
  return { rendered, output: await analyzeOutputFile(target, sampleRate) };
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
