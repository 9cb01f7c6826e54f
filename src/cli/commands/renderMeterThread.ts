/**
 * The closing loudness report of `mixgraph render`, measured in a worker thread beside the render.
 *
 * The BS.1770 meter (K-weighting, gating, 8× true peak) took a fifth of the issue-9 chain's time
 * when it ran in the rendering thread after each block. Here the rendered blocks are copied into
 * the slots of a shared ring and handed, slot by slot, to a worker that runs the very same
 * {@link LoudnessMeter}; the meter's readings do not depend on how the samples are split into
 * blocks, so the report is identical to the one measured inline. With a second core the meter
 * then costs the render almost nothing.
 *
 * The worker loads the render's worker bundle (`src/cli/renderWorker.ts`): loading it runs the
 * check at the bottom of this file, which serves the meter when the thread was created for it; the
 * rate and the ring come in its first message, so the thread can be started before the render
 * knows them ({@link prewarmMeterThread}). Under tsx (tests, benchmarks importing the sources)
 * there is no bundle, and the meter runs inline.
 *
 * `MIXGRAPH_METER_THREAD=0` always meters inline, `=1` always uses the thread (even for short
 * renders); unset, the thread is used for renders at least {@link MIN_THREAD_SECONDS} long when a
 * core is free for it: beside a one-thread render, two or more cores and a one-minute load average
 * at most cores − 1; beside a split render, three cores or more ({@link meterThreadBesideSplit}).
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { LoudnessMeter } from '../../dsp/loudness';
import { inlineLoudnessProbe, loudnessReportOf, type LoudnessProbe, type LoudnessReport } from '../../runtime/render';
import { CliError } from '../errors';
import { renderWorkerUrl, startSpareWorker } from './renderWorkerUrl';

/** Tags the worker's `workerData`, so a split render's worker loading the same bundle is left alone. */
export const METER_ROLE = 'mixgraph-loudness-meter';
/**
 * Frames per message: 65536 stereo frames = 512 KiB, ≈ 1.4 s at 48 kHz. Few messages, because each
 * one wakes the worker, and on a saturated machine waking a thread can cost the render its time
 * slice (measured: 1–5 ms per message at load 15 on 2 cores with 16384-frame batches).
 */
const BATCH_FRAMES = 65536;
/**
 * Slots of the shared ring (4 MiB): when the worker falls behind on a busy machine, the render
 * waits for a free slot, so memory stays bounded.
 */
const SLOTS = 8;
/** Shorter renders meter inline: loading the worker bundle in a thread costs ≈ 75 ms of CPU. */
export const MIN_THREAD_SECONDS = 10;

type ToMeter =
  | { kind: 'start'; sampleRate: number; shared: SharedArrayBuffer }
  | { kind: 'batch'; slot: number; frames: number }
  | { kind: 'end' };
type FromMeter =
  | { kind: 'measured'; slot: number }
  | { kind: 'report'; report: LoudnessReport }
  | { kind: 'failed'; message: string };

/** Where slot `slot`'s left channel starts in the shared ring (its right channel follows). */
const slotStart = (slot: number) => 2 * BATCH_FRAMES * slot;

/**
 * Worker side: waits for the render's rate and ring (the thread may be started before they are
 * known, {@link prewarmMeterThread}), then meters every batch in order, frees its slot, reports at
 * the end.
 */
function serveMeter(port: MessagePort): void {
  let meter: LoudnessMeter | undefined;
  let ring: Float32Array<ArrayBufferLike> = new Float32Array(0);
  port.on('message', (message: ToMeter) => {
    try {
      if (message.kind === 'start') {
        meter = new LoudnessMeter(message.sampleRate);
        ring = new Float32Array(message.shared);
      } else if (!meter) {
        throw new Error(`"${message.kind}" before "start"`);
      } else if (message.kind === 'batch') {
        const { slot, frames } = message;
        const left = slotStart(slot);
        const right = left + BATCH_FRAMES;
        meter.push(ring.subarray(left, left + frames), ring.subarray(right, right + frames), frames);
        const reply: FromMeter = { kind: 'measured', slot };
        port.postMessage(reply);
      } else {
        const reply: FromMeter = { kind: 'report', report: loudnessReportOf(meter) };
        port.postMessage(reply);
        port.close();
      }
    } catch (error) {
      const reply: FromMeter = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      port.postMessage(reply);
      port.close();
    }
  });
}

/** The main thread's side: fills ring slots, hands them over, waits when none is free. */
class ThreadLoudnessProbe implements LoudnessProbe {
  private readonly worker: Worker;
  private readonly ring: Float32Array;
  /** Slots the worker has measured (or never had). */
  private readonly free: number[] = [];
  /** The slot being filled. */
  private slot: number;
  private filled = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private settled = false;
  private readonly report: Promise<LoudnessReport>;

  constructor(worker: Worker, sampleRate: number) {
    // Shared memory, not transferred buffers: moving a backing store between threads made V8
    // re-account external memory and collect garbage on every message (5 ms each with a long
    // input file in the heap).
    const shared = new SharedArrayBuffer(4 * 2 * BATCH_FRAMES * SLOTS);
    this.ring = new Float32Array(shared);
    for (let slot = SLOTS - 1; slot > 0; slot--) this.free.push(slot);
    this.slot = 0;
    let resolveReport!: (report: LoudnessReport) => void;
    let rejectReport!: (error: Error) => void;
    this.report = new Promise<LoudnessReport>((resolve, reject) => {
      resolveReport = resolve;
      rejectReport = reject;
    });
    // A failure before finish() is awaited must not surface as an unhandled rejection.
    this.report.catch(() => undefined);
    const fail = (reason: string) => {
      if (this.settled) return;
      this.settled = true;
      this.failure = new CliError(`the loudness meter's worker thread failed: ${reason}`);
      rejectReport(this.failure);
      this.wakeRender();
    };
    this.worker = worker;
    worker.ref();
    const start: ToMeter = { kind: 'start', sampleRate, shared };
    worker.postMessage(start);
    this.worker.on('message', (message: FromMeter) => {
      if (message.kind === 'measured') {
        this.free.push(message.slot);
        this.wakeRender();
      } else if (message.kind === 'report') {
        this.settled = true;
        resolveReport(message.report);
      } else fail(message.message);
    });
    this.worker.on('error', (error) => fail(error.message));
    this.worker.on('exit', (code) => fail(`it stopped (exit code ${code}) before reporting`));
  }

  push(left: Float32Array, right: Float32Array, frames: number): void | Promise<void> {
    if (this.failure) throw this.failure;
    let done = 0;
    while (done < frames) {
      const n = Math.min(frames - done, BATCH_FRAMES - this.filled);
      const at = slotStart(this.slot) + this.filled;
      this.ring.set(left.subarray(done, done + n), at);
      this.ring.set(right.subarray(done, done + n), at + BATCH_FRAMES);
      this.filled += n;
      done += n;
      if (this.filled === BATCH_FRAMES) this.send();
    }
    // A block (≤ 16384 frames) fits in what is left of the slot being filled plus one more slot: keep one free.
    if (this.free.length === 0) {
      return new Promise<void>((resolve, reject) => {
        this.wake = () => (this.failure ? reject(this.failure) : resolve());
      });
    }
  }

  async finish(): Promise<LoudnessReport> {
    if (this.failure) throw this.failure;
    if (this.filled > 0) this.send();
    const end: ToMeter = { kind: 'end' };
    this.worker.postMessage(end);
    return this.report;
  }

  dispose(): void {
    if (!this.settled) {
      this.settled = true;
      this.wakeRender();
    }
    void this.worker.terminate();
  }

  /** Hands the filled slot to the worker and starts filling a free one. */
  private send(): void {
    const message: ToMeter = { kind: 'batch', slot: this.slot, frames: this.filled };
    this.worker.postMessage(message);
    const next = this.free.pop();
    if (next === undefined) throw new Error('loudness meter ring: no free slot'); // push() keeps one free
    this.slot = next;
    this.filled = 0;
  }

  private wakeRender(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Whether a core is free for the meter: two cores or more, and a one-minute load average that
 * leaves at least one of them idle. On a saturated machine the thread only competes with the
 * render: every message that wakes it can cost the render its time slice (measured at load 15 on
 * 2 cores: 2–6 ms per message, and the render waiting on a starved meter), so it meters inline.
 * (`loadavg` is [0, 0, 0] where the OS has none, e.g. Windows: the thread is then used.)
 */
function aCoreIsFree(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0] <= cores - 1;
}

/**
 * A {@link LoudnessProbe} for `mixgraph render`: in a worker thread when a second core and the
 * CLI bundle are there and the render is long enough to pay for the thread, else inline. Both
 * report the same figures.
 */
export function renderLoudnessProbe(sampleRate: number, frames: number): LoudnessProbe {
  return loudnessProbeFor(sampleRate, frames, false);
}

/** Cores a split render needs before its meter takes a third thread: one for each thread. */
export const SPLIT_METER_THREAD_CORES = 3;

/**
 * Whether a render split across a worker thread (`renderSplitThread.ts`) meters in a third thread
 * of its own: for renders of at least {@link MIN_THREAD_SECONDS}, on {@link SPLIT_METER_THREAD_CORES}
 * cores or more. On two cores the third thread can only take its time from the other two — the
 * woken meter preempts the thread that woke it — and the meter inline, counted on the main side of
 * the cut, is faster (the bench chain, 120 s: 1.12× in wall time and 10 % less CPU, docs/performance.md).
 * `MIXGRAPH_METER_THREAD=0` always meters inline, `=1` always in a thread.
 */
export function meterThreadBesideSplit(sampleRate: number, frames: number): boolean {
  const setting = process.env.MIXGRAPH_METER_THREAD;
  if (setting === '0' || setting === '1') return setting === '1';
  return frames >= MIN_THREAD_SECONDS * sampleRate && availableParallelism() >= SPLIT_METER_THREAD_CORES;
}

/** The probe for a split render: in a thread when {@link meterThreadBesideSplit}, else inline. */
export function splitRenderLoudnessProbe(sampleRate: number, frames: number): LoudnessProbe {
  return meterThreadBesideSplit(sampleRate, frames) ? loudnessProbeFor(sampleRate, frames, true) : inlineLoudnessProbe(sampleRate);
}

function loudnessProbeFor(sampleRate: number, frames: number, coresKnownFree: boolean): LoudnessProbe {
  const setting = process.env.MIXGRAPH_METER_THREAD;
  const wanted =
    setting === '1' || (setting !== '0' && frames >= MIN_THREAD_SECONDS * sampleRate && (coresKnownFree || aCoreIsFree()));
  if (renderWorkerUrl && wanted) {
    try {
      const worker = spareMeter ?? newMeterWorker(renderWorkerUrl);
      spareMeter = undefined;
      return new ThreadLoudnessProbe(worker, sampleRate);
    } catch {
      // No thread could be started (resource limits): the same report, measured inline.
    }
  }
  return inlineLoudnessProbe(sampleRate);
}

/** A meter thread loading its bundle ahead of the render, or undefined. */
let spareMeter: Worker | undefined;

function newMeterWorker(url: URL): Worker {
  return new Worker(url, { workerData: { role: METER_ROLE } });
}

/**
 * Starts loading the meter's thread now (≈ 75 ms of CPU), while the main thread reads the graph
 * and its inputs, rather than beside the render's first blocks. Called when a split render is
 * likely (`prewarmRenderWorker` started its thread); it does not keep the process alive, and is
 * ended by {@link dropSpareMeter} when the render meters inline after all.
 */
export function prewarmMeterThread(): void {
  const setting = process.env.MIXGRAPH_METER_THREAD;
  if (spareMeter || setting === '0' || (setting !== '1' && availableParallelism() < SPLIT_METER_THREAD_CORES)) return;
  // Undefined when no thread could be started: the render meters inline or starts one later.
  spareMeter = startSpareWorker(METER_ROLE, (worker) => {
    if (spareMeter === worker) spareMeter = undefined;
  });
}

/** Ends a prewarmed meter thread the render did not use. */
export function dropSpareMeter(): void {
  void spareMeter?.terminate();
  spareMeter = undefined;
}

// Loaded as the meter's worker thread: serve the meter.
if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === METER_ROLE) serveMeter(parentPort);
