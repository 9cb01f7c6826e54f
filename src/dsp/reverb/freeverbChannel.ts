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
 */
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

/** Scale of the comb sum: the average of the eight combs. */
const COMB_SUM_GAIN = 1 / FREEVERB_COMB_LENGTHS.length;

export class FreeverbChannel {
  private readonly combs: LowpassFeedbackComb[];
  private readonly allpasses: SchroederAllpass[];
  /** Current comb lengths in samples (for inspection and tests). */
  readonly combLengths: Int32Array;
  /** Current allpass lengths in samples (for inspection and tests). */
  readonly allpassLengths: Int32Array;

  /**
   * @param sampleRate fs in Hz.
   * @param right whether this is the right channel (lines longer by the stereo spread).
   */
  constructor(
    private readonly sampleRate: number,
    private readonly right: boolean,
  ) {
    this.combs = FREEVERB_COMB_LENGTHS.map(
      (base) => new LowpassFeedbackComb(tunedLength(base, SIZE_SCALE_MAX, sampleRate, right)),
    );
    this.allpasses = FREEVERB_ALLPASS_LENGTHS.map(
      (base) => new SchroederAllpass(tunedLength(base, SIZE_SCALE_MAX, sampleRate, right), FREEVERB_ALLPASS_GAIN),
    );
    this.combLengths = new Int32Array(this.combs.length);
    this.allpassLengths = new Int32Array(this.allpasses.length);
  }

  /**
   * @param scale length factor from `sizeScale(size)`, in [0.3, 1.3].
   * @param rt60Seconds T, the decay time to −60 dB at low frequencies, in s.
   * @param damping coefficients of the in-loop low-pass (shared, may be retuned later), or null.
   */
  configure(scale: number, rt60Seconds: number, damping: OnePoleLowpassCoefficients | null): void {
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

  /** Processes one sample of the (pre-delayed, mono) reverb input; returns this channel's wet output. */
  step(x: number): number {
    const combs = this.combs;
    let sum = 0;
    for (let i = 0; i < combs.length; i++) sum += combs[i].step(x);
    let y = sum * COMB_SUM_GAIN;
    const allpasses = this.allpasses;
    for (let i = 0; i < allpasses.length; i++) y = allpasses[i].step(y);
    return y;
  }

  reset(): void {
    for (const comb of this.combs) comb.reset();
    for (const allpass of this.allpasses) allpass.reset();
  }
}
