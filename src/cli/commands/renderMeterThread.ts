/**
 * The closing loudness report of `mixgraph render`, measured in a worker thread beside the render.
 *
 * The BS.1770 meter (K-weighting, gating, 8× true peak) took a fifth of the issue-9 chain's time
 * when it ran in the rendering thread after each block. Here the rendered blocks are copied into
 * batches and handed (transferred, not cloned) to a worker that runs the very same
 * {@link LoudnessMeter}; the meter's readings do not depend on how the samples are split into
 * blocks, so the report is identical to the one measured inline. With a second core the meter
 * then costs the render almost nothing.
 *
 * The worker is the CLI bundle itself (as for `mixgraph album`'s pool): loading it runs the check at
 * the bottom of this file, which starts the meter when the thread was created for it. Under tsx
 * (tests, benchmarks importing the sources) there is no bundle, and the meter runs inline.
 *
 * `MIXGRAPH_METER_THREAD=0` always meters inline, `=1` always uses the thread (even for short
 * renders); unset, the thread is used when the machine has two cores or more and the render is at
 * least {@link MIN_THREAD_SECONDS} long.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { LoudnessMeter } from '../../dsp/loudness';
import { inlineLoudnessProbe, loudnessReportOf, type LoudnessProbe, type LoudnessReport } from '../../runtime/render';
import { CliError } from '../errors';

/** Tags the worker's `workerData`, so other workers loading the bundle (album's pool) are left alone. */
const ROLE = 'mixgraph-loudness-meter';
/** Frames per message: 16384 stereo frames = 128 KiB, ≈ 0.34 s at 48 kHz. */
const BATCH_FRAMES = 16384;
/**
 * Batches sent but not yet measured before the render waits for the meter: memory stays bounded
 * (2 MiB) when the worker falls behind on a busy machine.
 */
const MAX_IN_FLIGHT = 16;
/** Shorter renders meter inline: loading the bundle in a thread costs ≈ 0.15 s of CPU. */
export const MIN_THREAD_SECONDS = 10;

type ToMeter = { kind: 'batch'; samples: Float32Array<ArrayBuffer>; frames: number } | { kind: 'end' };
type FromMeter =
  | { kind: 'measured'; samples: Float32Array<ArrayBuffer> }
  | { kind: 'report'; report: LoudnessReport }
  | { kind: 'failed'; message: string };

/** Worker side: meters every batch in order, returns its buffer for reuse, reports at the end. */
function serveMeter(port: MessagePort, sampleRate: number): void {
  const meter = new LoudnessMeter(sampleRate);
  port.on('message', (message: ToMeter) => {
    try {
      if (message.kind === 'batch') {
        const { samples, frames } = message;
        const half = samples.length / 2;
        meter.push(samples.subarray(0, frames), samples.subarray(half, half + frames), frames);
        const reply: FromMeter = { kind: 'measured', samples };
        port.postMessage(reply, [samples.buffer]);
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

/** The main thread's side: batches blocks, sends them, waits when too many are in flight. */
class ThreadLoudnessProbe implements LoudnessProbe {
  private readonly worker: Worker;
  /** Buffers the worker has returned: left channel in the first half, right in the second. */
  private readonly spare: Float32Array<ArrayBuffer>[] = [];
  private batch: Float32Array<ArrayBuffer>;
  private filled = 0;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private settled = false;
  private readonly report: Promise<LoudnessReport>;

  constructor(entry: URL, sampleRate: number) {
    this.batch = new Float32Array(2 * BATCH_FRAMES);
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
    this.worker = new Worker(entry, { workerData: { role: ROLE, sampleRate } });
    this.worker.on('message', (message: FromMeter) => {
      if (message.kind === 'measured') {
        this.inFlight--;
        this.spare.push(message.samples);
        if (this.inFlight < MAX_IN_FLIGHT) this.wakeRender();
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
      this.batch.set(left.subarray(done, done + n), this.filled);
      this.batch.set(right.subarray(done, done + n), BATCH_FRAMES + this.filled);
      this.filled += n;
      done += n;
      if (this.filled === BATCH_FRAMES) this.send();
    }
    if (this.inFlight >= MAX_IN_FLIGHT) {
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

  private send(): void {
    const message: ToMeter = { kind: 'batch', samples: this.batch, frames: this.filled };
    this.worker.postMessage(message, [this.batch.buffer]);
    this.inFlight++;
    this.batch = this.spare.pop() ?? new Float32Array(2 * BATCH_FRAMES);
    this.filled = 0;
  }

  private wakeRender(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * A {@link LoudnessProbe} for `mixgraph render`: in a worker thread when a second core and the
 * CLI bundle are there and the render is long enough to pay for the thread, else inline. Both
 * report the same figures.
 */
export function renderLoudnessProbe(sampleRate: number, frames: number): LoudnessProbe {
  const setting = process.env.MIXGRAPH_METER_THREAD;
  const entry = new URL(import.meta.url);
  const bundled = /\.m?js$/.test(entry.pathname);
  const wanted =
    setting === '1' || (setting !== '0' && availableParallelism() >= 2 && frames >= MIN_THREAD_SECONDS * sampleRate);
  return bundled && wanted ? new ThreadLoudnessProbe(entry, sampleRate) : inlineLoudnessProbe(sampleRate);
}

// Loaded as the meter's worker thread: serve the meter.
if (!isMainThread && parentPort) {
  const data = workerData as { role?: unknown; sampleRate?: unknown } | null;
  if (data?.role === ROLE && typeof data.sampleRate === 'number') serveMeter(parentPort, data.sampleRate);
}
