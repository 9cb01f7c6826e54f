/**
 * "Master album" in the editor: the CLI's steps — analyse (map, Web Workers), plan (reduce, here),
 * render (map, Web Workers), report — then one zip (fflate, stored) with the WAVs and the report
 * files, byte-identical to `mixgraph album` with the same options and track names.
 */
import { zipSync } from 'fflate';
import {
  albumReportFiles,
  buildAlbumReport,
  combinedIntegratedLufs,
  defaultAlbumGraph,
  outputNames,
  planAlbum,
  type AlbumOptions,
  type AlbumReport,
  type TrackAnalysis,
} from '../../album';
import type { AlbumWorkerReply, AlbumWorkerRequest } from './albumProtocol';

export interface AlbumTrackFile {
  name: string;
  bytes: Uint8Array;
}

/** Progress per step: `analyse` or `render`, track index, 0…1. */
export type AlbumProgressListener = (step: 'analyse' | 'render', index: number, fraction: number) => void;

type Task = Omit<AlbumWorkerRequest, 'id'>;

/** Runs tasks on up to `jobs` workers; results in task order. */
async function runOnWorkers<R>(tasks: Task[], jobs: number, onProgress: (task: number, fraction: number) => void, signal: AbortSignal): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    const w = new Worker(new URL('./albumWorker.ts', import.meta.url), { type: 'module' });
    try {
      while (next < tasks.length) {
        const id = next++;
        results[id] = await new Promise<R>((resolve, reject) => {
          const abort = () => reject(new DOMException('cancelled', 'AbortError'));
          if (signal.aborted) return abort();
          signal.addEventListener('abort', abort, { once: true });
          w.onmessage = (event: MessageEvent<AlbumWorkerReply>) => {
            const m = event.data;
            if (m.id !== id) return;
            if (m.type === 'progress') onProgress(id, m.fraction);
            else if (m.type === 'error') reject(new Error(m.message));
            else resolve((m.type === 'analyzed' ? m.analysis : { wav: m.wav, output: m.output }) as R);
          };
          w.onerror = (event) => reject(new Error(event.message || 'the album worker failed'));
          // Copy the bytes: the track stays in the panel for the next run.
          w.postMessage({ ...tasks[id], id } as AlbumWorkerRequest);
        });
        onProgress(id, 1);
      }
    } finally {
      w.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return results;
}

/**
 * Masters the album; resolves to the zip and the report.
 * @param reference the recording to match towards when `options.match` is `reference` (its file
 *   name stands where the CLI has the `--match` path).
 */
export async function masterAlbum(
  tracks: readonly AlbumTrackFile[],
  options: AlbumOptions,
  onProgress: AlbumProgressListener,
  signal: AbortSignal,
  reference: AlbumTrackFile | null = null,
): Promise<{ zip: Uint8Array; report: AlbumReport; analyses: TrackAnalysis[] }> {
  const jobs = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  const matchReference = options.match === 'reference';
  if (matchReference && reference === null) throw new Error('Matching to a reference: pick the reference file first.');
  const analysed = matchReference && reference ? [...tracks, reference] : tracks;
  const all = await runOnWorkers<TrackAnalysis & { warnings: string[] }>(
    analysed.map((t) => ({ type: 'analyze', name: t.name, bytes: t.bytes, sampleRate: options.sampleRate })),
    jobs,
    (i, f) => onProgress('analyse', Math.min(i, tracks.length - 1), f),
    signal,
  );
  const analyses = all.slice(0, tracks.length);
  const names = outputNames(tracks.map((t) => t.name));
  const plan = planAlbum(
    tracks.map((t, i) => ({ input: t.name, output: names[i], analysis: analyses[i] })),
    options,
    defaultAlbumGraph(),
    'preset mastering-chain',
    matchReference && reference ? { input: reference.name, analysis: all[tracks.length] } : null,
  );
  const rendered = await runOnWorkers<{ wav: Uint8Array; output: TrackAnalysis }>(
    tracks.map((t, index) => ({ type: 'render', plan, index, bytes: t.bytes })),
    jobs,
    (i, f) => onProgress('render', i, f),
    signal,
  );
  const outputs = rendered.map((r) => r.output);
  const report = buildAlbumReport(plan, outputs, combinedIntegratedLufs(outputs.map((o) => o.gatingBins)));
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  rendered.forEach((r, i) => (files[names[i]] = r.wav));
  for (const [name, text] of Object.entries(albumReportFiles(report))) files[name] = encoder.encode(text);
  return { zip: zipSync(files, { level: 0 }), report, analyses };
}

/** Analyses tracks in Web Workers (for the panel's table and spectra). */
export function analyseTracks(tracks: readonly AlbumTrackFile[], sampleRate: number, signal: AbortSignal): Promise<(TrackAnalysis & { warnings: string[] })[]> {
  const jobs = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  return runOnWorkers(tracks.map((t) => ({ type: 'analyze', name: t.name, bytes: t.bytes, sampleRate })), jobs, () => {}, signal);
}
