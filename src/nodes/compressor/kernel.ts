/**
 * Offline kernel of the `compressor` node: a feed-forward downward compressor.
 *
 * Per sample n (Giannoulis, Massberg & Reiss, "Digital Dynamic Range Compressor Design — A
 * Tutorial and Analysis", JAES 60(6), 2012 — the log-domain design with the smoothing after the
 * gain computer):
 *
 *   d[n]   detector input: the sidechain when that port is wired, else the main input
 *   p[n]   detector power: peak → d²; rms → moving mean of d² over 10 ms
 *          linked stereo: peak → max(dL², dR²); rms → mean of (dL² + dR²)/2
 *   c[n]   = x − y(x), x = 10·log10 p[n]     static gain reduction (soft knee), dB ≥ 0
 *            (log and exp are src/dsp/fastMath.ts: ≤ 1e-15 relative, same bits in WebAssembly)
 *   r[n]   branching one-pole on c: attack τ_A while c rises, release τ_R while it falls
 *   g[n]   = 10^((M − r[n])/20)              M = makeup
 *   out[n] = in[n] · ((1 − m) + m·g[n])       m = mix (0 = dry, exactly)
 *
 * No lookahead: latency 0. `meters.gainReductionDb` is the largest r[n] of the last block.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelContext, KernelIO, KernelMeters, StereoBlock } from '../types';
import { GainComputer } from '../../dsp/dynamics/gainComputer';
import { GainReductionSmoother } from '../../dsp/dynamics/gainSmoother';
import { MovingAverage } from '../../dsp/dynamics/movingAverage';
import { DB_TO_NEPER } from '../../dsp/dynamics/timeConstant';
import { expInRange } from '../../dsp/fastMath';
import {
  COMPRESSOR_STATE,
  createCompressorWasm,
  MODE_RMS,
  MODE_UNLINKED,
  type CompressorWasm,
} from '../../dsp/wasm/compressorWasm';
import { compressorSettings, RMS_WINDOW_SECONDS, type CompressorDetector } from './settings';

/** A non-finite sample (NaN, ±Infinity) counts as silence so it cannot poison the state. */
function finiteOrZero(x: number): number {
  return x - x === 0 ? x : 0;
}

export class CompressorKernel implements Kernel {
  readonly latencySamples = 0;
  readonly meters: KernelMeters = { gainReductionDb: 0 };

  private readonly sampleRate: number;
  private readonly computer = new GainComputer();
  private readonly smoothLeft = new GainReductionSmoother();
  private readonly smoothRight = new GainReductionSmoother();
  private readonly rmsLeft: MovingAverage;
  private readonly rmsRight: MovingAverage;
  private makeupDb = 0;
  private makeupGain = 1;
  private mix = 1;
  private detector: CompressorDetector = 'peak';
  private link = true;
  /** Per-frame scratch of the block passes (the right channel's too when unlinked). */
  private work: Float64Array;
  private workRight: Float64Array;
  /**
   * The same passes in WebAssembly (asm/compressor.ts), which then holds all the state; undefined
   * where WebAssembly is unavailable, and the TypeScript passes below run, with the same samples.
   */
  private readonly wasm: CompressorWasm | undefined;
  private readonly wasmBlock: number;

  constructor(ctx: KernelContext, params: ResolvedParams) {
    this.sampleRate = ctx.sampleRate;
    const rmsLength = Math.max(1, Math.round(RMS_WINDOW_SECONDS * ctx.sampleRate));
    this.rmsLeft = new MovingAverage(rmsLength);
    this.rmsRight = new MovingAverage(rmsLength);
    this.work = new Float64Array(ctx.maxBlockSize);
    this.workRight = new Float64Array(ctx.maxBlockSize);
    this.rmsLeft.configure(rmsLength, 0);
    this.rmsRight.configure(rmsLength, 0);
    this.wasmBlock = Math.max(1, ctx.maxBlockSize);
    this.wasm = createCompressorWasm(this.wasmBlock, rmsLength);
    if (this.wasm) this.wasm.stateInts[COMPRESSOR_STATE.rmsLength / 4] = rmsLength;
    this.setParams(params);
  }

  setParams(params: ResolvedParams): void {
    const s = compressorSettings(params);
    this.computer.configure(s.threshold, s.ratio, s.knee);
    this.smoothLeft.configure(s.attack / 1000, s.release / 1000, this.sampleRate);
    this.smoothRight.configure(s.attack / 1000, s.release / 1000, this.sampleRate);
    this.makeupDb = s.makeup;
    // The same exp as the weights' (so r = 0 there is only a shortcut, not a different value).
    this.makeupGain = expInRange(s.makeup * DB_TO_NEPER);
    this.mix = s.mix;
    if (s.detector !== this.detector || s.link !== this.link) {
      // The RMS windows hold the other mode's history; start them from silence.
      this.rmsLeft.reset();
      this.rmsRight.reset();
      this.resetWasmWindows();
    }
    this.detector = s.detector;
    this.link = s.link;
    const wasm = this.wasm;
    if (wasm) {
      const state = wasm.state;
      const c = this.computer;
      state[COMPRESSOR_STATE.kneeStartPower / 8] = c.kneeStartPower;
      state[COMPRESSOR_STATE.thresholdDb / 8] = c.thresholdDb;
      state[COMPRESSOR_STATE.kneeDb / 8] = c.kneeDb;
      state[COMPRESSOR_STATE.slope / 8] = c.slope;
      state[COMPRESSOR_STATE.kneeScale / 8] = c.kneeScale;
      state[COMPRESSOR_STATE.attack / 8] = this.smoothLeft.attackCoeff;
      state[COMPRESSOR_STATE.release / 8] = this.smoothLeft.releaseCoeff;
      state[COMPRESSOR_STATE.makeupDb / 8] = this.makeupDb;
      state[COMPRESSOR_STATE.makeupGain / 8] = this.makeupGain;
      state[COMPRESSOR_STATE.dry / 8] = 1 - this.mix;
      state[COMPRESSOR_STATE.wet / 8] = this.mix;
    }
  }

  reset(): void {
    this.smoothLeft.reset();
    this.smoothRight.reset();
    this.rmsLeft.reset();
    this.rmsRight.reset();
    if (this.wasm) {
      this.wasm.state[COMPRESSOR_STATE.value / 8] = 0;
      this.wasm.state[COMPRESSOR_STATE.value / 8 + 1] = 0;
      this.resetWasmWindows();
    }
    this.meters.gainReductionDb = 0;
  }

  /** The WebAssembly RMS windows back to silence (as `MovingAverage.reset` with initial value 0). */
  private resetWasmWindows(): void {
    const wasm = this.wasm;
    if (!wasm) return;
    wasm.ringLeft.fill(0);
    wasm.ringRight.fill(0);
    wasm.state[COMPRESSOR_STATE.sum / 8] = 0;
    wasm.state[COMPRESSOR_STATE.sum / 8 + 1] = 0;
    wasm.stateInts[COMPRESSOR_STATE.index / 4] = 0;
    wasm.stateInts[COMPRESSOR_STATE.index / 4 + 1] = 0;
  }

  process(io: KernelIO): void {
    const main = io.inputs[0];
    const useSidechain = io.inputConnected.length > 1 && io.inputConnected[1] === true && io.inputs.length > 1;
    const key = useSidechain ? io.inputs[1] : main;
    if (this.wasm) {
      this.meters.gainReductionDb = this.processWasm(this.wasm, main, useSidechain ? key : undefined, io.outputs[0], io.frames);
      return;
    }
    this.meters.gainReductionDb = this.link
      ? this.processLinked(main, key, io.outputs[0], io.frames)
      : this.processUnlinked(main, key, io.outputs[0], io.frames);
  }

  /**
   * The block through the WebAssembly kernel, in pieces of at most its block size (the kernel is
   * block-size independent, so the pieces give the same samples). @returns the largest reduction.
   */
  private processWasm(wasm: CompressorWasm, main: StereoBlock, sidechain: StereoBlock | undefined, out: StereoBlock, frames: number): number {
    const mode = (this.detector === 'rms' ? MODE_RMS : 0) | (this.link ? 0 : MODE_UNLINKED);
    let largest = 0;
    for (let start = 0; start < frames; start += this.wasmBlock) {
      const count = Math.min(this.wasmBlock, frames - start);
      copyInto(main.left, start, wasm.mainLeft, count);
      copyInto(main.right, start, wasm.mainRight, count);
      if (sidechain) {
        copyInto(sidechain.left, start, wasm.keyLeft, count);
        copyInto(sidechain.right, start, wasm.keyRight, count);
      }
      const reduction = wasm.run(count, sidechain !== undefined, mode);
      if (reduction > largest) largest = reduction;
      copyOut(wasm.mainLeft, out.left, start, count);
      copyOut(wasm.mainRight, out.right, start, count);
    }
    return largest;
  }

  /** The per-frame scratch arrays, grown if a host ever sends a larger block than announced. */
  private scratch(frames: number): void {
    if (this.work.length < frames) {
      this.work = new Float64Array(frames);
      this.workRight = new Float64Array(frames);
    }
  }

  /**
   * Linked stereo: one detector, one smoothed reduction r[n], so one log (inside the gain
   * computer, and only above the knee) and one exp per frame, the gain shared by both channels.
   * Block passes — detector powers, static reductions (the logs), the smoother's recursion, gains
   * (the exps) — each one loop with its state in locals, so the logs and the exps, which do not
   * depend on each other, run in tight loops of their own; same operations, same samples.
   * @returns the largest reduction of the block, dB.
   */
  private processLinked(main: StereoBlock, key: StereoBlock, out: StereoBlock, frames: number): number {
    this.scratch(frames);
    const work = this.work;
    const keyLeft = key.left;
    const keyRight = key.right;
    if (this.detector === 'rms') {
      for (let i = 0; i < frames; i++) {
        const dl = finiteOrZero(keyLeft[i]);
        const dr = finiteOrZero(keyRight[i]);
        work[i] = 0.5 * (dl * dl + dr * dr);
      }
      this.rmsLeft.pushBlock(work, work, frames);
    } else {
      for (let i = 0; i < frames; i++) {
        const dl = finiteOrZero(keyLeft[i]);
        const dr = finiteOrZero(keyRight[i]);
        work[i] = Math.max(dl * dl, dr * dr);
      }
    }
    this.computer.reductionBlock(work, work, frames);
    const largestReduction = this.smoothLeft.stepBlock(work, work, frames);
    this.reductionsToWeights(work, frames);
    applyWeights(main.left, out.left, work, frames);
    applyWeights(main.right, out.right, work, frames);
    return largestReduction;
  }

  /**
   * Unlinked stereo: each channel its own detector, smoother and gain, in the same block passes
   * as the linked path. @returns the largest reduction, dB.
   */
  private processUnlinked(main: StereoBlock, key: StereoBlock, out: StereoBlock, frames: number): number {
    this.scratch(frames);
    const rms = this.detector === 'rms';
    let largestReduction = 0;
    for (let c = 0; c < 2; c++) {
      const work = c === 0 ? this.work : this.workRight;
      const keyChannel = c === 0 ? key.left : key.right;
      for (let i = 0; i < frames; i++) {
        const d = finiteOrZero(keyChannel[i]);
        work[i] = d * d;
      }
      if (rms) (c === 0 ? this.rmsLeft : this.rmsRight).pushBlock(work, work, frames);
      this.computer.reductionBlock(work, work, frames);
      const largest = (c === 0 ? this.smoothLeft : this.smoothRight).stepBlock(work, work, frames);
      if (largest > largestReduction) largestReduction = largest;
      this.reductionsToWeights(work, frames);
      applyWeights(c === 0 ? main.left : main.right, c === 0 ? out.left : out.right, work, frames);
    }
    return largestReduction;
  }

  /**
   * In place, each smoothed reduction r (dB) becomes the weight (1 − m) + m·g of its frame,
   * g = 10^((M − r)/20) (one exp per frame; none while r is 0).
   */
  private reductionsToWeights(work: Float64Array, frames: number): void {
    const makeupDb = this.makeupDb;
    const makeupGain = this.makeupGain;
    const dryWeight = 1 - this.mix;
    const wetWeight = this.mix;
    for (let i = 0; i < frames; i++) {
      const r = work[i];
      // r ∈ [0, 771] dB (the loudest finite f32 power is 10^77), so y ∈ [−89, 2.8]: in range.
      const gain = r === 0 ? makeupGain : expInRange((makeupDb - r) * DB_TO_NEPER);
      // (1 − m) + m·g is exactly 1 for m = 0, so a dry mix is a bit-exact copy.
      work[i] = dryWeight + wetWeight * gain;
    }
  }
}

/** to[0 … count) = from[start … start + count). */
function copyInto(from: Float32Array, start: number, to: Float32Array, count: number): void {
  // `set` is a memcpy for a whole block (the usual case); a part is copied by a loop, since a
  // `subarray` view would allocate in the audio path (a worklet quantum cut at a gate edge).
  if (start === 0 && count === from.length && count <= to.length) to.set(from);
  else for (let i = 0; i < count; i++) to[i] = from[start + i];
}

/** to[start … start + count) = from[0 … count). */
function copyOut(from: Float32Array, to: Float32Array, start: number, count: number): void {
  if (count === from.length) to.set(from, start);
  else for (let i = 0; i < count; i++) to[start + i] = from[i];
}

/** output[i] = input[i]·weights[i], a non-finite input sample counting as 0. */
function applyWeights(input: Float32Array, output: Float32Array, weights: Float64Array, frames: number): void {
  for (let i = 0; i < frames; i++) output[i] = finiteOrZero(input[i]) * weights[i];
}

/** Builds a compressor kernel with `params` applied. */
export function createCompressorKernel(ctx: KernelContext, params: ResolvedParams): CompressorKernel {
  return new CompressorKernel(ctx, params);
}
