/**
 * Where the render's worker threads load their code from: `render-worker.mjs` beside the CLI bundle
 * (built from src/cli/renderWorker.ts by scripts/cli-build.mjs). Under tsx (tests and benchmarks
 * importing the sources) there is no bundle: undefined, and renders stay on one thread.
 */
import { Worker } from 'node:worker_threads';

const here = new URL(import.meta.url);

/** The worker bundle's URL, or undefined when running unbundled. */
export const renderWorkerUrl: URL | undefined = /\.m?js$/.test(here.pathname) ? new URL('./render-worker.mjs', here) : undefined;

/**
 * A worker thread of `role` loading the worker bundle ahead of its use: it does not keep the
 * process alive (the user refs it when it is used), and `onError` runs if it dies meanwhile.
 * @returns undefined when unbundled or when no thread could be started (resource limits).
 */
export function startSpareWorker(role: string, onError: (worker: Worker) => void): Worker | undefined {
  if (!renderWorkerUrl) return undefined;
  try {
    const worker = new Worker(renderWorkerUrl, { workerData: { role } });
    worker.unref();
    worker.on('error', () => onError(worker));
    return worker;
  } catch {
    return undefined;
  }
}
