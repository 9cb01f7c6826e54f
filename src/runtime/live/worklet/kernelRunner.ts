/**
 * Runs one offline kernel on Web Audio render quanta: what the kernel-host AudioWorkletProcessor
 * does, without the worklet globals, so it is tested in Node.
 *
 * A quantum is cut into segments where something changes inside it: the gate of a source kernel
 * (it restarts from `reset()` on a rising edge, sample-accurately) and the steps of a param glide
 * (`setParams` every `STEP_FRAMES`). Kernels are block-size independent (the kernel contract), so
 * cutting a quantum into segments gives the same samples as running it whole.
 */
import type { ParamValue } from '../../../graph/types';
import type { ResolvedParams } from '../../../graph/catalog';
import type { Kernel, KernelIO, PitchMeters, StereoBlock } from '../../../nodes/types';

/** Frames between two `setParams` calls of a glide (0.33 ms at 48 kHz: steps far below audibility). */
export const STEP_FRAMES = 16;

/** How a `KernelRunner` hosts its kernel (from the node's definition and processor options). */
export interface KernelRunnerOptions {
  inputCount: number;
  mainInput: number;
  /** Source kernels follow the gate; others always run. */
  gated: boolean;
  meterIntervalFrames: number;
  steppedParams: readonly string[];
  params: ResolvedParams;
  inputConnected: readonly boolean[];
}

/** One meter interval: largest gain reduction (dB ≥ 0) and main-input peak (linear). */
export interface MeterReport {
  gainReductionDb: number;
  inputPeak: number;
  /** A pitch corrector's latest analysis at the end of the interval. */
  pitch?: PitchMeters;
}

interface Glide {
  keys: string[];
  from: number[];
  to: number[];
  total: number;
  done: number;
  /** The params once the glide ends. */
  final: ResolvedParams;
}

function block(frames: number): StereoBlock {
  return { left: new Float32Array(frames), right: new Float32Array(frames) };
}

/** Runs one kernel on render quanta: gate, glides, meters (see the file comment). */
export class KernelRunner {
  private capacity = 0;
  private silence = new Float32Array(0);
  private readonly portBlocks: StereoBlock[];
  private readonly segmentInputs: StereoBlock[];
  private segmentOutput: StereoBlock = block(0);
  private readonly directOutput: StereoBlock = { left: new Float32Array(0), right: new Float32Array(0) };
  private readonly io: KernelIO & { frames: number; inputs: StereoBlock[]; outputs: StereoBlock[]; inputConnected: boolean[] };
  /** The params last given to the kernel (mutated in place during a glide: no allocation). */
  private readonly current: Record<string, ParamValue>;
  private glide: Glide | null = null;
  private gateOpen = false;
  private meterFrames = 0;
  private largestReduction = 0;
  private largestInput = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly options: KernelRunnerOptions,
  ) {
    this.portBlocks = Array.from({ length: options.inputCount }, () => ({ left: this.silence, right: this.silence }));
    this.segmentInputs = Array.from({ length: options.inputCount }, () => block(0));
    this.io = {
      inputs: this.portBlocks,
      inputConnected: [...options.inputConnected],
      outputs: [this.directOutput],
      frames: 0,
    };
    this.current = { ...options.params };
    this.ensureCapacity(128);
  }

  setInputsConnected(connected: readonly boolean[]): void {
    for (let i = 0; i < this.io.inputConnected.length; i++) this.io.inputConnected[i] = connected[i] === true;
  }

  /** New params: stepped keys that changed glide over `rampFrames`; everything else at once. */
  setParams(params: ResolvedParams, rampFrames: number): void {
    const keys: string[] = [];
    const from: number[] = [];
    const to: number[] = [];
    if (rampFrames > 0) {
      for (const key of this.options.steppedParams) {
        const a = this.current[key];
        const b = params[key];
        if (typeof a === 'number' && typeof b === 'number' && a !== b) {
          keys.push(key);
          from.push(a);
          to.push(b);
        }
      }
    }
    for (const key of Object.keys(params)) this.current[key] = params[key];
    if (keys.length === 0) {
      this.glide = null;
      this.kernel.setParams(this.current);
      return;
    }
    // Start the glide from where the stepped params were; the others take their new values now.
    keys.forEach((key, i) => (this.current[key] = from[i]));
    this.glide = { keys, from, to, total: Math.round(rampFrames), done: 0, final: { ...params } };
    this.kernel.setParams(this.current);
  }

  /**
   * Processes one quantum.
   * @param inputs per port, its channels (2 when connected; 0 when nothing plays into it).
   * @param gate the gate param's values (length 1 = constant over the quantum, or `frames`).
   * @returns a meter report when an interval completed, else null.
   */
  process(inputs: readonly (readonly Float32Array[])[], outLeft: Float32Array, outRight: Float32Array, gate: Float32Array | null): MeterReport | null {
    const frames = outLeft.length;
    this.ensureCapacity(frames);
    this.bindInputs(inputs);
    let start = 0;
    while (start < frames) {
      let end = frames;
      let open = true;
      if (this.options.gated && gate !== null) {
        open = gateAt(gate, start);
        if (gate.length > 1) {
          for (let i = start + 1; i < frames; i++) {
            if (gateAt(gate, i) !== open) {
              end = i;
              break;
            }
          }
        }
        if (open && !this.gateOpen) this.kernel.reset();
        this.gateOpen = open;
      } else if (this.options.gated) {
        open = false;
      }
      if (open && this.glide !== null) end = Math.min(end, start + STEP_FRAMES);
      if (open) this.runSegment(start, end, frames, outLeft, outRight);
      else {
        outLeft.fill(0, start, end);
        outRight.fill(0, start, end);
      }
      start = end;
    }
    return this.meter(frames);
  }

  /** Applies the glide's value for this step, runs the kernel on [start, end), advances the glide. */
  private runSegment(start: number, end: number, frames: number, outLeft: Float32Array, outRight: Float32Array): void {
    const glide = this.glide;
    if (glide !== null) {
      const t = glide.done / glide.total;
      for (let i = 0; i < glide.keys.length; i++) this.current[glide.keys[i]] = glide.from[i] + (glide.to[i] - glide.from[i]) * t;
      this.kernel.setParams(this.current);
    }
    const io = this.io;
    const n = end - start;
    io.frames = n;
    if (start === 0 && end === frames) {
      io.inputs = this.portBlocks;
      this.directOutput.left = outLeft;
      this.directOutput.right = outRight;
      io.outputs[0] = this.directOutput;
      this.kernel.process(io);
    } else {
      for (let p = 0; p < this.portBlocks.length; p++) {
        this.segmentInputs[p].left.set(this.portBlocks[p].left.subarray(start, end));
        this.segmentInputs[p].right.set(this.portBlocks[p].right.subarray(start, end));
      }
      io.inputs = this.segmentInputs;
      io.outputs[0] = this.segmentOutput;
      this.kernel.process(io);
      outLeft.set(this.segmentOutput.left.subarray(0, n), start);
      outRight.set(this.segmentOutput.right.subarray(0, n), start);
    }
    const reduction = this.kernel.meters?.gainReductionDb ?? 0;
    if (reduction > this.largestReduction) this.largestReduction = reduction;
    if (glide !== null) {
      glide.done += n;
      if (glide.done >= glide.total) {
        for (const key of Object.keys(glide.final)) this.current[key] = glide.final[key];
        this.glide = null;
        this.kernel.setParams(this.current);
      }
    }
  }

  private bindInputs(inputs: readonly (readonly Float32Array[])[]): void {
    for (let p = 0; p < this.portBlocks.length; p++) {
      const channels = inputs[p] ?? [];
      const b = this.portBlocks[p];
      if (channels.length >= 2) {
        b.left = channels[0];
        b.right = channels[1];
      } else if (channels.length === 1) {
        b.left = channels[0];
        b.right = channels[0];
      } else {
        b.left = this.silence;
        b.right = this.silence;
      }
    }
  }

  private meter(frames: number): MeterReport | null {
    const main = this.portBlocks[this.options.mainInput];
    if (main !== undefined) {
      let peak = this.largestInput;
      for (let i = 0; i < frames; i++) {
        const l = Math.abs(main.left[i]);
        const r = Math.abs(main.right[i]);
        if (l > peak) peak = l;
        if (r > peak) peak = r;
      }
      this.largestInput = peak;
    }
    this.meterFrames += frames;
    if (this.meterFrames < this.options.meterIntervalFrames) return null;
    const pitch = this.kernel.meters?.pitch;
    const report: MeterReport = { gainReductionDb: this.largestReduction, inputPeak: this.largestInput };
    if (pitch !== undefined) report.pitch = { ...pitch };
    this.meterFrames = 0;
    this.largestReduction = 0;
    this.largestInput = 0;
    return report;
  }

  /** Grows the scratch blocks (only when a quantum is longer than any before: never in steady state). */
  private ensureCapacity(frames: number): void {
    if (frames <= this.capacity) return;
    this.capacity = frames;
    this.silence = new Float32Array(frames);
    for (let p = 0; p < this.segmentInputs.length; p++) this.segmentInputs[p] = block(frames);
    this.segmentOutput = block(frames);
  }
}

function gateAt(gate: Float32Array, i: number): boolean {
  return (gate.length === 1 ? gate[0] : gate[i]) >= 0.5;
}
