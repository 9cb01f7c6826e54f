/**
 * `mixgraph render` on two cores: about half of the plan runs in a worker thread
 * (`src/runtime/offline/split.ts`), with the same bytes as on one thread.
 *
 * The worker loads the render's worker bundle (`src/cli/renderWorker.ts`, shared with the loudness
 * meter's thread, `renderMeterThread.ts`): loading it runs the check at the bottom of this file,
 * which serves the worker part when the thread was created for it. Under tsx (tests and
 * benchmarks importing the sources) there is no bundle, and the render runs on one thread.
 *
 * `MIXGRAPH_RENDER_THREADS=1` always renders on one thread, `=2` always splits (when the plan has
 * a part worth moving; for tests). Unset, the render splits when two cores are free for this
 * process right now ({@link freeCoresNow}) and the render is long enough to pay for loading the
 * worker bundle in a thread (≈ 75 ms of CPU, src/cli/renderWorker.ts; started early:
 * {@link prewarmRenderWorker}).
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { METER_COST, WAV_WRITE_COST } from '../../runtime/offline/partition';
import { runWorkerPart, type FromWorkerPart, type SplitLauncher, type WorkerPartSetup } from '../../runtime/offline/split';
import { openFileClips } from '../streamedInput';
import { renderWorkerUrl, startSpareWorker } from './renderWorkerUrl';

/** Tags the worker's `workerData`, so other workers loading the bundle are left alone. */
export const RENDER_PART_ROLE = 'mixgraph-render-part';
/** Shorter renders stay on one thread: the thread's start would eat what it saves. */
export const MIN_SPLIT_SECONDS = 10;
/** Cores that must be free for this process (its two threads), less a margin for tick rounding. */
const FREE_CORES_NEEDED = 1.6;
/** Shortest window over which the machine's load is measured, ms (the kernel counts in 10 ms ticks). */
const MIN_LOAD_WINDOW_MS = 40;

/** Under tsx the sources run unbundled: no file a thread could load. */
const bundled = renderWorkerUrl !== undefined;

/** CPU times when this module was loaded (the CLI's start), to measure the load since. */
const atStart = { when: performance.now(), busy: machineBusyMs(), own: ownCpuMs() };

/** CPU time every core has spent busy since boot, summed, ms. */
function machineBusyMs(): number {
  return cpus().reduce((sum, { times: t }) => sum + t.user + t.nice + t.sys + t.irq, 0);
}

/** CPU time of this process (all its threads), ms. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Cores free for this process right now: all cores, less what other processes kept busy since
 * the CLI started (at least {@link MIN_LOAD_WINDOW_MS}). Not the load average: it is a one-minute
 * mean that lags by tens of seconds, so back-to-back renders (a benchmark, a batch script) would
 * read the renders before them as load and never split, and a machine that just got busy would
 * still look free. This process's own CPU (a worker started early, see
 * {@link prewarmRenderWorker}) is not counted as load.
 */
export async function freeCoresNow(): Promise<number> {
  let elapsed = performance.now() - atStart.when;
  if (elapsed < MIN_LOAD_WINDOW_MS) {
    await new Promise((resolve) => setTimeout(resolve, MIN_LOAD_WINDOW_MS - elapsed));
    elapsed = performance.now() - atStart.when;
  }
  const others = Math.max(0, machineBusyMs() - atStart.busy - (ownCpuMs() - atStart.own));
  return availableParallelism() - others / elapsed;
}

/** A worker loading its bundle while the main thread reads the graph and its inputs. */
let spare: Worker | undefined;

function newWorker(): Worker {
  return new Worker(renderWorkerUrl as URL, { workerData: { role: RENDER_PART_ROLE } });
}

/**
 * Starts loading a worker thread now (≈ 75 ms of CPU), if a split could happen at all, so that
 * it is ready when the render starts. It does not keep the process alive and is ended by
 * {@link renderSplitLauncher} when the render stays on one thread.
 * @param seconds the render's length when `--seconds` gives it: a shorter render than
 *   {@link MIN_SPLIT_SECONDS} never splits, so no thread is started for it.
 */
export function prewarmRenderWorker(seconds: number | undefined): void {
  const setting = process.env.MIXGRAPH_RENDER_THREADS;
  if (!bundled || spare || setting === '1' || availableParallelism() < 2) return;
  if (setting !== '2' && seconds !== undefined && seconds < MIN_SPLIT_SECONDS) return;
  // Undefined when no thread could be started: the render will run on one.
  spare = startSpareWorker(RENDER_PART_ROLE, (worker) => {
    if (spare === worker) spare = undefined;
  });
}

/**
 * Whether a worker was started for a split ({@link prewarmRenderWorker}): the inputs are then
 * decoded into shared memory, where the worker can read them without a copy.
 */
export function splitMayFollow(): boolean {
  return spare !== undefined;
}

function dropSpare(): void {
  void spare?.terminate();
  spare = undefined;
}

/**
 * The split launcher for a `mixgraph render` of `frames` frames at `sampleRate`, or undefined to
 * render on one thread (see the file's comment for when).
 * @param meterOnMain whether the closing loudness meter runs on the main thread (its cost then
 *   counts on the main side of the partition).
 */
export async function renderSplitLauncher(sampleRate: number, frames: number, meterOnMain: boolean): Promise<SplitLauncher | undefined> {
  const setting = process.env.MIXGRAPH_RENDER_THREADS;
  let wanted = bundled && setting !== '1';
  if (wanted && setting !== '2') {
    wanted = availableParallelism() >= 2 && frames >= MIN_SPLIT_SECONDS * sampleRate && (await freeCoresNow()) >= FREE_CORES_NEEDED;
  }
  if (!wanted) {
    dropSpare();
    return undefined;
  }
  return {
    mainExtraCost: WAV_WRITE_COST + (meterOnMain ? METER_COST : 0),
    launch(setup, events) {
      let stopped = false;
      const worker = spare ?? newWorker();
      spare = undefined;
      worker.ref();
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
      worker.postMessage({ setup });
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
  const port = parentPort;
  if ((workerData as { role?: unknown } | null)?.role === RENDER_PART_ROLE) {
    port.once('message', (message: { setup: WorkerPartSetup }) => {
      const post = (reply: FromWorkerPart) => port.postMessage(reply);
      let files: ReturnType<typeof openFileClips>;
      try {
        // Streamed inputs arrive as file names: this thread reads them itself.
        files = openFileClips(message.setup.clips, message.setup.sampleRate);
      } catch (error) {
        post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        return;
      }
      runWorkerPart({ ...message.setup, clips: files.clips }, post);
      files.close();
    });
  }
}
