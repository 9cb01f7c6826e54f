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
 *   r[n]   branching one-pole on c: attack τ_A while c rises, release τ_R while it falls
 *   g[n]   = 10^((M − r[n])/20)              M = makeup
 *   out[n] = in[n] · ((1 − m) + m·g[n])       m = mix (0 = dry, exactly)
 *
 * No lookahead: latency 0. `meters.gainReductionDb` is the largest r[n] of the last block.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelContext, KernelIO, KernelMeters, StereoBlock } from '../types';
import { GainComputer } from '../../dsp/dynamics/gainComputer';
import { FLUSH_DB, GainReductionSmoother } from '../../dsp/dynamics/gainSmoother';
import { MovingAverage } from '../../dsp/dynamics/movingAverage';
import { DB_TO_NEPER } from '../../dsp/dynamics/timeConstant';
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
  /** Per-frame scratch of the linked loop's passes (grown if a host ever sends a larger block). */
  private work: Float64Array;

  constructor(ctx: KernelContext, params: ResolvedParams) {
    this.sampleRate = ctx.sampleRate;
    const rmsLength = Math.max(1, Math.round(RMS_WINDOW_SECONDS * ctx.sampleRate));
    this.rmsLeft = new MovingAverage(rmsLength);
    this.rmsRight = new MovingAverage(rmsLength);
    this.work = new Float64Array(ctx.maxBlockSize);
    this.rmsLeft.configure(rmsLength, 0);
    this.rmsRight.configure(rmsLength, 0);
    this.setParams(params);
  }

  setParams(params: ResolvedParams): void {
    const s = compressorSettings(params);
    this.computer.configure(s.threshold, s.ratio, s.knee);
    this.smoothLeft.configure(s.attack / 1000, s.release / 1000, this.sampleRate);
    this.smoothRight.configure(s.attack / 1000, s.release / 1000, this.sampleRate);
    this.makeupDb = s.makeup;
    this.makeupGain = Math.exp(s.makeup * DB_TO_NEPER);
    this.mix = s.mix;
    if (s.detector !== this.detector || s.link !== this.link) {
      // The RMS windows hold the other mode's history; start them from silence.
      this.rmsLeft.reset();
      this.rmsRight.reset();
    }
    this.detector = s.detector;
    this.link = s.link;
  }

  reset(): void {
    this.smoothLeft.reset();
    this.smoothRight.reset();
    this.rmsLeft.reset();
    this.rmsRight.reset();
    this.meters.gainReductionDb = 0;
  }

  process(io: KernelIO): void {
    const main = io.inputs[0];
    const useSidechain = io.inputConnected.length > 1 && io.inputConnected[1] === true && io.inputs.length > 1;
    const key = useSidechain ? io.inputs[1] : main;
    this.meters.gainReductionDb = this.link
      ? this.processLinked(main, key, io.outputs[0], io.frames)
      : this.processUnlinked(main, key, io.outputs[0], io.frames);
  }

  /**
   * Linked stereo: one detector, one smoothed reduction r[n], so one log (inside the gain
   * computer, and only above the knee) and one exp per frame, the gain shared by both channels.
   * Three passes over the block — static reductions, the smoother's recursion, gains — so the
   * logs and the exps, which do not depend on each other, run in tight loops of their own (about
   * 1.1–1.2× the single loop, same operations, same samples); the recursion keeps its state and
   * coefficients in locals.
   * @returns the largest reduction of the block, dB.
   */
  private processLinked(main: StereoBlock, key: StereoBlock, out: StereoBlock, frames: number): number {
    const rms = this.detector === 'rms';
    const computer = this.computer;
    const average = this.rmsLeft;
    const smoother = this.smoothLeft;
    const attack = smoother.attackCoeff;
    const release = smoother.releaseCoeff;
    let reduction = smoother.value;
    const makeupDb = this.makeupDb;
    const makeupGain = this.makeupGain;
    const dryWeight = 1 - this.mix;
    const wetWeight = this.mix;
    const keyLeft = key.left;
    const keyRight = key.right;
    const inLeft = main.left;
    const inRight = main.right;
    const outLeft = out.left;
    const outRight = out.right;
    let largestReduction = 0;
    if (this.work.length < frames) this.work = new Float64Array(frames);
    const work = this.work;
    // Pass 1: the static reduction per frame (the logs, independent of each other).
    for (let i = 0; i < frames; i++) {
      const dl = finiteOrZero(keyLeft[i]);
      const dr = finiteOrZero(keyRight[i]);
      const power = rms ? average.push(0.5 * (dl * dl + dr * dr)) : Math.max(dl * dl, dr * dr);
      work[i] = computer.reductionDb(power);
    }
    // Pass 2: the smoother's recursion (GainReductionSmoother.step, inlined).
    for (let i = 0; i < frames; i++) {
      const target = work[i];
      const a = target > reduction ? attack : release;
      reduction = a * reduction + (1 - a) * target;
      if (!(reduction >= FLUSH_DB)) reduction = 0;
      work[i] = reduction;
      if (reduction > largestReduction) largestReduction = reduction;
    }
    // Pass 3: gains (the exps, independent) applied.
    for (let i = 0; i < frames; i++) {
      const r = work[i];
      const gain = r === 0 ? makeupGain : Math.exp((makeupDb - r) * DB_TO_NEPER);
      // (1 − m) + m·g is exactly 1 for m = 0, so a dry mix is a bit-exact copy.
      const weight = dryWeight + wetWeight * gain;
      outLeft[i] = finiteOrZero(inLeft[i]) * weight;
      outRight[i] = finiteOrZero(inRight[i]) * weight;
    }
    smoother.value = reduction;
    return largestReduction;
  }

  /** Unlinked stereo: each channel its own detector, smoother and gain. @returns the largest reduction, dB. */
  private processUnlinked(main: StereoBlock, key: StereoBlock, out: StereoBlock, frames: number): number {
    const rms = this.detector === 'rms';
    const computer = this.computer;
    const smoothLeft = this.smoothLeft;
    const smoothRight = this.smoothRight;
    const makeupDb = this.makeupDb;
    const makeupGain = this.makeupGain;
    const dryWeight = 1 - this.mix;
    const wetWeight = this.mix;
    const keyLeft = key.left;
    const keyRight = key.right;
    const inLeft = main.left;
    const inRight = main.right;
    const outLeft = out.left;
    const outRight = out.right;
    let largestReduction = 0;
    for (let i = 0; i < frames; i++) {
      const dl = finiteOrZero(keyLeft[i]);
      const dr = finiteOrZero(keyRight[i]);
      const powerLeft = rms ? this.rmsLeft.push(dl * dl) : dl * dl;
      const powerRight = rms ? this.rmsRight.push(dr * dr) : dr * dr;
      const reductionLeft = smoothLeft.step(computer.reductionDb(powerLeft));
      const reductionRight = smoothRight.step(computer.reductionDb(powerRight));
      const gainLeft = reductionLeft === 0 ? makeupGain : Math.exp((makeupDb - reductionLeft) * DB_TO_NEPER);
      const gainRight =
        reductionRight === 0 ? makeupGain : Math.exp((makeupDb - reductionRight) * DB_TO_NEPER);
      outLeft[i] = finiteOrZero(inLeft[i]) * (dryWeight + wetWeight * gainLeft);
      outRight[i] = finiteOrZero(inRight[i]) * (dryWeight + wetWeight * gainRight);
      if (reductionLeft > largestReduction) largestReduction = reductionLeft;
      if (reductionRight > largestReduction) largestReduction = reductionRight;
    }
    return largestReduction;
  }
}

/** Builds a compressor kernel with `params` applied. */
export function createCompressorKernel(ctx: KernelContext, params: ResolvedParams): CompressorKernel {
  return new CompressorKernel(ctx, params);
}
