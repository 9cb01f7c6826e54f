import { TruePeakInterpolator } from '../truePeak';
import { createTruePeakMeterWasm, type TruePeakMeterWasmExports } from '../wasm/truePeakWasm';
import { LoudnessHistogram } from './histogram';
import { integratedLoudness } from './integrated';
import { KWeightingFilter, kWeightingCoefficients } from './kWeighting';
import { loudnessRange } from './loudnessRange';
import { defaultChannelWeights, energyToLufs } from './units';

/** Audio samples of one channel; float, 1.0 = full scale. */
export type SampleBuffer = Float32Array | Float64Array;

/**
 * Meter tick, in seconds: the K-weighted energy is summed in 10 ms sub-blocks, and momentary and
 * short-term loudness are updated at every tick (100 Hz, above the ≥ 10 Hz of EBU Tech 3341
 * § 2.2), so their maxima miss at most 10 ms of a burst.
 */
export const METER_TICK_SECONDS = 0.01;
/** Momentary window: 400 ms (EBU Tech 3341 § 2.1; the BS.1770-4 gating block). */
export const MOMENTARY_TICKS = 40;
/** Short-term window: 3 s (EBU Tech 3341 § 2.1). */
export const SHORT_TERM_TICKS = 300;
/** Hop between gating blocks (75 % overlap, BS.1770-4 Annex 1 § 5) and between the short-term
 * values that feed the loudness range (10 Hz, EBU Tech 3342 § 3): 100 ms. */
export const BLOCK_HOP_TICKS = 10;

/** Lowest and highest sample rates the meter accepts, Hz. */
export const MIN_METER_RATE = 8000;
export const MAX_METER_RATE = 768000;

/** Everything the meter reports; `null` where a value is undefined (silence, too short). */
export interface LoudnessResult {
  /** Gated programme loudness (BS.1770-4 Annex 1 § 5), LUFS. */
  integratedLufs: number | null;
  /** Loudness range (EBU Tech 3342), LU. */
  loudnessRangeLu: number | null;
  /** Highest true-peak level over all channels (BS.1770-4 Annex 2), dBTP. */
  truePeakDbtp: number | null;
  /** Highest absolute sample value over all channels, dBFS. */
  samplePeakDbfs: number | null;
  /** Highest momentary (400 ms) loudness seen, LUFS. */
  maxMomentaryLufs: number | null;
  /** Highest short-term (3 s) loudness seen, LUFS. */
  maxShortTermLufs: number | null;
  /** Momentary loudness of the last 400 ms, LUFS (null before 400 ms have been pushed). */
  momentaryLufs: number | null;
  /** Short-term loudness of the last 3 s, LUFS (null before 3 s have been pushed). */
  shortTermLufs: number | null;
}

/** Options of {@link LoudnessMeter}. */
export interface LoudnessMeterOptions {
  /** Channel weights Gi (BS.1770-4 Table 3); default from {@link defaultChannelWeights}. */
  channelWeights?: readonly number[];
  /**
   * Skip true-peak work that cannot raise the reading (default true). Only the speed changes,
   * never a reading; the tests compare both.
   */
  truePeakPruning?: boolean;
}

/** Frames per call of the stereo meter's WebAssembly push (the interpolators' chunk). */
const WASM_CHUNK = 256;
/**
 * The stereo meter's state block in asm/truePeakMeter.ts (`meterPush`, M_* there), f64 slots:
 * the K-weighting coefficients, its four states per channel, then per channel the tick sums, the
 * sample peaks and the true peaks.
 */
const STATE_FLOAT64S = 24;
const STATE_FILTER = 10;
const STATE_TICK_SUMS = 18;
const STATE_SAMPLE_PEAKS = 20;
const STATE_TRUE_PEAKS = 22;
/** f64 an interpolator takes in the shared arena (generous; see TruePeakInterpolator). */
const INTERPOLATOR_FLOAT64S = 1600;

/** A stereo meter's whole push in one WebAssembly call per chunk, and the views it reads. */
interface StereoMeterWasm {
  exports: TruePeakMeterWasmExports;
  state: Float64Array;
  left: Float64Array;
  right: Float64Array;
  descriptorLeft: number;
  descriptorRight: number;
}

function toLufs(energy: number): number | null {
  return energy > 0 && Number.isFinite(energy) ? energyToLufs(energy) : null;
}

function toDb(linear: number): number | null {
  return linear > 0 && Number.isFinite(linear) ? 20 * Math.log10(linear) : null;
}

/**
 * Streaming ITU-R BS.1770-4 / EBU R 128 loudness meter: momentary, short-term, integrated
 * (gated) loudness, loudness range (EBU Tech 3342), true peak (BS.1770-4 Annex 2) and sample
 * peak.
 *
 * Push audio in blocks of any size; results depend only on the samples, never on how they were
 * split (energies are summed per channel in sample order, and windows end on fixed sample
 * positions: tick k ends at round((k + 1)·fs/100)). Memory is fixed: a 300-tick ring and two
 * 0.01 LU histograms, whatever the programme length. `push` does not allocate.
 */
export class LoudnessMeter {
  /** Hz. */
  readonly sampleRate: number;
  /** Number of channels pushed each time. */
  readonly channels: number;
  /** Channel weights Gi in use. */
  readonly channelWeights: readonly number[];

  private readonly weights: Float64Array;
  private readonly filters: KWeightingFilter[];
  private readonly truePeaks: TruePeakInterpolator[];
  /** Per-channel Σ y² of the tick in progress (kept per channel so block splits never matter). */
  private readonly tickSums: Float64Array;
  /**
   * Per-channel largest interpolated |x| of the periods complete so far (the last
   * `delaySamples` periods are added by `flushMax` when a reading is taken) and largest |x|.
   */
  private readonly truePeakMax: Float64Array;
  private readonly samplePeakMax: Float64Array;
  /** Ring of the last SHORT_TERM_TICKS ticks: weighted energy sums and their sample counts. */
  private readonly ringEnergy = new Float64Array(SHORT_TERM_TICKS);
  private readonly ringLength = new Float64Array(SHORT_TERM_TICKS);
  private readonly gatingBlocks = new LoudnessHistogram();
  private readonly shortTermValues = new LoudnessHistogram();
  /**
   * Stereo, where WebAssembly loads: both channels' K-weighting, squares, sample
   * and true peaks in one call per chunk (asm/truePeakMeter.ts `meterPush`); `tickSums`,
   * `samplePeakMax` and `truePeakMax` are then views of its state. Otherwise undefined, and the
   * TypeScript loops run (same readings).
   */
  private readonly stereoWasm: StereoMeterWasm | undefined;
  /** Reused by `push` so a stereo push allocates nothing. */
  private readonly stereoPair: SampleBuffer[] = [new Float32Array(0), new Float32Array(0)];

  private position = 0;
  private ticksDone = 0;
  private tickStart = 0;
  private tickEnd = 0;
  private momentaryEnergy = -1;
  private shortTermEnergy = -1;
  private maxMomentaryEnergy = 0;
  private maxShortTermEnergy = 0;

  /**
   * @param sampleRate Hz, 8 000 … 768 000.
   * @param channels number of channels, ≥ 1 (default 2: L, R with weights 1.0).
   * @param options channel weights for other layouts.
   */
  constructor(sampleRate: number, channels = 2, options: LoudnessMeterOptions = {}) {
    if (!Number.isFinite(sampleRate) || sampleRate < MIN_METER_RATE || sampleRate > MAX_METER_RATE) {
      throw new RangeError(
        `LoudnessMeter: sampleRate must be between ${MIN_METER_RATE} and ${MAX_METER_RATE} Hz (got ${sampleRate})`,
      );
    }
    if (!Number.isInteger(channels) || channels < 1) {
      throw new RangeError(`LoudnessMeter: channels must be a whole number ≥ 1 (got ${channels})`);
    }
    const weights = options.channelWeights ?? defaultChannelWeights(channels);
    if (weights.length !== channels || weights.some((w) => !Number.isFinite(w) || w < 0)) {
      throw new RangeError(
        `LoudnessMeter: channelWeights must hold ${channels} finite weights ≥ 0 (got [${weights.join(', ')}])`,
      );
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.channelWeights = Object.freeze([...weights]);
    this.weights = Float64Array.from(weights);
    const coefficients = kWeightingCoefficients(sampleRate);
    const pruning = options.truePeakPruning ?? true;
    const arena = channels === 2 ? createTruePeakMeterWasm(2 * INTERPOLATOR_FLOAT64S + STATE_FLOAT64S + 2 * WASM_CHUNK) : undefined;
    this.filters = [];
    this.truePeaks = [];
    for (let c = 0; c < channels; c++) {
      this.filters.push(new KWeightingFilter(coefficients));
      this.truePeaks.push(new TruePeakInterpolator(sampleRate, { pruning, arena }));
    }
    if (arena) {
      const state = arena.allocate(STATE_FLOAT64S);
      const { shelf, highpass } = coefficients;
      state.set([shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2, highpass.b0, highpass.b1, highpass.b2, highpass.a1, highpass.a2]);
      this.stereoWasm = {
        exports: arena.exports,
        state,
        left: arena.allocate(WASM_CHUNK),
        right: arena.allocate(WASM_CHUNK),
        descriptorLeft: this.truePeaks[0].wasmDescriptor,
        descriptorRight: this.truePeaks[1].wasmDescriptor,
      };
      this.tickSums = state.subarray(STATE_TICK_SUMS, STATE_TICK_SUMS + 2);
      this.samplePeakMax = state.subarray(STATE_SAMPLE_PEAKS, STATE_SAMPLE_PEAKS + 2);
      this.truePeakMax = state.subarray(STATE_TRUE_PEAKS, STATE_TRUE_PEAKS + 2);
    } else {
      this.stereoWasm = undefined;
      this.tickSums = new Float64Array(channels);
      this.truePeakMax = new Float64Array(channels);
      this.samplePeakMax = new Float64Array(channels);
    }
    this.reset();
  }

  /** Forgets everything pushed so far. */
  reset(): void {
    for (const f of this.filters) f.reset();
    for (const t of this.truePeaks) t.reset();
    this.stereoWasm?.state.fill(0, STATE_FILTER, STATE_TICK_SUMS);
    this.tickSums.fill(0);
    this.truePeakMax.fill(0);
    this.samplePeakMax.fill(0);
    this.ringEnergy.fill(0);
    this.ringLength.fill(0);
    this.gatingBlocks.clear();
    this.shortTermValues.clear();
    this.position = 0;
    this.ticksDone = 0;
    this.tickStart = 0;
    this.tickEnd = this.tickBoundary(1);
    this.momentaryEnergy = -1;
    this.shortTermEnergy = -1;
    this.maxMomentaryEnergy = 0;
    this.maxShortTermEnergy = 0;
  }

  /** Frames pushed since construction or the last reset. */
  get framesProcessed(): number {
    return this.position;
  }

  /**
   * Pushes `frames` stereo frames (meter built with 2 channels).
   * @param frames defaults to `left.length`; must not exceed either array's length.
   */
  push(left: SampleBuffer, right: SampleBuffer, frames: number = left.length): void {
    if (this.channels !== 2) {
      throw new RangeError(`LoudnessMeter.push: this meter has ${this.channels} channels; use pushChannels`);
    }
    this.stereoPair[0] = left;
    this.stereoPair[1] = right;
    this.pushChannels(this.stereoPair, frames);
  }

  /**
   * Pushes `frames` frames of every channel (one array per channel, in the weights' order).
   * @param frames defaults to the first array's length; must not exceed any array's length.
   */
  pushChannels(data: readonly SampleBuffer[], frames: number = data.length > 0 ? data[0].length : 0): void {
    if (data.length !== this.channels) {
      throw new RangeError(`LoudnessMeter.pushChannels: expected ${this.channels} channel arrays, got ${data.length}`);
    }
    if (!Number.isInteger(frames) || frames < 0) {
      throw new RangeError(`LoudnessMeter.pushChannels: frames must be a whole number ≥ 0 (got ${frames})`);
    }
    for (let c = 0; c < this.channels; c++) {
      if (data[c].length < frames) {
        throw new RangeError(
          `LoudnessMeter.pushChannels: channel ${c} holds ${data[c].length} samples, fewer than frames = ${frames}`,
        );
      }
    }
    if (this.stereoWasm) {
      this.pushStereoWasm(this.stereoWasm, data[0], data[1], frames);
      return;
    }
    let offset = 0;
    while (offset < frames) {
      const run = Math.min(frames - offset, this.tickEnd - this.position);
      const end = offset + run;
      for (let c = 0; c < this.channels; c++) {
        const channel = data[c];
        this.tickSums[c] = this.filters[c].accumulateSquares(channel, offset, end, this.tickSums[c]);
        this.scanPeaks(c, channel, offset, end);
      }
      offset = end;
      this.position += run;
      if (this.position === this.tickEnd) this.finishTick();
    }
  }

  /**
   * `pushChannels` for a stereo meter with WebAssembly: each piece of a tick, up to WASM_CHUNK
   * frames, is copied into the instance's memory and metered in one call (K-weighting, squares,
   * sample and true peaks of both channels; the same operations in the same order as the loops of
   * `KWeightingFilter.accumulateSquares` and `scanPeaks`, so the readings are the same).
   */
  private pushStereoWasm(wasm: StereoMeterWasm, left: SampleBuffer, right: SampleBuffer, frames: number): void {
    const inLeft = wasm.left;
    const inRight = wasm.right;
    let offset = 0;
    while (offset < frames) {
      const run = Math.min(frames - offset, this.tickEnd - this.position);
      const end = offset + run;
      for (let from = offset; from < end; from += WASM_CHUNK) {
        const count = Math.min(WASM_CHUNK, end - from);
        for (let i = 0; i < count; i++) {
          inLeft[i] = left[from + i];
          inRight[i] = right[from + i];
        }
        wasm.exports.meterPush(wasm.state.byteOffset, inLeft.byteOffset, inRight.byteOffset, count, wasm.descriptorLeft, wasm.descriptorRight);
      }
      offset = end;
      this.position += run;
      if (this.position === this.tickEnd) this.finishTick();
    }
  }

  /** Updates channel c's true-peak and sample-peak maxima over channel[start … end). */
  private scanPeaks(c: number, channel: SampleBuffer, start: number, end: number): void {
    this.truePeakMax[c] = this.truePeaks[c].scanMax(channel, start, end, this.truePeakMax[c]);
    let samplePeak = this.samplePeakMax[c];
    for (let i = start; i < end; i++) {
      const x = channel[i];
      const magnitude = x < 0 ? -x : x;
      if (magnitude > samplePeak && magnitude !== Infinity) samplePeak = magnitude;
    }
    this.samplePeakMax[c] = samplePeak;
  }

  /** Sample position where tick `k` (1-based count) ends. */
  private tickBoundary(k: number): number {
    return Math.round((k * this.sampleRate) / 100);
  }

  /** Closes the tick that just ended and updates every window that ends with it. */
  private finishTick(): void {
    let energy = 0;
    for (let c = 0; c < this.channels; c++) {
      energy += this.weights[c] * this.tickSums[c];
      this.tickSums[c] = 0;
    }
    const slot = this.ticksDone % SHORT_TERM_TICKS;
    this.ringEnergy[slot] = energy;
    this.ringLength[slot] = this.tickEnd - this.tickStart;
    this.ticksDone += 1;
    this.tickStart = this.tickEnd;
    this.tickEnd = this.tickBoundary(this.ticksDone + 1);

    const isBlockEnd = this.ticksDone % BLOCK_HOP_TICKS === 0;
    if (this.ticksDone >= MOMENTARY_TICKS) {
      this.momentaryEnergy = this.windowEnergy(MOMENTARY_TICKS);
      if (this.momentaryEnergy > this.maxMomentaryEnergy) this.maxMomentaryEnergy = this.momentaryEnergy;
      // BS.1770-4 § 5: 400 ms gating blocks every 100 ms; the histogram applies the −70 LUFS gate.
      if (isBlockEnd) this.gatingBlocks.add(this.momentaryEnergy);
    }
    if (this.ticksDone >= SHORT_TERM_TICKS) {
      this.shortTermEnergy = this.windowEnergy(SHORT_TERM_TICKS);
      if (this.shortTermEnergy > this.maxShortTermEnergy) this.maxShortTermEnergy = this.shortTermEnergy;
      // EBU Tech 3342 § 3: short-term values at 10 Hz feed the loudness range.
      if (isBlockEnd) this.shortTermValues.add(this.shortTermEnergy);
    }
  }

  /** Mean weighted energy Σ Gi·zi of the last `ticks` ticks (summed afresh: no drift). */
  private windowEnergy(ticks: number): number {
    let energy = 0;
    let length = 0;
    let slot = (this.ticksDone - 1) % SHORT_TERM_TICKS;
    for (let i = 0; i < ticks; i++) {
      energy += this.ringEnergy[slot];
      length += this.ringLength[slot];
      slot = slot === 0 ? SHORT_TERM_TICKS - 1 : slot - 1;
    }
    return energy / length;
  }

  /** Momentary loudness of the last 400 ms, LUFS; null before 400 ms or in silence. */
  get momentaryLufs(): number | null {
    return toLufs(this.momentaryEnergy);
  }

  /** Short-term loudness of the last 3 s, LUFS; null before 3 s or in silence. */
  get shortTermLufs(): number | null {
    return toLufs(this.shortTermEnergy);
  }

  /** Highest momentary loudness so far, LUFS. */
  get maxMomentaryLufs(): number | null {
    return toLufs(this.maxMomentaryEnergy);
  }

  /** Highest short-term loudness so far, LUFS. */
  get maxShortTermLufs(): number | null {
    return toLufs(this.maxShortTermEnergy);
  }

  /** Integrated (gated) loudness so far, LUFS. */
  get integratedLufs(): number | null {
    return integratedLoudness(this.gatingBlocks);
  }

  /** Loudness range so far, LU (Tech 3342 advises that it is unstable before 60 s). */
  get loudnessRangeLu(): number | null {
    return loudnessRange(this.shortTermValues);
  }

  /** Highest true-peak level over all channels, dBTP. */
  get truePeakDbtp(): number | null {
    let peak = 0;
    for (let c = 0; c < this.channels; c++) peak = Math.max(peak, this.channelTruePeak(c));
    return toDb(peak);
  }

  /** Highest true-peak level of one channel, dBTP. */
  channelTruePeakDbtp(channel: number): number | null {
    return channel >= 0 && channel < this.channels ? toDb(this.channelTruePeak(channel)) : null;
  }

  /**
   * Channel c's true peak, linear, including the interpolator's last periods as if the
   * programme ended here (so a peak in the very last samples counts), and never below the sample
   * peak: the interpolator runs on the samples rounded to single precision (src/dsp/truePeak.ts,
   * "Precision"), which for float64 input can be up to 2⁻²⁴ of a sample below the sample itself;
   * for float32 input the interpolated points include the samples exactly and this changes nothing.
   */
  private channelTruePeak(c: number): number {
    const truePeak = this.truePeaks[c].flushMax(this.truePeakMax[c]);
    const samplePeak = this.samplePeakMax[c];
    return truePeak > samplePeak ? truePeak : samplePeak;
  }

  /** Highest sample peak over all channels, dBFS. */
  get samplePeakDbfs(): number | null {
    let peak = 0;
    for (let c = 0; c < this.channels; c++) peak = Math.max(peak, this.samplePeakMax[c]);
    return toDb(peak);
  }

  /** All readings at once. */
  result(): LoudnessResult {
    return {
      integratedLufs: this.integratedLufs,
      loudnessRangeLu: this.loudnessRangeLu,
      truePeakDbtp: this.truePeakDbtp,
      samplePeakDbfs: this.samplePeakDbfs,
      maxMomentaryLufs: this.maxMomentaryLufs,
      maxShortTermLufs: this.maxShortTermLufs,
      momentaryLufs: this.momentaryLufs,
      shortTermLufs: this.shortTermLufs,
    };
  }
}
