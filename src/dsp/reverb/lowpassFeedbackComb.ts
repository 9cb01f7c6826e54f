/**
 * Low-pass-feedback comb filter (Moorer's comb, the building block of Freeverb): a delay of d
 * samples whose output is fed back through a one-pole low-pass H and a gain g.
 *
 *   y[n] = v[n − d]                 (the comb's output: the line's oldest sample)
 *   v[n] = x[n] + g · H{y}[n]
 *
 *   Y(z)/X(z) = z^(−d) / (1 − g·H(z)·z^(−d))
 *
 * (J. A. Moorer, "About this reverberation business", Computer Music Journal 3(2), 1979.) H has
 * unit gain at DC, so at low frequencies the loop gain is g and the decay follows
 * `loopGainForRt60`; above H's cutoff each trip round the loop loses more, so highs die sooner.
 * There is no direct path: the first output sample is the input delayed by d.
 */
import { OnePoleLowpass, type OnePoleLowpassCoefficients } from '../onePoleLowpass';

/** Loop values below this magnitude are flushed to 0 so a decaying tail never becomes denormal. */
const DENORMAL_FLOOR = 1e-25;

export class LowpassFeedbackComb {
  private readonly buffer: Float64Array;
  private length = 1;
  private index = 0;
  private gain = 0;
  private readonly damping = new OnePoleLowpass();
  /** Shared coefficients of H; null = no low-pass (H = 1). */
  private dampingCoefficients: OnePoleLowpassCoefficients | null = null;

  /** @param capacity the longest delay, in samples, this comb will be configured with. */
  constructor(capacity: number) {
    this.buffer = new Float64Array(Math.max(1, capacity));
  }

  /**
   * @param length d in samples, [1, capacity].
   * @param gain g, the loop gain at DC.
   * @param damping coefficients of H (read on every sample, so retuning them needs no call
   *   here), or null for no low-pass.
   */
  configure(length: number, gain: number, damping: OnePoleLowpassCoefficients | null): void {
    this.length = Math.min(Math.max(1, Math.round(length)), this.buffer.length);
    if (this.index >= this.length) this.index = 0;
    this.gain = gain;
    if (damping === null && this.dampingCoefficients !== null) this.damping.reset();
    this.dampingCoefficients = damping;
  }

  /** Processes one sample and returns the comb's output. */
  step(x: number): number {
    const buffer = this.buffer;
    const i = this.index;
    const y = buffer[i];
    const c = this.dampingCoefficients;
    const back = c === null ? y : this.damping.step(c, y);
    let v = x + this.gain * back;
    if (!(v >= DENORMAL_FLOOR || v <= -DENORMAL_FLOOR)) v = 0;
    buffer[i] = v;
    this.index = i + 1 === this.length ? 0 : i + 1;
    return y;
  }

  reset(): void {
    this.buffer.fill(0);
    this.index = 0;
    this.damping.reset();
  }
}
