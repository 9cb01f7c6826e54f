/**
 * Offline kernel of the `limiter` node: a stereo-linked, lookahead, true-peak brickwall limiter.
 *
 * Per sample n (both channels share one gain so the stereo image never moves):
 *
 *   x[n]   = in[n] · 10^(inputGain/20)
 *   y[k]   = x[k]                          bandLimit off
 *          = (C * x)[k]                    bandLimit on (default): the linear-phase low-pass of
 *                                          src/dsp/dynamics/bandLimitedPeak.ts, flat (±0.01 dB)
 *                                          to 20 kHz, stop band from 0.485·fs on the 2× grid
 *   v[k]   = max over both channels of the 4× oversampled |y| for the period after k = n − D,
 *            refined by a parabola (ITU-R BS.1770-4 Annex 2 oversampling; off: the meter's
 *            half-band cascade `TruePeakInterpolator`, on: C's odd phase + the cascade's stage 2).
 *            Computed block-wise; periods that cannot reach the target are skipped exactly.
 *   r[k]   = min(1, c' / v[k])                required gain; c' = 10^((ceiling − 0.03)/20)
 *   g[j]   = LookaheadGain(r): hold the minimum over [j − a, j + L + a], release exponentially,
 *            average over L + 1 samples (src/dsp/dynamics/lookaheadGain.ts)
 *   out[j] = y[j] · g[j],  j = n − latencySamples
 *
 * Because g ≤ r[k] on every sample of the interpolation support around every peak k, the output's
 * samples stay under the ceiling by construction, and so would its interpolated points if g
 * were constant across that support. It is not quite constant (it ramps towards other peaks and
 * releases), and the interpolated value picks up a second-order term from that slope: measured at
 * most +0.0065 dB with the shortest (1 ms) ramp, +0.0001 dB at 5 ms lookahead (docs/dynamics.md).
 * The 4× detector also reads near-Nyquist (0.45·fs) tones up to ≈ 0.03 dB lower than an 8× meter
 * does. c' therefore sits `CEILING_MARGIN_DB` = 0.03 dB under the ceiling, which also leaves room
 * for rounding the output to float32. A final safety stage clamps any sample still above the ceiling
 * and counts how often it acted (`safetyClipCount`; 0 in every test, see docs/dynamics.md).
 *
 * With bandLimit off the detector is accurate for material up to 20 kHz only: content between
 * 20 kHz and fs/2 (naive squares, raw white noise) can pass the ceiling by its ideal
 * reconstruction (docs/dynamics.md, "What the ceiling covers"). With it on, what leaves is what
 * the detector measured, for any input.
 *
 * Latency: see `timing.ts` (D + L + a samples).
 *
 * Speed: with the band limit on at 44.1–96 kHz and WebAssembly available, one call per 256 frames
 * does all of the above (limiterWasm.ts, asm/truePeak.ts `limiterChunk`), bit-identical to the
 * TypeScript below, which remains for the other cases and hosts without WebAssembly. The band
 * limit and its detector compute in single precision (f32x4 lanes there, `Math.fround` here; the
 * output is float32 anyway: docs/dynamics.md, "Precision"); the gain path in double.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelContext, KernelIO, KernelMeters } from '../types';
import { TruePeakInterpolator, truePeakFactor } from '../../dsp/truePeak';
import { BandLimitedPeakDetector, bandLimitDesign } from '../../dsp/dynamics/bandLimitedPeak';
import { DelayLine } from '../../dsp/delayLine';
import { LookaheadGain } from '../../dsp/dynamics/lookaheadGain';
import { dbToGain } from '../../dsp/dynamics/timeConstant';
import { LimiterWasm } from './limiterWasm';
import { limiterSettings } from './settings';
import { MAX_LOOKAHEAD_MS, rampSamples } from './timing';

/**
 * How far under the ceiling the gain aims, dB: covers the second-order true-peak residual of a
 * gain that changes across the interpolator's support (≤ 0.0065 dB measured), the 4× detector's
 * under-read of near-Nyquist tones against an 8× reading (up to ≈ 0.04 dB measured before this
 * margin grew from 0.01) and float32 rounding.
 */
export const CEILING_MARGIN_DB = 0.03;
const CEILING_MARGIN = Math.pow(10, -CEILING_MARGIN_DB / 20);

/** Oversampling of the limiter's detector: 4 at 44.1–96 kHz, 2 from 176.4 kHz. */
export function limiterOversampling(sampleRate: number): number {
  return Math.min(4, truePeakFactor(sampleRate));
}

/** Frames the detector scans at a time (its scratch arrays' length); any block size works. */
const DETECT_CHUNK = 256;

/** Scratch views for float32 bit stepping (used in `setParams` only). */
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** Largest float32 value ≤ `limit` (limit > 0), so a clamped float32 sample is ≤ limit. */
function float32AtMost(limit: number): number {
  scratchFloat[0] = limit;
  // For positive floats, the bit pattern minus one is the next float32 below.
  if (scratchFloat[0] > limit) scratchBits[0] -= 1;
  return scratchFloat[0];
}

export class LimiterKernel implements Kernel {
  readonly meters: KernelMeters = { gainReductionDb: 0 };
  /**
   * How many output samples the safety stage has clamped since construction or `reset` (both
   * channels counted). The design keeps this at 0; the tests assert it.
   */
  safetyClipCount = 0;

  private readonly sampleRate: number;
  private readonly detectLeft: TruePeakInterpolator;
  private readonly detectRight: TruePeakInterpolator;
  private readonly bandLeft: BandLimitedPeakDetector;
  private readonly bandRight: BandLimitedPeakDetector;
  private readonly delayLeft: DelayLine;
  private readonly delayRight: DelayLine;
  private readonly gainPath: LookaheadGain;
  /**
   * With the band limit on at 4× and WebAssembly available: the whole chunk in one call
   * (limiterWasm.ts; its detectors are `bandLeft`/`bandRight`, its gain path and delay state its
   * own, the same operations as `gainPath` and the delay lines here); undefined otherwise.
   */
  private readonly wasm: LimiterWasm | undefined;
  /** Scratch per chunk: input × input gain (non-finite samples as 0), y, and the period peaks. */
  private readonly scaledLeft = new Float64Array(DETECT_CHUNK);
  private readonly scaledRight = new Float64Array(DETECT_CHUNK);
  private readonly filteredLeft = new Float64Array(DETECT_CHUNK);
  private readonly filteredRight = new Float64Array(DETECT_CHUNK);
  private readonly peaksLeft = new Float64Array(DETECT_CHUNK);
  private readonly peaksRight = new Float64Array(DETECT_CHUNK);
  /** Scratch per chunk: the required gain, then the gain path's output; the delayed audio. */
  private readonly gains = new Float64Array(DETECT_CHUNK);
  private readonly delayedLeft = new Float64Array(DETECT_CHUNK);
  private readonly delayedRight = new Float64Array(DETECT_CHUNK);
  /** D = a: detector delay and guard, in samples (depends on `bandLimit`). */
  private guard = 0;
  private bandLimit = false;
  private ramp = -1;
  private latency = 0;
  private inputGain = 1;
  private target = 1;
  private safetyLimit = 1;

  constructor(ctx: KernelContext, params: ResolvedParams) {
    this.sampleRate = ctx.sampleRate;
    // 4× (the meter's 8× grid at 44.1/48 kHz halved): with the parabolic refinement it holds the
    // ceiling by the ideal reconstruction on material up to 20 kHz, at 28 instead of 40
    // multiply-adds per sample (half-band cascade). Read by the 8× meter, 0.45·fs sines came
    // out up to +0.039 dB over the ceiling with a 0.01 dB margin; hence CEILING_MARGIN_DB = 0.03.
    const detector = { factor: limiterOversampling(ctx.sampleRate) };
    this.detectLeft = new TruePeakInterpolator(ctx.sampleRate, detector);
    this.detectRight = new TruePeakInterpolator(ctx.sampleRate, detector);
    // The band-limited detector's delay M + 2 (bandLimitedPeak.ts), known before it is built.
    const maxGuard = Math.max(this.detectLeft.delaySamples, bandLimitDesign(ctx.sampleRate).halfLength + 2);
    const maxRamp = rampSamples(MAX_LOOKAHEAD_MS, ctx.sampleRate);
    this.gainPath = new LookaheadGain(maxRamp, maxGuard);
    const maxLatency = 2 * maxGuard + maxRamp;
    this.delayLeft = new DelayLine(maxLatency);
    this.delayRight = new DelayLine(maxLatency);
    const ramp = Math.ceil(maxRamp);
    this.wasm = LimiterWasm.create(ctx.sampleRate, detector.factor, ramp + 2 * Math.ceil(maxGuard) + 1, ramp + 1, maxLatency);
    // With the WebAssembly path its detectors (in its instance) serve both paths.
    this.bandLeft = this.wasm?.left ?? new BandLimitedPeakDetector(ctx.sampleRate, detector.factor);
    this.bandRight = this.wasm?.right ?? new BandLimitedPeakDetector(ctx.sampleRate, detector.factor);
    this.setParams(params);
  }

  /** D + L + a samples; see `timing.ts`. Changes only when `lookahead` changes. */
  get latencySamples(): number {
    return this.latency;
  }

  setParams(params: ResolvedParams): void {
    const s = limiterSettings(params);
    const ceiling = dbToGain(s.ceiling);
    this.target = ceiling * CEILING_MARGIN;
    this.safetyLimit = float32AtMost(ceiling);
    this.inputGain = dbToGain(s.inputGain);
    this.wasm?.setLevels(this.target, this.safetyLimit);
    const ramp = rampSamples(s.lookahead, this.sampleRate);
    if (ramp !== this.ramp || s.bandLimit !== this.bandLimit) {
      // A new lookahead or band limit changes the latency: the engine re-plans, the kernel starts afresh.
      this.ramp = ramp;
      this.bandLimit = s.bandLimit;
      this.guard = s.bandLimit ? this.bandLeft.delaySamples : this.detectLeft.delaySamples;
      this.gainPath.configure(ramp, this.guard, s.release / 1000, this.sampleRate);
      this.latency = this.guard + this.gainPath.delaySamples;
      this.delayLeft.reset();
      this.delayRight.reset();
      this.detectLeft.reset();
      this.detectRight.reset();
      this.bandLeft.reset();
      this.bandRight.reset();
      this.gainPath.reset();
      this.wasm?.configure(this.gainPath.rampSamples, this.gainPath.guardSamples, this.gainPath.releaseCoefficient);
    } else {
      this.gainPath.setRelease(s.release / 1000, this.sampleRate);
      this.wasm?.setRelease(this.gainPath.releaseCoefficient);
    }
  }

  reset(): void {
    this.detectLeft.reset();
    this.detectRight.reset();
    this.bandLeft.reset();
    this.bandRight.reset();
    this.delayLeft.reset();
    this.delayRight.reset();
    this.gainPath.reset();
    this.wasm?.reset();
    this.safetyClipCount = 0;
    this.meters.gainReductionDb = 0;
  }

  process(io: KernelIO): void {
    const input = io.inputs[0];
    const out = io.outputs[0];
    const frames = io.frames;
    const inputGain = this.inputGain;
    const target = this.target;
    const limit = this.safetyLimit;
    // The delay lines hold y[k], which the band-limited detector emits D samples late already.
    const delay = this.bandLimit ? this.latency - this.guard : this.latency;
    const bandLimit = this.bandLimit;
    if (bandLimit && this.wasm) {
      const clipped = this.wasm.process(input.left, input.right, out.left, out.right, frames, inputGain, delay);
      this.safetyClipCount += clipped;
      const smallest = this.wasm.smallestGain;
      this.meters.gainReductionDb = smallest < 1 ? -20 * Math.log10(smallest) : 0;
      return;
    }
    const scaledLeft = this.scaledLeft;
    const scaledRight = this.scaledRight;
    const filteredLeft = this.filteredLeft;
    const filteredRight = this.filteredRight;
    const peaksLeft = this.peaksLeft;
    const peaksRight = this.peaksRight;
    const gainPath = this.gainPath;
    const delayLeft = this.delayLeft;
    const delayRight = this.delayRight;
    const delayedLeft = this.delayedLeft;
    const delayedRight = this.delayedRight;
    let smallestGain = 1;
    let clips = 0;

    for (let from = 0; from < frames; from += DETECT_CHUNK) {
      const count = Math.min(DETECT_CHUNK, frames - from);
      for (let i = 0; i < count; i++) {
        const l = input.left[from + i];
        const r = input.right[from + i];
        scaledLeft[i] = (l - l === 0 ? l : 0) * inputGain;
        scaledRight[i] = (r - r === 0 ? r : 0) * inputGain;
      }
      // Period peaks above the target (0 where a peak cannot reach it: those need no gain).
      let signalLeft = scaledLeft;
      let signalRight = scaledRight;
      if (bandLimit) {
        this.bandLeft.process(scaledLeft, count, target, filteredLeft, peaksLeft);
        this.bandRight.process(scaledRight, count, target, filteredRight, peaksRight);
        signalLeft = filteredLeft;
        signalRight = filteredRight;
      } else {
        this.detectLeft.scanPeaks(scaledLeft, 0, count, target, peaksLeft, 0);
        this.detectRight.scanPeaks(scaledRight, 0, count, target, peaksRight, 0);
      }
      // Required gain per frame, then the gain path and the delayed audio, each one block loop.
      const gains = this.gains;
      for (let i = 0; i < count; i++) {
        const peak = peaksLeft[i] > peaksRight[i] ? peaksLeft[i] : peaksRight[i];
        gains[i] = peak > target ? target / peak : 1;
      }
      gainPath.pushBlock(gains, gains, count);
      // The audio, delayed by the latency (≥ 1 ms of lookahead, so never 0), meets its gain.
      delayLeft.exchangeBlock(signalLeft, delayedLeft, delay, count);
      delayRight.exchangeBlock(signalRight, delayedRight, delay, count);
      for (let i = 0; i < count; i++) {
        const gain = gains[i];
        if (gain < smallestGain) smallestGain = gain;
        let yl = delayedLeft[i] * gain;
        let yr = delayedRight[i] * gain;
        // Safety stage: never expected to act (see the class comment); counted so tests can prove it.
        if (yl > limit || yl < -limit) {
          yl = yl > 0 ? limit : -limit;
          clips++;
        }
        if (yr > limit || yr < -limit) {
          yr = yr > 0 ? limit : -limit;
          clips++;
        }
        out.left[from + i] = yl;
        out.right[from + i] = yr;
      }
    }
    this.safetyClipCount += clips;
    this.meters.gainReductionDb = smallestGain < 1 ? -20 * Math.log10(smallestGain) : 0;
  }
}

/** Builds a limiter kernel with `params` applied. */
export function createLimiterKernel(ctx: KernelContext, params: ResolvedParams): LimiterKernel {
  return new LimiterKernel(ctx, params);
}
