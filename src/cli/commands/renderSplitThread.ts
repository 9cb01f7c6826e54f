/**
 * `mixgraph render` on two cores: about half of the plan runs in a worker thread
 * (`src/runtime/offline/split.ts`), with the same bytes as on one thread.
 *
 * The worker is the CLI bundle itself, as for the loudness meter (`renderMeterThread.ts`):
 * loading it runs the check at the bottom of this file, which serves the worker part when the
 * thread was created for it. Under tsx (tests and benchmarks importing the sources) there is no
 * bundle, and the render runs on one thread.
 *
 * `MIXGRAPH_RENDER_THREADS=1` always renders on one thread, `=2` always splits (when the plan has
 * a part worth moving; for tests). Unset, the render splits when the machine has a core idle
 * beside this process right now ({@link idleCoresNow}) and the render is long enough to pay for
 * loading the bundle in a thread (≈ 0.15 s of CPU).
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { METER_COST, WAV_WRITE_COST } from '../../runtime/offline/partition';
import { runWorkerPart, type SplitLauncher, type WorkerPartSetup } from '../../runtime/offline/split';

/** Tags the worker's `workerData`, so other workers loading the bundle are left alone. */
const ROLE = 'mixgraph-render-part';
/** Shorter renders stay on one thread: the thread's start would eat what it saves. */
export const MIN_SPLIT_SECONDS = 10;
/** Idle CPU (in cores) beside this process that counts as a free core. */
const FREE_CORE = 0.6;
/** Shortest window over which the idle time is measured, ms (the kernel counts in 10 ms ticks). */
const MIN_IDLE_WINDOW_MS = 40;

/** CPU times when this module was loaded (the CLI's start), to measure idle time since. */
const atStart = { when: performance.now(), idle: totalIdleMs() };

function totalIdleMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
}

/**
 * Cores idle beside this process, measured from the CLI's start to now (at least
 * {@link MIN_IDLE_WINDOW_MS}). Not the load average: it is a one-minute mean that lags by tens of
 * seconds, so back-to-back renders (a benchmark, a batch script) would read the renders before
 * them as load and never split, and a machine that just got busy would still look free. While
 * this process loads the graph and its inputs it keeps one core busy, so the idle time is what
 * the other cores have left.
 */
export async function idleCoresNow(): Promise<number> {
  let elapsed = performance.now() - atStart.when;
  if (elapsed < MIN_IDLE_WINDOW_MS) {
    await new Promise((resolve) => setTimeout(resolve, MIN_IDLE_WINDOW_MS - elapsed));
    elapsed = performance.now() - atStart.when;
  }
  return (totalIdleMs() - atStart.idle) / elapsed;
}

/**
 * The split launcher for a `mixgraph render` of `frames` frames at `sampleRate`, or undefined to
 * render on one thread (see the file's comment for when).
 * @param meterOnMain whether the closing loudness meter runs on the main thread (its cost then
 *   counts on the main side of the partition).
 */
export async function renderSplitLauncher(sampleRate: number, frames: number, meterOnMain: boolean): Promise<SplitLauncher | undefined> {
  const setting = process.env.MIXGRAPH_RENDER_THREADS;
  const entry = new URL(import.meta.url);
  const bundled = /\.m?js$/.test(entry.pathname);
  if (!bundled || setting === '1') return undefined;
  if (setting !== '2') {
    if (availableParallelism() < 2 || frames < MIN_SPLIT_SECONDS * sampleRate) return undefined;
    if ((await idleCoresNow()) < FREE_CORE) return undefined;
  }
  return {
    mainExtraCost: WAV_WRITE_COST + (meterOnMain ? METER_COST : 0),
    launch(setup, events) {
      let stopped = false;
      const worker = new Worker(entry, { workerData: { role: ROLE, setup } });
      worker.on('message', (message) => {
        if (!stopped) events.message(message);
      });
      worker.on('error', (error) => {
        if (!stopped) events.failure(error.message);
      });
      worker.on('exit', (code) => {
        // Also a normal end (the worker has filled the ring to the end): the main thread reads
        // every filled slot before it looks at a failure, so only a missing slot surfaces this.
        if (!stopped) events.failure(`it stopped (exit code ${code})`);
      });
      return {
        stop() {
          stopped = true;
          void worker.terminate();
        },
      };
    },
  };
}

// Loaded as a render's worker thread: run the worker part.
if (!isMainThread && parentPort) {
  const data = workerData as { role?: unknown; setup?: WorkerPartSetup } | null;
  const port = parentPort;
  if (data?.role === ROLE && data.setup) runWorkerPart(data.setup, (message) => port.postMessage(message));
}
