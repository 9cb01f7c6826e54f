/**
 * The offline engine: one kernel per plan node, preallocated block buffers, plugin delay
 * compensation, bypass. `process(frames)` runs one block through the whole plan without
 * allocating and returns the master block.
 */
import type { ClipAudio, Kernel, KernelContext, KernelIO, StereoBlock } from '../../nodes/types';
import type { GraphIssue } from '../../graph/types';
import type { Plan } from './plan';
import { FixedStereoDelay } from './fixedDelay';

export interface EngineOptions {
  /** Render rate, Hz. */
  sampleRate: number;
  /** Largest block `process` will be asked for. */
  maxBlockSize: number;
  /** Audio for `file:<name>` clips, already at `sampleRate`. */
  clips?: Readonly<Record<string, ClipAudio>>;
  /** Run only part of the plan (a split render, `split.ts`); default: the whole plan. */
  part?: EnginePart;
  /**
   * Kernels made beforehand by {@link createKernels} with the same options (a split render makes
   * its main part's while the worker thread starts); default: made here.
   */
  kernels?: readonly (Kernel | undefined)[];
}

/**
 * The part of a plan one engine runs in a split render. Every node feeding a node run here must
 * be run here too or be listed in `arrivals` (its output blocks are then filled from outside
 * before each `process`, see {@link OfflineEngine.outputsOf}).
 */
export interface EnginePart {
  /** `runs[i]`: plan node i is processed by this engine. */
  runs: readonly boolean[];
  /**
   * Samples from the sources to the output of each plan node run elsewhere that feeds a node run
   * here, as the engine running it computed (its `arrivalOf`): plugin delay compensation spans
   * the whole plan, so both parts must agree on it.
   */
  arrivals?: ReadonlyMap<number, number>;
}

/**
 * Thrown by an engine that runs part of a plan when its master block is not finite: the node to
 * blame may be in the other part, so the caller finds it by running the whole plan again
 * (`split.ts`, `diagnoseNonFinite`).
 */
export class PartNonFiniteError extends Error {
  constructor(readonly framesDone: number) {
    super('the master output is not a finite number');
    this.name = 'PartNonFiniteError';
  }
}

/** A wire feeding an input port: the source's output block, delayed when compensation needs it. */
interface WireFeed {
  source: StereoBlock;
  delay: FixedStereoDelay | null;
}

interface NodeRuntime {
  id: string;
  kernel: Kernel;
  bypass: boolean;
  /** Latency of this node's kernel, samples. */
  latency: number;
  feeds: WireFeed[][];
  /** Sum buffer per input port, or null when the port reads a source block directly. */
  sums: (StereoBlock | null)[];
  io: KernelIO & { inputs: StereoBlock[]; frames: number };
  mainInput: number;
  bypassDelay: FixedStereoDelay | null;
}

export class EngineError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'EngineError';
  }
}

function stereoBlock(frames: number): StereoBlock {
  return { left: new Float32Array(frames), right: new Float32Array(frames) };
}

export class OfflineEngine {
  readonly sampleRate: number;
  readonly maxBlockSize: number;
  /**
   * Samples by which the master lags the sources: the largest latency sum along any path. The
   * render drops this many leading frames so a bounce lines up with its sources.
   */
  readonly masterLatency: number;
  private readonly nodes: NodeRuntime[];
  private readonly master: StereoBlock;
  /** Output blocks per plan node (empty for nodes run elsewhere and not read here). */
  private readonly blocks: StereoBlock[][];
  /** Samples from the sources to each plan node's output (NaN where unknown to this part). */
  private readonly arrival: number[];
  private readonly partial: boolean;
  private readonly runsMaster: boolean;
  /** Frames processed so far (latency included), to say when a signal went non-finite. */
  private framesDone = 0;

  constructor(readonly plan: Plan, options: EngineOptions) {
    this.sampleRate = options.sampleRate;
    this.maxBlockSize = options.maxBlockSize;
    const part = options.part;
    const runs = (i: number) => part === undefined || part.runs[i] === true;
    const kernels = options.kernels ?? createKernels(plan, options);

    const silence = stereoBlock(options.maxBlockSize);
    this.master = stereoBlock(options.maxBlockSize);
    const outputs: StereoBlock[][] = [];
    const arrival: number[] = []; // samples from the sources to each node's output
    const runtimes: NodeRuntime[] = [];
    plan.nodes.forEach((n, index) => {
      if (!runs(index)) {
        // Run elsewhere: its blocks exist here only when a node run here reads them.
        const given = part?.arrivals?.get(index);
        outputs.push(given === undefined ? [] : n.definition.outputs.map(() => stereoBlock(options.maxBlockSize)));
        arrival.push(given ?? NaN);
        return;
      }
      const kernel = kernels[index];
      if (!kernel) throw new Error(`engine: no kernel was made for node "${n.id}"`);
      const latency = Math.max(0, Math.round(kernel.latencySamples));
      const isMaster = index === plan.master;
      const outs = isMaster ? [this.master] : n.definition.outputs.map(() => stereoBlock(options.maxBlockSize));
      outputs.push(outs);

      // Plugin delay compensation: every wire into this node is delayed so all arrive together.
      let inputArrival = 0;
      for (const wires of n.inputs) for (const w of wires) inputArrival = Math.max(inputArrival, arrival[w.fromNode]);
      arrival.push(inputArrival + latency);

      if (Number.isNaN(inputArrival)) throw new Error(`split render: node "${n.id}" reads a node that neither part runs`);
      const feeds = n.inputs.map((wires) =>
        wires.map((w) => {
          const lag = inputArrival - arrival[w.fromNode];
          return { source: outputs[w.fromNode][w.fromPort], delay: lag > 0 ? new FixedStereoDelay(lag) : null };
        }),
      );
      // A port fed by one undelayed wire reads the source block itself: no copy.
      const sums = feeds.map((f) => (f.length === 1 && f[0].delay === null ? null : stereoBlock(options.maxBlockSize)));
      const inputs = feeds.map((f, port) => (f.length === 0 ? silence : (sums[port] ?? f[0].source)));
      const mainInput = n.definition.mainInput ?? 0;
      runtimes.push({
        id: n.id,
        kernel,
        bypass: n.bypass,
        latency,
        feeds,
        sums,
        io: { inputs, inputConnected: feeds.map((f) => f.length > 0), outputs: outs, frames: 0 },
        mainInput,
        bypassDelay: n.bypass && latency > 0 ? new FixedStereoDelay(latency) : null,
      });
    });
    this.nodes = runtimes;
    this.blocks = outputs;
    this.arrival = arrival;
    this.partial = part !== undefined;
    this.runsMaster = runs(plan.master);
    this.masterLatency = this.runsMaster ? (arrival[plan.master] ?? 0) : 0;
  }

  /**
   * Output blocks of plan node `index`: of a node run here, to read after `process`; of a node
   * run elsewhere and read here (listed in `part.arrivals`), to fill before `process`.
   */
  outputsOf(index: number): readonly StereoBlock[] {
    return this.blocks[index];
  }

  /** Samples from the sources to the output of plan node `index` (NaN if this part cannot know). */
  arrivalOf(index: number): number {
    return this.arrival[index];
  }

  /** Latency each node's kernel reported, by node id (samples). */
  latencies(): Record<string, number> {
    return Object.fromEntries(this.nodes.map((n) => [n.id, n.latency]));
  }

  /** The kernel of a node, to read its meters. */
  kernelOf(id: string): Kernel | undefined {
    return this.nodes.find((n) => n.id === id)?.kernel;
  }

  /**
   * Runs one block of `frames` (≤ maxBlockSize) through every node in order.
   * @returns the master block; valid until the next call.
   */
  process(frames: number): StereoBlock {
    for (const node of this.nodes) {
      const { io, feeds, sums } = node;
      for (let port = 0; port < feeds.length; port++) {
        const sum = sums[port];
        if (sum === null) continue;
        const portFeeds = feeds[port];
        // The first undelayed feed is written as 0 + x (one pass instead of a fill and an add;
        // the same values, −0 included: 0 + −0 is +0 either way).
        const first = portFeeds.length > 0 && portFeeds[0].delay === null ? 1 : 0;
        if (first === 1) startSum(portFeeds[0].source, sum, frames);
        else {
          sum.left.fill(0, 0, frames);
          sum.right.fill(0, 0, frames);
        }
        for (let f = first; f < portFeeds.length; f++) {
          const feed = portFeeds[f];
          if (feed.delay) feed.delay.process(feed.source, sum, frames, true);
          else addInto(feed.source, sum, frames);
        }
      }
      io.frames = frames;
      if (node.bypass) this.passThrough(node, frames);
      else node.kernel.process(io);
    }
    if (this.runsMaster && !allFinite(this.master, frames)) {
      if (this.partial) throw new PartNonFiniteError(this.framesDone);
      this.reportNonFinite(frames);
    }
    this.framesDone += frames;
    return this.master;
  }

  /**
   * A NaN or infinity reached the master: a kernel bug, or a signal grown past the float range
   * (40 gains at +24 dB is 960 dB). Writing zeros in its place would hide it and give nonsense
   * loudness; the render stops with an error naming the first node, in processing order, whose
   * output this block is non-finite (issue 10, item 7).
   */
  private reportNonFinite(frames: number): never {
    let culprit = this.nodes[this.nodes.length - 1];
    let at = 0;
    search: for (const node of this.nodes) {
      for (const out of node.io.outputs) {
        const i = firstNonFinite(out, frames);
        if (i >= 0) {
          culprit = node;
          at = i;
          break search;
        }
      }
    }
    const seconds = (this.framesDone + at) / this.sampleRate;
    throw new EngineError([
      {
        path: `nodes "${culprit.id}"`,
        nodeId: culprit.id,
        message:
          `node "${culprit.id}": its output is not a finite number (NaN or infinity) ${seconds.toFixed(3)} s into the render ` +
          '(before latency compensation); the signal grew past the float range or the node failed. ' +
          'Lower the gains up to this node; nothing was written',
      },
    ]);
  }

  /** Bypass: the main input, delayed by the node's own latency so timing never shifts. */
  private passThrough(node: NodeRuntime, frames: number): void {
    const { io } = node;
    const input = io.inputs[node.mainInput] ?? io.inputs[0];
    io.outputs.forEach((out, i) => {
      if (i > 0 || !input) {
        out.left.fill(0, 0, frames);
        out.right.fill(0, 0, frames);
      } else if (node.bypassDelay) {
        node.bypassDelay.process(input, out, frames, false);
      } else {
        out.left.set(input.left.subarray(0, frames));
        out.right.set(input.right.subarray(0, frames));
      }
    });
  }

  reset(): void {
    this.framesDone = 0;
    for (const n of this.nodes) {
      n.kernel.reset();
      n.bypassDelay?.reset();
      for (const port of n.feeds) for (const f of port) f.delay?.reset();
    }
  }
}

/**
 * Makes and sets up the kernel of every plan node `options.part` runs (all without a part),
 * after checking that every clip they play is bound; the others are left undefined.
 * @throws EngineError naming every node whose clip has no audio.
 */
export function createKernels(plan: Plan, options: EngineOptions): (Kernel | undefined)[] {
  const clips = options.clips ?? {};
  const ctx: KernelContext = {
    sampleRate: options.sampleRate,
    maxBlockSize: options.maxBlockSize,
    getClip: (name) => (Object.prototype.hasOwnProperty.call(clips, name) ? clips[name] : undefined),
  };
  const part = options.part;
  const runs = (i: number) => part === undefined || part.runs[i] === true;
  const missing = missingClips(plan, ctx, runs);
  if (missing.length > 0) throw new EngineError(missing);
  return plan.nodes.map((n, i) => {
    if (!runs(i)) return undefined;
    const kernel = n.definition.createKernel(ctx, n.params);
    kernel.setParams(n.params);
    return kernel;
  });
}

/**
 * Every `file:` clip a node run here plays that has no audio bound, as issues naming the nodes.
 * @param runs which plan nodes to check (all by default).
 */
export function missingClips(plan: Plan, ctx: KernelContext, runs: (index: number) => boolean = () => true): GraphIssue[] {
  const missing: GraphIssue[] = [];
  plan.nodes.forEach((n, index) => {
    if (!runs(index)) return;
    for (const name of n.definition.clipsUsed?.(n.params) ?? []) {
      if (!ctx.getClip(name)) {
        missing.push({
          path: `nodes "${n.id}".params`,
          nodeId: n.id,
          message: `node "${n.id}": no audio is bound to clip "file:${name}"`,
        });
      }
    }
  });
  return missing;
}

/** True when every sample in `[0, frames)` of both channels is finite. */
function allFinite(block: StereoBlock, frames: number): boolean {
  const { left, right } = block;
  // x − x is 0 for finite x and NaN for NaN or ±Infinity; NaN poisons the sum. Four sums, so
  // the adds do not wait on each other.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 2 <= frames; i += 2) {
    a += left[i] - left[i];
    b += right[i] - right[i];
    c += left[i + 1] - left[i + 1];
    d += right[i + 1] - right[i + 1];
  }
  if (i < frames) a += left[i] - left[i] + (right[i] - right[i]);
  return a + b + c + d === 0;
}

/** Index of the first non-finite sample in either channel, or −1. */
function firstNonFinite(block: StereoBlock, frames: number): number {
  const { left, right } = block;
  for (let i = 0; i < frames; i++) if (left[i] - left[i] !== 0 || right[i] - right[i] !== 0) return i;
  return -1;
}

/** target = 0 + source, sample by sample: what a zeroed target plus {@link addInto} gives. */
function startSum(source: StereoBlock, target: StereoBlock, frames: number): void {
  const sl = source.left;
  const sr = source.right;
  const tl = target.left;
  const tr = target.right;
  for (let i = 0; i < frames; i++) {
    tl[i] = 0 + sl[i];
    tr[i] = 0 + sr[i];
  }
}

function addInto(source: StereoBlock, target: StereoBlock, frames: number): void {
  const sl = source.left;
  const sr = source.right;
  const tl = target.left;
  const tr = target.right;
  for (let i = 0; i < frames; i++) {
    tl[i] += sl[i];
    tr[i] += sr[i];
  }
}
