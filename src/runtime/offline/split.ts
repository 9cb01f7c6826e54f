/**
 * One render on two threads (issue 9, item 2). The plan is cut by `partitionPlan` into a worker
 * part W, closed upwards, and the main part; the worker runs W block by block — the same block
 * sizes in the same order as a one-thread render — and copies the outputs that main-part nodes
 * read (the crossings) into a bounded ring in shared memory; the main thread copies them into
 * its own engine's blocks and runs the rest. Both engines build the same kernels from the same
 * plan and agree on plugin delay compensation (the worker reports its nodes' arrivals; the main
 * thread answers with the master latency, which fixes the block sizes), so the samples are the
 * ones the one-thread render makes, bit for bit.
 *
 * Synchronisation is by `Atomics` on a small control array: the worker blocks with
 * `Atomics.wait` only when all slots are full, the main thread waits with `Atomics.waitAsync` (its
 * event loop keeps serving Ctrl-C and the worker's messages) only when the next slot is not filled
 * yet. A slot holds many blocks (32768 frames, ≈ 0.7 s at 48 kHz), so on a busy machine the
 * threads wake each other seldom (see renderMeterThread's batches for why that matters).
 *
 * This file holds no thread API: the caller launches the worker (`SplitLauncher`; the CLI's is
 * `src/cli/commands/renderSplitThread.ts`), which only has to call {@link runWorkerPart}.
 */
import type { Graph, GraphIssue } from '../../graph/types';
import type { ClipAudio, StereoBlock } from '../../nodes/types';
import { compile } from './compile';
import { createKernels, EngineError, missingClips, OfflineEngine, PartNonFiniteError } from './engine';
import type { Plan } from './plan';
import { partitionPlan, type Crossing, type Partition } from './partition';

/** Frames per ring slot: whole blocks of up to 16384 frames fit, several per slot. */
export const SLOT_FRAMES = 32768;
/** Slots in the ring: how far (≈ 5 s at 48 kHz) the worker may run ahead before it waits. */
export const SLOTS = 8;

// Control array cells.
/** Slots the worker has filled (a count, never wrapped). */
const PRODUCED = 0;
/** Slots the main thread has emptied. */
const CONSUMED = 1;
/** Written by the main thread: WAITING, then STARTED or STOPPED. */
const STATE = 2;
/** The master latency, written by the main thread before STARTED. */
const MASTER_LATENCY = 3;
const CONTROL_CELLS = 4;
const WAITING = 0;
const STARTED = 1;
const STOPPED = 2;

/** What the main thread hands the worker (structured-cloneable; the buffers are shared). */
export interface WorkerPartSetup {
  /** The flat graph (`plan.graph`); the worker compiles it to the same plan. */
  graph: Graph;
  /** Plan node ids in order, to check the worker's plan is the same. */
  nodeIds: string[];
  worker: boolean[];
  crossings: Crossing[];
  sampleRate: number;
  blockSize: number;
  /** Frames the render delivers (latency not included). */
  totalFrames: number;
  /**
   * The `file:` clips W nodes play, copied once into shared memory; a streamed input arrives as
   * its file name alone (`ClipAudio.file`, no samples), and the launcher's thread must open it
   * before {@link runWorkerPart} (src/cli/streamedInput.ts).
   */
  clips: Record<string, ClipAudio>;
  control: SharedArrayBuffer;
  ring: SharedArrayBuffer;
}

/** What the worker posts: its arrivals once its kernels are built, or why it failed. */
export type FromWorkerPart =
  | { kind: 'ready'; arrivals: [number, number][] }
  | { kind: 'failed'; message: string; issues?: GraphIssue[] };

/** What a launcher tells the main thread about its worker. */
export interface SplitEvents {
  message(message: FromWorkerPart): void;
  /** The thread died or could not start (not called after `stop`). */
  failure(reason: string): void;
}

/** Starts the worker part on another thread; the render's caller provides it (opt-in). */
export interface SplitLauncher {
  /**
   * Work only the main thread does besides its nodes — the WAV writer, the meter when it runs
   * there — in `partition.ts`'s unit (ms of one core per second of audio).
   */
  mainExtraCost: number;
  /** Runs {@link runWorkerPart}(setup, post) on another thread. */
  launch(setup: WorkerPartSetup, events: SplitEvents): { stop(): void };
}

/**
 * Frames of the next block: while the master's latency is skipped, blocks end exactly where the
 * skip ends, then full blocks up to the end. One rule for both threads and the one-thread render.
 */
export function nextBlockFrames(toSkip: number, done: number, totalFrames: number, blockSize: number): number {
  return toSkip > 0 ? Math.min(blockSize, toSkip) : Math.min(blockSize, totalFrames - done);
}

const slotFloats = (crossings: number) => 2 * crossings * SLOT_FRAMES;

/**
 * The worker thread's whole job: build W's kernels, report their arrivals, wait for the master
 * latency, then render W into the ring until the end or until the main thread stops it. Errors
 * (a kernel throwing, a missing clip) are posted, never thrown.
 */
export function runWorkerPart(setup: WorkerPartSetup, post: (message: FromWorkerPart) => void): void {
  const control = new Int32Array(setup.control);
  try {
    const compiled = compile(setup.graph);
    if (!compiled.ok) throw new EngineError(compiled.errors);
    const plan = compiled.plan;
    if (plan.nodes.length !== setup.nodeIds.length || plan.nodes.some((n, i) => n.id !== setup.nodeIds[i])) {
      throw new Error('split render: the worker thread compiled a different plan');
    }
    const engine = new OfflineEngine(plan, {
      sampleRate: setup.sampleRate,
      maxBlockSize: setup.blockSize,
      clips: setup.clips,
      part: { runs: setup.worker },
    });
    const crossingNodes = [...new Set(setup.crossings.map((c) => c.node))];
    post({ kind: 'ready', arrivals: crossingNodes.map((i) => [i, engine.arrivalOf(i)]) });

    while (Atomics.load(control, STATE) === WAITING) Atomics.wait(control, STATE, WAITING, 1000);
    if (Atomics.load(control, STATE) !== STARTED) return;
    const sources = setup.crossings.map((c) => engine.outputsOf(c.node)[c.port]);
    const ring = new Float32Array(setup.ring);
    const perSlot = slotFloats(sources.length);
    let toSkip = Atomics.load(control, MASTER_LATENCY);
    let done = 0;
    let filled = 0; // slots published
    let at = 0; // frames written into the slot being filled
    while (done < setup.totalFrames) {
      const frames = nextBlockFrames(toSkip, done, setup.totalFrames, setup.blockSize);
      engine.process(frames);
      if (at + frames > SLOT_FRAMES) {
        filled = publish(control, filled);
        at = 0;
      }
      if (at === 0 && !waitForFreeSlot(control, filled)) return;
      const base = (filled % SLOTS) * perSlot + at;
      for (let c = 0; c < sources.length; c++) {
        copyInto(sources[c].left, ring, base + 2 * c * SLOT_FRAMES, frames);
        copyInto(sources[c].right, ring, base + (2 * c + 1) * SLOT_FRAMES, frames);
      }
      at += frames;
      if (toSkip > 0) toSkip -= frames;
      else done += frames;
    }
    if (at > 0) publish(control, filled);
  } catch (error) {
    post({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
      issues: error instanceof EngineError ? error.issues : undefined,
    });
  }
}

/** Hands a filled slot to the main thread. @returns the new count of published slots. */
function publish(control: Int32Array, filled: number): number {
  Atomics.store(control, PRODUCED, filled + 1);
  Atomics.notify(control, PRODUCED);
  return filled + 1;
}

/** Blocks until slot number `filled` is free (the main thread has emptied it); false if stopped. */
function waitForFreeSlot(control: Int32Array, filled: number): boolean {
  for (;;) {
    if (Atomics.load(control, STATE) === STOPPED) return false;
    const consumed = Atomics.load(control, CONSUMED);
    if (filled - consumed < SLOTS) return true;
    Atomics.wait(control, CONSUMED, consumed, 1000);
  }
}

/**
 * to[at …] = from[0 … frames − 1]. A whole block (the usual case) is one memcpy with no view to
 * make (`set` runs ≈ 4× the element loop); the short blocks of the latency skip take the loop.
 */
function copyInto(from: Float32Array, to: Float32Array, at: number, frames: number): void {
  if (frames === from.length) to.set(from, at);
  else for (let i = 0; i < frames; i++) to[at + i] = from[i];
}

/**
 * Views of the ring, one per offset a block is read from, made once: reading a block is then one
 * memcpy and no allocation. Offsets repeat (slot starts plus whole blocks), so the cache stays
 * small (slots × blocks per slot × channels).
 */
class RingViews {
  private readonly views = new Map<number, Float32Array>();

  constructor(
    private readonly ring: Float32Array,
    private readonly frames: number,
  ) {}

  /** ring[at … at + frames − 1], for the block size given at construction. */
  at(offset: number): Float32Array {
    let view = this.views.get(offset);
    if (!view) {
      view = this.ring.subarray(offset, offset + this.frames);
      this.views.set(offset, view);
    }
    return view;
  }
}

/** to[0 … frames − 1] = ring[at …]: whole blocks through a cached view, short ones by a loop. */
function copyOut(from: Float32Array, views: RingViews, at: number, to: Float32Array, frames: number): void {
  if (frames === to.length) to.set(views.at(at));
  else for (let i = 0; i < frames; i++) to[i] = from[at + i];
}

type WaitAsync = (array: Int32Array, index: number, value: number, timeout: number) => { async: boolean; value: unknown };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** The main thread's side of a split render: its engine, fed from the ring. */
export class SplitMainPart {
  /** Samples the master lags the sources; fixes the block sizes of both threads. */
  readonly masterLatency: number;
  private readonly targets: StereoBlock[];
  private readonly ring: Float32Array;
  private readonly ringViews: RingViews;
  private readonly perSlot: number;
  /** Slots taken so far; the one being read is number `slot − 1` (ring index `(slot − 1) % SLOTS`). */
  private slot = 0;
  /** Frames read from the current slot: "full" at first, so the first `fill` takes slot 0. */
  private at = SLOT_FRAMES;
  private stopped = false;

  private constructor(
    readonly engine: OfflineEngine,
    readonly partition: Partition,
    private readonly control: Int32Array,
    ring: SharedArrayBuffer,
    private readonly thread: { stop(): void },
    private readonly failure: () => Error | null,
  ) {
    this.masterLatency = engine.masterLatency;
    this.targets = partition.crossings.map((c) => engine.outputsOf(c.node)[c.port]);
    this.ring = new Float32Array(ring);
    this.ringViews = new RingViews(this.ring, engine.maxBlockSize);
    this.perSlot = slotFloats(this.targets.length);
    Atomics.store(control, MASTER_LATENCY, engine.masterLatency);
    Atomics.store(control, STATE, STARTED);
    Atomics.notify(control, STATE);
  }

  /**
   * Partitions `plan`, launches the worker part and builds the main part once the worker reports
   * its arrivals. @returns null when no split is worth a thread (the caller renders on one).
   */
  static async open(
    plan: Plan,
    settings: { sampleRate: number; blockSize: number; totalFrames: number; clips: Readonly<Record<string, ClipAudio>> },
    launcher: SplitLauncher,
    signal?: AbortSignal,
  ): Promise<SplitMainPart | null> {
    const { clips } = settings;
    const clipNames = (i: number) => plan.nodes[i].definition.clipsUsed?.(plan.nodes[i].params) ?? [];
    // A stream cannot cross threads; one that names its file can (the worker opens its own).
    const streamed = (name: string) =>
      Object.prototype.hasOwnProperty.call(clips, name) && clips[name].stream !== undefined && clips[name].file === undefined;
    const partition = partitionPlan(plan, settings.sampleRate, (i) => !clipNames(i).some(streamed), launcher.mainExtraCost);
    if (!partition) return null;
    // The one-thread render names every missing clip before building anything: so does this.
    const ctx = {
      sampleRate: settings.sampleRate,
      maxBlockSize: settings.blockSize,
      getClip: (name: string) => (Object.prototype.hasOwnProperty.call(clips, name) ? clips[name] : undefined),
    };
    const missing = missingClips(plan, ctx);
    if (missing.length > 0) throw new EngineError(missing);

    const workerClips: Record<string, ClipAudio> = {};
    plan.nodes.forEach((_, i) => {
      if (!partition.worker[i]) return;
      for (const name of clipNames(i)) if (!(name in workerClips)) workerClips[name] = workerClip(clips[name]);
    });
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_CELLS));
    const ring = new SharedArrayBuffer(4 * SLOTS * slotFloats(partition.crossings.length));
    let failure: Error | null = null;
    let onReady: ((arrivals: [number, number][]) => void) | null = null;
    let onFailure: ((error: Error) => void) | null = null;
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      Atomics.notify(control, PRODUCED); // wakes a main thread waiting for a slot
      onFailure?.(error);
    };
    const thread = launcher.launch(
      {
        graph: plan.graph,
        nodeIds: plan.nodes.map((n) => n.id),
        worker: partition.worker,
        crossings: partition.crossings,
        sampleRate: settings.sampleRate,
        blockSize: settings.blockSize,
        totalFrames: settings.totalFrames,
        clips: workerClips,
        control: control.buffer as SharedArrayBuffer,
        ring,
      },
      {
        message: (m) => {
          if (m.kind === 'ready') onReady?.(m.arrivals);
          else fail(m.issues ? new EngineError(m.issues) : new Error(m.message));
        },
        failure: (reason) => fail(new Error(`the render's worker thread failed: ${reason}`)),
      },
    );
    const stopThread = () => {
      Atomics.store(control, STATE, STOPPED);
      Atomics.notify(control, STATE);
      Atomics.notify(control, CONSUMED);
      thread.stop();
    };
    let onAbort: (() => void) | null = null;
    try {
      // The main part's kernels are made while the worker thread starts and makes its own.
      const mainRuns = partition.worker.map((w) => !w);
      const engineOptions = { sampleRate: settings.sampleRate, maxBlockSize: settings.blockSize, clips };
      const kernels = createKernels(plan, { ...engineOptions, part: { runs: mainRuns } });
      const arrivals = await new Promise<[number, number][]>((resolve, reject) => {
        if (failure) reject(failure);
        onReady = resolve;
        onFailure = reject;
        onAbort = () => reject(new Error('aborted'));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (signal?.aborted) throw new Error('aborted');
      const engine = new OfflineEngine(plan, { ...engineOptions, kernels, part: { runs: mainRuns, arrivals: new Map(arrivals) } });
      return new SplitMainPart(engine, partition, control, ring, { stop: stopThread }, () => failure);
    } catch (error) {
      stopThread();
      throw error;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Fills the crossing blocks for the next block of `frames` from the ring: at once when the
   * worker is ahead, else after waiting for it (rejects if it failed).
   */
  fill(frames: number): void | Promise<void> {
    if (this.at + frames > SLOT_FRAMES) {
      if (this.slot > 0) {
        // The slot read so far is free for the worker again.
        Atomics.store(this.control, CONSUMED, this.slot);
        Atomics.notify(this.control, CONSUMED);
      }
      this.slot++;
      this.at = 0;
      if (Atomics.load(this.control, PRODUCED) < this.slot) return this.waitForSlot(frames);
    }
    this.copy(frames);
  }

  /** Ends the worker (done, failed or cancelled); safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.thread.stop();
  }

  private async waitForSlot(frames: number): Promise<void> {
    for (;;) {
      // Slots filled before the worker failed or ended are still good: read those first.
      const produced = Atomics.load(this.control, PRODUCED);
      if (produced >= this.slot) break;
      const failure = this.failure();
      if (failure) throw failure;
      const waited = waitAsync(this.control, PRODUCED, produced, 250);
      if (waited.async) await waited.value;
    }
    this.copy(frames);
  }

  private copy(frames: number): void {
    const base = ((this.slot - 1) % SLOTS) * this.perSlot + this.at;
    const { ring, ringViews, targets } = this;
    for (let c = 0; c < targets.length; c++) {
      copyOut(ring, ringViews, base + 2 * c * SLOT_FRAMES, targets[c].left, frames);
      copyOut(ring, ringViews, base + (2 * c + 1) * SLOT_FRAMES, targets[c].right, frames);
    }
    this.at += frames;
  }
}

/**
 * A clip's samples in shared memory, so a worker thread reads them without a copy of its own:
 * the clip itself when it is there already (see {@link shareClips}), else a copy.
 */
export function sharedCopy(clip: ClipAudio): ClipAudio {
  if (clip.stream) return clip;
  const share = (samples: Float32Array) => {
    if (samples.buffer instanceof SharedArrayBuffer) return samples;
    const copy = new Float32Array(new SharedArrayBuffer(samples.byteLength));
    copy.set(samples);
    return copy;
  };
  const left = share(clip.left);
  return { left, right: clip.right === clip.left ? left : share(clip.right), ...(clip.finite ? { finite: true } : {}) };
}

/**
 * A clip as the worker thread receives it: a streamed clip's file alone (the worker's launcher
 * opens a stream of its own, `WorkerPartSetup.clips`), any other in shared memory.
 */
function workerClip(clip: ClipAudio): ClipAudio {
  if (clip.stream && clip.file !== undefined) return { left: new Float32Array(0), right: new Float32Array(0), file: clip.file };
  return sharedCopy(clip);
}

/**
 * The clips moved into shared memory once, for a caller that will split its renders: the worker
 * then reads the very arrays the main thread holds, and a two-pass render does not copy twice.
 * The caller drops the originals, so the memory is not doubled.
 */
export function shareClips(clips: Readonly<Record<string, ClipAudio>>): Record<string, ClipAudio> {
  return Object.fromEntries(Object.entries(clips).map(([name, clip]) => [name, sharedCopy(clip)]));
}

/**
 * The master went non-finite in a split render. The node to blame is the first, in processing
 * order, whose output is non-finite in that block — possibly in the worker part, which has moved
 * on. The engine is deterministic, so the whole plan is rendered again on this thread up to that
 * block, and its error (the one-thread render's, word for word) is thrown.
 */
export function diagnoseNonFinite(
  plan: Plan,
  settings: { sampleRate: number; blockSize: number; totalFrames: number; clips: Readonly<Record<string, ClipAudio>> },
  failure: PartNonFiniteError,
): never {
  const engine = new OfflineEngine(plan, { sampleRate: settings.sampleRate, maxBlockSize: settings.blockSize, clips: settings.clips });
  let toSkip = engine.masterLatency;
  let done = 0;
  let processed = 0;
  while (processed <= failure.framesDone && done < settings.totalFrames) {
    const frames = nextBlockFrames(toSkip, done, settings.totalFrames, settings.blockSize);
    engine.process(frames); // throws the EngineError naming the node
    processed += frames;
    if (toSkip > 0) toSkip -= frames;
    else done += frames;
  }
  throw new EngineError([
    { path: 'render', message: 'the output is not a finite number (NaN or infinity); nothing was written' },
  ]);
}
