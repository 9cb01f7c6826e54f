/**
 * The worker pool of `mixgraph album` (tinypool: worker threads, a queue, cancellation). Workers
 * load the CLI bundle itself, which re-exports `albumWorkerTask`; under tsx (benchmarks) they load
 * albumTasks.ts directly.
 */
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { CliError } from '../errors';
import type { AlbumWorkerTask } from './albumTasks';

export interface AlbumPool {
  /** Runs a task; `onProgress` receives render progress (0…1). Rejects with the task's message. */
  run<T>(task: AlbumWorkerTask, signal: AbortSignal, onProgress?: (fraction: number) => void): Promise<T>;
  destroy(): Promise<void>;
}

/**
 * Young-generation limit of an album worker, MiB. A worker's live JavaScript heap stays under
 * 10 MiB: the samples live in ArrayBuffers and WebAssembly memories, outside it. Left to its own
 * heuristics V8 still enlarged the young generation at some moment of a long track (the committed
 * heap went 27 → 43 MiB during a 20-minute FLAC track, not during a 2-minute one), and the peak
 * RSS grew with the track by that much (docs/album.md, "Measured peak RSS, compressed tracks").
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** A pool of `jobs` worker threads. */
export function createAlbumPool(jobs: number): AlbumPool {
  const self = import.meta.url;
  const filename = /\.ts$/.test(self) ? new URL('./albumTasks.ts', self).href : self;
  const pool = new Tinypool({
    filename,
    name: 'albumWorkerTask',
    minThreads: 0,
    maxThreads: jobs,
    idleTimeout: 1000,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  return {
    async run<T>(task: AlbumWorkerTask, signal: AbortSignal, onProgress?: (fraction: number) => void): Promise<T> {
      let message: AlbumWorkerTask = task;
      let channel: MessageChannel | undefined;
      if (task.kind === 'render' && onProgress) {
        channel = new MessageChannel();
        channel.port1.on('message', (fraction: number) => onProgress(fraction));
        message = { ...task, progress: channel.port2 };
      }
      try {
        const result = (await pool.run(message, { signal, transferList: channel ? [channel.port2] : undefined })) as
          | { ok: true; value: T }
          | { ok: false; error: string };
        if (!result.ok) throw new CliError(result.error);
        return result.value;
      } finally {
        channel?.port1.close();
      }
    },
    destroy: () => pool.destroy(),
  };
}
