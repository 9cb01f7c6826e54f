/**
 * Block-by-block rendering of a plan. The streaming form hands each finished block to a sink
 * (the WAV writer, a loudness meter), so memory stays constant however long the render is.
 */
import type { ClipAudio } from '../../nodes/types';
import type { Plan } from './plan';
import { OfflineEngine, PartNonFiniteError } from './engine';
import { diagnoseNonFinite, nextBlockFrames, SplitMainPart, type SplitLauncher } from './split';

export const DEFAULT_SAMPLE_RATE = 48000;
/**
 * Frames per block. The output does not depend on it (tested); larger blocks spread the engine's
 * per-node work and the kernels' calls into WebAssembly over more samples: 4096 rendered the
 * issue-9 chain ≈ 7 % and demo-mix ≈ 2 % faster than 1024, with the same bytes (docs/performance.md).
 */
export const DEFAULT_BLOCK_SIZE = 4096;
/** Render length when every clip loops (DESIGN.md: default 30 s). */
export const DEFAULT_LOOPING_SECONDS = 30;
export const SUPPORTED_SAMPLE_RATES: readonly number[] = [44100, 48000, 88200, 96000];

export interface RenderOptions {
  /** Hz, default 48000. */
  sampleRate?: number;
  /** Length in seconds; default: the longest non-looping clip, else 30 s. */
  seconds?: number;
  /** Frames per block (1..16384), default 1024; the output does not depend on it. */
  blockSize?: number;
  /** Audio for `file:<name>` clips, at `sampleRate`. */
  inputs?: Readonly<Record<string, ClipAudio>>;
  /** Called after each block with frames done and total frames. */
  onProgress?: (doneFrames: number, totalFrames: number) => void;
  /** Aborting makes the render reject with `RenderAbortedError`. */
  signal?: AbortSignal;
  /**
   * Runs about half of the plan on a second thread when given (`split.ts`); the samples are the
   * same. The caller decides whether a core is free and the render long enough to pay for it.
   */
  split?: SplitLauncher;
}

/** Receives each finished block; arrays are reused, so copy what you keep. */
export type BlockSink = (left: Float32Array, right: Float32Array, frames: number) => void | Promise<void>;

export interface RenderSummary {
  sampleRate: number;
  frames: number;
  seconds: number;
  /** Latency compensated at the master (leading samples dropped), samples. */
  latencySamples: number;
  /** Wall-clock time of the render, ms. */
  elapsedMs: number;
  /** Audio seconds rendered per wall-clock second. */
  realtimeFactor: number;
  /** Node ids left out because they do not reach the master. */
  unusedNodes: string[];
  /** Threads the plan ran on: 2 when split across a worker thread (`split.ts`), else 1. */
  threads: 1 | 2;
}

export class RenderAbortedError extends Error {
  constructor() {
    super('render cancelled');
    this.name = 'RenderAbortedError';
  }
}

export class RenderOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderOptionError';
  }
}

/** Default length: the longest non-looping clip among the nodes that reach the master, else 30 s. */
export function defaultRenderSeconds(plan: Plan, sampleRate: number, inputs: Readonly<Record<string, ClipAudio>> = {}): number {
  const ctx = {
    sampleRate,
    maxBlockSize: DEFAULT_BLOCK_SIZE,
    getClip: (name: string) => (Object.prototype.hasOwnProperty.call(inputs, name) ? inputs[name] : undefined),
  };
  let longest: number | undefined;
  for (const n of plan.nodes) {
    const s = n.definition.naturalLengthSeconds?.(n.params, ctx);
    if (s !== undefined && Number.isFinite(s)) longest = Math.max(longest ?? 0, s);
  }
  return longest ?? DEFAULT_LOOPING_SECONDS;
}

function checkOptions(sampleRate: number, blockSize: number, seconds: number): void {
  if (!SUPPORTED_SAMPLE_RATES.includes(sampleRate)) {
    throw new RenderOptionError(`sample rate ${sampleRate} Hz is not supported; use one of ${SUPPORTED_SAMPLE_RATES.join(', ')}`);
  }
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 16384) {
    throw new RenderOptionError(`block size ${blockSize} must be a whole number from 1 to 16384`);
  }
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 24 * 3600) {
    throw new RenderOptionError(`length ${seconds} s must be more than 0 and at most 24 hours`);
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Lets the event loop run (abort signals, worker messages) without costing much per block. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Renders `plan` block by block into `sink`. Latency at the master is trimmed from the start. */
export async function renderStream(plan: Plan, options: RenderOptions, sink: BlockSink): Promise<RenderSummary> {
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const seconds = options.seconds ?? defaultRenderSeconds(plan, sampleRate, options.inputs);
  checkOptions(sampleRate, blockSize, seconds);

  const started = now();
  const totalFrames = Math.round(seconds * sampleRate);
  const settings = { sampleRate, blockSize, totalFrames, clips: options.inputs ?? {} };
  const split = options.split ? await openSplit(plan, settings, options.split, options.signal) : null;
  const engine = split?.engine ?? new OfflineEngine(plan, { sampleRate, maxBlockSize: blockSize, clips: options.inputs });
  let toSkip = engine.masterLatency;
  let done = 0;
  let lastYield = started;
  try {
    while (done < totalFrames) {
      if (options.signal?.aborted) throw new RenderAbortedError();
      // While the latency is being skipped, blocks are sized so the skip ends on a block edge.
      const frames = nextBlockFrames(toSkip, done, totalFrames, blockSize);
      if (split) {
        const waiting = split.fill(frames);
        if (waiting) await waiting;
      }
      const out = engine.process(frames);
      if (toSkip > 0) {
        toSkip -= frames;
        continue;
      }
      const pending = sink(out.left, out.right, frames);
      if (pending) await pending;
      done += frames;
      options.onProgress?.(done, totalFrames);
      const t = now();
      if (t - lastYield > 50) {
        lastYield = t;
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    if (error instanceof PartNonFiniteError) {
      split?.stop();
      diagnoseNonFinite(plan, settings, error);
    }
    throw error;
  } finally {
    split?.stop();
  }
  const elapsedMs = now() - started;
  return {
    sampleRate,
    frames: totalFrames,
    seconds: totalFrames / sampleRate,
    latencySamples: engine.masterLatency,
    elapsedMs,
    realtimeFactor: elapsedMs > 0 ? totalFrames / sampleRate / (elapsedMs / 1000) : Infinity,
    unusedNodes: plan.unused,
    threads: split ? 2 : 1,
  };
}

/** Opens a split render, or null when the plan has no part worth a thread; abort → RenderAbortedError. */
async function openSplit(
  plan: Plan,
  settings: Parameters<typeof SplitMainPart.open>[1],
  launcher: SplitLauncher,
  signal: AbortSignal | undefined,
): Promise<SplitMainPart | null> {
  try {
    return await SplitMainPart.open(plan, settings, launcher, signal);
  } catch (error) {
    if (signal?.aborted) throw new RenderAbortedError();
    throw error;
  }
}

export interface RenderedAudio extends RenderSummary {
  left: Float32Array;
  right: Float32Array;
}

/** Renders the whole plan into memory (tests, short renders). */
export async function render(plan: Plan, options: RenderOptions = {}): Promise<RenderedAudio> {
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const seconds = options.seconds ?? defaultRenderSeconds(plan, sampleRate, options.inputs);
  const total = Math.round(seconds * sampleRate);
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  let at = 0;
  const summary = await renderStream(plan, { ...options, sampleRate, seconds }, (l, r, frames) => {
    left.set(l.subarray(0, frames), at);
    right.set(r.subarray(0, frames), at);
    at += frames;
  });
  return { ...summary, left, right };
}
