/**
 * One channel of a Freeverb-topology reverberator: eight low-pass-feedback combs in parallel,
 * their average passed through four Schroeder allpasses in series.
 *
 *   c_i = Comb(d_i, g_i, H){x}            i = 1..8
 *   y   = AP_4 ∘ AP_3 ∘ AP_2 ∘ AP_1 { (1/8)·Σ c_i }
 *
 * Unlike Freeverb, whose single "room size" feedback gives each comb a different decay, every
 * comb's gain comes from its own length: g_i = 10^(−3·d_i/(T·fs)) (`loopGainForRt60`), so the
 * whole tail decays by 60 dB in T seconds at low frequencies, for any size and sample rate.
 * Every line is allocated for the largest size at construction; configuring never allocates.
 *
 * A size change while audio plays (`retune`) is crossfaded: for F samples every comb and allpass
 * reads at its old and its new length at once, weighted (1 − a, a) by one shared `TapCrossfade`,
 * and feeds its loop from that crossfaded tap (see `LowpassFeedbackComb`). The lines keep their
 * content, so the tail carries on in the new room without a jump. `configure` applies at once.
 */
import { delayLineStorageLength, type DelayStorage } from '../delayLine';
import type { OnePoleLowpassCoefficients } from '../onePoleLowpass';
import {
  FREEVERB_ALLPASS_GAIN,
  FREEVERB_ALLPASS_LENGTHS,
  FREEVERB_COMB_LENGTHS,
  SIZE_SCALE_MAX,
  tunedLength,
} from './freeverbTuning';
import { LowpassFeedbackComb } from './lowpassFeedbackComb';
import { loopGainForRt60 } from './rt60';
import { SchroederAllpass } from './schroederAllpass';
import { TapCrossfade } from './tapCrossfade';

/** Scale of the comb sum: the average of the eight combs. */
export const COMB_SUM_GAIN = 1 / FREEVERB_COMB_LENGTHS.length;

export class FreeverbChannel {
  /** The eight combs (read-only outside this class; the WebAssembly path reads their state). */
  readonly combs: readonly LowpassFeedbackComb[];
  /** The four allpasses in series order (read-only outside this class). */
  readonly allpasses: readonly SchroederAllpass[];
  /** Current (target) comb lengths in samples (for inspection and tests). */
  readonly combLengths: Int32Array;
  /** Current (target) allpass lengths in samples (for inspection and tests). */
  readonly allpassLengths: Int32Array;
  /** Schedule of size changes; its values are length factors from `sizeScale`. */
  private readonly sizeFade: TapCrossfade;
  private rt60Seconds = 1;
  private damping: OnePoleLowpassCoefficients | null = null;

  /**
   * @param sampleRate fs in Hz.
   * @param right whether this is the right channel (lines longer by the stereo spread).
   * @param fadeSamples length in samples of the crossfade that declicks a size change (≥ 1).
   * @param storage where the lines' samples live (see `DelayStorage`; fresh arrays by default).
   */
  constructor(
    private readonly sampleRate: number,
    private readonly right: boolean,
    fadeSamples = 1,
    storage?: DelayStorage,
  ) {
    this.combs = FREEVERB_COMB_LENGTHS.map(
      (base) => new LowpassFeedbackComb(tunedLength(base, SIZE_SCALE_MAX, sampleRate, right), storage),
    );
    this.allpasses = FREEVERB_ALLPASS_LENGTHS.map(
      (base) =>
        new SchroederAllpass(tunedLength(base, SIZE_SCALE_MAX, sampleRate, right), FREEVERB_ALLPASS_GAIN, storage),
    );
    this.combLengths = new Int32Array(this.combs.length);
    this.allpassLengths = new Int32Array(this.allpasses.length);
    this.sizeFade = new TapCrossfade(Math.max(1, Math.round(fadeSamples)));
  }

  /** Samples of line storage one channel needs at `sampleRate` (to size a shared memory). */
  static storageSamples(sampleRate: number, right: boolean): number {
    let total = 0;
    for (const base of [...FREEVERB_COMB_LENGTHS, ...FREEVERB_ALLPASS_LENGTHS]) {
      total += delayLineStorageLength(Math.max(1, tunedLength(base, SIZE_SCALE_MAX, sampleRate, right)));
    }
    return total;
  }

  /** Whether a size crossfade is running (the block loops then give way to `step`). */
  get fading(): boolean {
    return this.sizeFade.fading;
  }

  /**
   * Applies size, decay and damping at once, cancelling any size fade (first params, reset).
   * @param scale length factor from `sizeScale(size)`, in [0.3, 1.3].
   * @param rt60Seconds T, the decay time to −60 dB at low frequencies, in s.
   * @param damping coefficients of the in-loop low-pass (shared, may be retuned later), or null.
   */
  configure(scale: number, rt60Seconds: number, damping: OnePoleLowpassCoefficients | null): void {
    this.rt60Seconds = rt60Seconds;
    this.damping = damping;
    this.sizeFade.jumpTo(scale);
    for (let i = 0; i < this.combs.length; i++) {
      const d = tunedLength(FREEVERB_COMB_LENGTHS[i], scale, this.sampleRate, this.right);
      this.combLengths[i] = d;
      this.combs[i].configure(d, loopGainForRt60(d, rt60Seconds, this.sampleRate), damping);
    }
    for (let i = 0; i < this.allpasses.length; i++) {
      const d = tunedLength(FREEVERB_ALLPASS_LENGTHS[i], scale, this.sampleRate, this.right);
      this.allpassLengths[i] = d;
      this.allpasses[i].configure(d);
    }
  }

  /**
   * Applies new params while audio plays: decay and damping at once (they only scale the loops),
   * a new size by crossfading every line from its old to its new length (held behind a running
   * fade). Parameters as for `configure`.
   */
  retune(scale: number, rt60Seconds: number, damping: OnePoleLowpassCoefficients | null): void {
    this.rt60Seconds = rt60Seconds;
    this.damping = damping;
    const fade = this.sizeFade;
    for (let i = 0; i < this.combs.length; i++) {
      // The lengths in play now: `current` is fading out while a fade runs, `incoming` fading in.
      const base = FREEVERB_COMB_LENGTHS[i];
      const dNew = tunedLength(base, fade.fading ? fade.incoming : fade.current, this.sampleRate, this.right);
      const dOld = tunedLength(base, fade.current, this.sampleRate, this.right);
      this.combs[i].setGains(
        loopGainForRt60(dNew, rt60Seconds, this.sampleRate),
        loopGainForRt60(dOld, rt60Seconds, this.sampleRate),
        damping,
      );
    }
    if (fade.moveTo(scale)) this.startSizeFade(scale);
  }

  /**
   * Processes a block of the (pre-delayed, mono) reverb input into this channel's wet output.
   * Without a size fade the stages run block-wise — each comb adds its whole block into `output`
   * (in comb order, so the sum is the same as sample by sample), then each allpass filters it in
   * place — with every loop's state in locals. During a fade (a few live blocks after a size
   * change) the per-sample `step` runs, since the fade weight and even the lengths change within
   * the block. Both give the same samples.
   * @param input finite samples; `output` must be a different array.
   */
  processBlock(input: Float64Array, output: Float64Array, frames: number): void {
    if (this.sizeFade.fading) {
      for (let i = 0; i < frames; i++) output[i] = this.step(input[i]);
      return;
    }
    output.fill(0, 0, frames);
    const combs = this.combs;
    for (let k = 0; k < combs.length; k++) combs[k].addBlock(input, output, frames);
    for (let i = 0; i < frames; i++) output[i] *= COMB_SUM_GAIN;
    const allpasses = this.allpasses;
    for (let k = 0; k < allpasses.length; k++) allpasses[k].processBlock(output, frames);
  }

  /** Processes one sample of the (pre-delayed, mono) reverb input; returns this channel's wet output. */
  step(x: number): number {
    const combs = this.combs;
    const allpasses = this.allpasses;
    const fade = this.sizeFade;
    let sum = 0;
    if (!fade.fading) {
      for (let i = 0; i < combs.length; i++) sum += combs[i].step(x);
      let y = sum * COMB_SUM_GAIN;
      for (let i = 0; i < allpasses.length; i++) y = allpasses[i].step(y);
      return y;
    }
    const a = fade.weight;
    for (let i = 0; i < combs.length; i++) sum += combs[i].stepFading(x, a);
    let y = sum * COMB_SUM_GAIN;
    for (let i = 0; i < allpasses.length; i++) y = allpasses[i].stepFading(y, a);
    // A held size change starts as soon as this fade ends.
    if (fade.advance() && fade.fading) this.startSizeFade(fade.incoming);
    return y;
  }

  /** Clears every line; a size fade still running or held is completed at once. */
  reset(): void {
    for (const comb of this.combs) comb.reset();
    for (const allpass of this.allpasses) allpass.reset();
    const target = this.sizeFade.target;
    if (this.sizeFade.fading || target !== this.sizeFade.current) this.configure(target, this.rt60Seconds, this.damping);
  }

  private startSizeFade(scale: number): void {
    for (let i = 0; i < this.combs.length; i++) {
      const d = tunedLength(FREEVERB_COMB_LENGTHS[i], scale, this.sampleRate, this.right);
      this.combLengths[i] = d;
      this.combs[i].fadeTo(d, loopGainForRt60(d, this.rt60Seconds, this.sampleRate));
    }
    for (let i = 0; i < this.allpasses.length; i++) {
      const d = tunedLength(FREEVERB_ALLPASS_LENGTHS[i], scale, this.sampleRate, this.right);
      this.allpassLengths[i] = d;
      this.allpasses[i].fadeTo(d);
    }
  }
}
