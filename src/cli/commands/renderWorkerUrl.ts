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
 * Threads bin/mixgraph.mjs started for a `render` before it loaded the CLI bundle, by role; a
 * thread leaves the record when it exits.
 */
const EARLY_THREADS = Symbol.for('mixgraph.earlyRenderThreads');

function earlyThreads(): Record<string, Worker> {
  return ((globalThis as Record<symbol, unknown>)[EARLY_THREADS] as Record<string, Worker> | undefined) ?? {};
}

/** Ends the early threads nothing adopted (the render stays on one thread or meters inline). */
export function dropEarlyThreads(): void {
  const threads = earlyThreads();
  for (const role of Object.keys(threads)) {
    void threads[role].terminate();
    delete threads[role];
  }
}

/**
 * A worker thread of `role` loading the worker bundle ahead of its use — the one bin/mixgraph.mjs
 * started for this role if it is still alive, else a new one: it does not keep the process alive
 * (the user refs it when it is used), and `onError` runs if it dies meanwhile.
 * @returns undefined when unbundled or when no thread could be started (resource limits).
 */
export function startSpareWorker(role: string, onError: (worker: Worker) => void): Worker | undefined {
  if (!renderWorkerUrl) return undefined;
  const threads = earlyThreads();
  const early = threads[role];
  if (early !== undefined) {
    delete threads[role];
    early.on('error', () => onError(early));
    early.on('exit', () => onError(early));
    return early;
  }
  try {
    const worker = new Worker(renderWorkerUrl, { workerData: { role } });
    worker.unref();
    worker.on('error', () => onError(worker));
    return worker;
  } catch {
    return undefined;
  }
}
