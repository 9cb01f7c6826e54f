/**
 * The contract between the live engine and a node folder's `live.ts`. A builder only sees these
 * types and the helpers on `LiveBuildContext`, so node folders never import the engine's code
 * (only its types), and the engine never switches on node type (`src/nodes/liveRegistry.ts`).
 */
import type { ResolvedParams } from '../graph/catalog';
import type { ClipAudio, KernelContext, NodeDefinition, PitchMeters } from './types';

/** The node's input ports as the engine built them. */
export interface LivePorts {
  /** The summed, latency-aligned signal of each input port (stereo GainNodes). */
  readonly inputs: readonly AudioNode[];
  /** Whether each port has at least one wire. */
  readonly connected: readonly boolean[];
}

/** Per-type options of a hosted kernel. */
export interface HostKernelOptions {
  /**
   * Numeric params the kernel applies at once but that should glide: on a change the host moves
   * them linearly to the new value over the ramp, calling `setParams` every few samples.
   */
  steppedParams?: readonly string[];
}

/** When and how fast a param change happens. */
export interface ParamTiming {
  /** Context time the change starts, s. */
  at: number;
  /** Length of the linear ramp, s (0 = at once). */
  rampSeconds: number;
}

/**
 * An AudioParam moved only by linear ramps that start from wherever the param is: a new target
 * in the middle of a ramp continues from the ramp's current value, so dragging a knob never jumps.
 */
export interface SmoothParam {
  /** The value the param will settle on. */
  readonly target: number;
  /** The param's value at context time `t` (at or after the latest change) per the ramps scheduled. */
  valueAt(t: number): number;
  /** Ramps linearly to `value` over `timing.rampSeconds`, from its value at `timing.at`. */
  rampTo(value: number, timing: ParamTiming): void;
  /** Jumps to `value` at context time `at` (for a change that is inaudible at that moment). */
  setAt(value: number, at: number): void;
}

/** Meter readings of a node, updated a few tens of times a second. */
export interface LiveMeters {
  /** Largest gain reduction over the last meter interval, dB ≥ 0. */
  gainReductionDb: number;
  /** Largest |sample| of the main input over the last meter interval, dBFS (−Infinity: silence). */
  inputPeakDb: number;
  /** A pitch corrector's latest analysis (autotune); absent for other nodes. */
  pitch?: PitchMeters;
}

/** A node's kernel running in the kernel-host AudioWorklet. */
export interface HostedKernel {
  readonly node: AudioWorkletNode;
  /**
   * Sends the full resolved params; the kernel's `setParams` runs before its next block, with
   * the `steppedParams` gliding over `rampSeconds`.
   */
  setParams(params: ResolvedParams, rampSeconds: number): void;
  setInputsConnected(connected: readonly boolean[]): void;
  /** Latest meter readings (zeros until the first report). */
  meters(): LiveMeters;
  /** Gate for source kernels: the kernel restarts from `reset()` at `when` and runs until `stop`. */
  start(when: number): void;
  stop(when: number): void;
  dispose(): void;
}

/** What a builder may use. Every node it creates belongs to `context`. */
export interface LiveBuildContext {
  readonly context: BaseAudioContext;
  /** Hz. */
  readonly sampleRate: number;
  /** A GainNode fixed to two channels ('explicit', 'speakers'), so mono is copied to both. */
  stereoGain(gain?: number): GainNode;
  /** A ramped view of `param`, starting at `initial` (set at once). */
  smooth(param: AudioParam, initial: number): SmoothParam;
  /**
   * The offline kernel of `definition`, hosted in an AudioWorkletNode: `ports.inputs[p]` is
   * connected to its input p. A kernel without inputs is a source: silent until `start`.
   */
  hostKernel(definition: NodeDefinition, params: ResolvedParams, ports: LivePorts, options?: HostKernelOptions): HostedKernel;
  /** The context a kernel gets (rate, and the `file:` clips bound to the engine at that rate). */
  readonly kernelContext: KernelContext;
  /** A clip as a stereo AudioBuffer of this context; made once per clip object, then shared. */
  audioBuffer(clip: ClipAudio): AudioBuffer;
  /** Length of structural crossfades, s (a clip swap, a restart). */
  readonly fadeSeconds: number;
}

/** The Web Audio sub-graph of one node instance. */
export interface LiveProcessor {
  /** The processed output (stereo). */
  readonly output: AudioNode;
  /** Params changed: `next` is the full resolved set, `changed` the keys that differ. */
  setParams(next: ResolvedParams, changed: readonly string[], timing: ParamTiming): void;
  /** Sources: start playing at context time `when`, at transport position `positionFrames`. */
  start?(when: number, positionFrames: number): void;
  /** Sources: stop at context time `when`. */
  stop?(when: number): void;
  setInputsConnected?(connected: readonly boolean[]): void;
  meters?(): LiveMeters;
  /** Disconnects and stops everything the builder made. */
  dispose(): void;
}

/** One node type's live builder, listed in `src/nodes/liveRegistry.ts`. */
export interface LiveNodeBuilder {
  /** The node type (the definition's `type`). */
  readonly type: string;
  /** Builds the sub-graph, reading each input port from `ports.inputs`. */
  build(ctx: LiveBuildContext, params: ResolvedParams, ports: LivePorts): LiveProcessor;
}
