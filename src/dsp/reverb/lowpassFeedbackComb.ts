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
 *
 * The line is a ring of fixed capacity with one write position; the output is read d samples
 * behind it, so d can change without moving any stored sample. While the length is being changed
 * (`fadeTo`, driven by a `TapCrossfade` weight a) the comb reads both positions and crossfades
 * them, and the loop is fed from that same crossfaded tap with the crossfaded gain:
 *
 *   y[n] = (1 − a)·v[n − d_old] + a·v[n − d_new]
 *   v[n] = x[n] + ((1 − a)·g_old + a·g_new) · H{y}[n]
 *
 * so neither the output nor what is written back jumps (see docs/space.md, "Live changes").
 */
import { DENORMAL_FLOOR } from '../denormal';
import { DelayLine, type DelayStorage } from '../delayLine';
import { OnePoleLowpass, type OnePoleLowpassCoefficients } from '../onePoleLowpass';

export class LowpassFeedbackComb {
  /** The loop's delay line (read by the WebAssembly loop, which works on its buffer). */
  readonly line: DelayLine;
  private readonly capacity: number;
  /** d (the incoming length during a fade); read-only outside this class. */
  length = 1;
  /** g for `length`; read-only outside this class. */
  gain = 0;
  /** d_old, the length fading out (meaningful only during a fade). */
  private fadingLength = 1;
  /** g_old for `fadingLength`. */
  private fadingGain = 0;
  /** H's state. */
  readonly damping = new OnePoleLowpass();
  /** Shared coefficients of H; null = no low-pass (H = 1). Read-only outside this class. */
  dampingCoefficients: OnePoleLowpassCoefficients | null = null;

  /**
   * @param capacity the longest delay, in samples, this comb will be configured with.
   * @param storage where the line's samples live (see `DelayStorage`).
   */
  constructor(capacity: number, storage?: DelayStorage) {
    this.capacity = Math.max(1, Math.round(capacity));
    this.line = new DelayLine(this.capacity, storage);
  }

  /**
   * Sets the length at once (first params, reset).
   * @param length d in samples, [1, capacity].
   * @param gain g, the loop gain at DC.
   * @param damping coefficients of H (read on every sample, so retuning them needs no call
   *   here), or null for no low-pass.
   */
  configure(length: number, gain: number, damping: OnePoleLowpassCoefficients | null): void {
    this.length = this.clampLength(length);
    this.gain = gain;
    this.fadingLength = this.length;
    this.fadingGain = gain;
    this.setDamping(damping);
  }

  /**
   * Starts a length change: the current length becomes the one fading out, `length` the one
   * fading in. Use `stepFading` until the fade ends.
   */
  fadeTo(length: number, gain: number): void {
    this.fadingLength = this.length;
    this.fadingGain = this.gain;
    this.length = this.clampLength(length);
    this.gain = gain;
  }

  /**
   * Retunes the gains (a `decay` change) without touching the lengths.
   * @param gain g for the current (incoming) length.
   * @param fadingGain g for the length fading out.
   */
  setGains(gain: number, fadingGain: number, damping: OnePoleLowpassCoefficients | null): void {
    this.gain = gain;
    this.fadingGain = fadingGain;
    this.setDamping(damping);
  }

  /**
   * Runs `frames` samples with no fade running and *adds* the comb's output to `sum`:
   * sum[i] += y[i]. The same arithmetic as `step`, in one loop with the line's write position,
   * the damping state and the coefficients in locals (no call, no clamp per sample; `length` is
   * already within the line). Callers add the combs in a fixed order, so the sum is bit-identical
   * to adding `step` results sample by sample.
   * @param input x, the (pre-delayed) reverb input; finite.
   */
  addBlock(input: Float64Array, sum: Float64Array, frames: number): void {
    const line = this.line;
    const buffer = line.buffer;
    const mask = line.mask;
    let w = line.writeIndex;
    let r = (w - this.length) & mask;
    const g = this.gain;
    const c = this.dampingCoefficients;
    if (c === null) {
      for (let i = 0; i < frames; i++) {
        const y = buffer[r];
        let v = input[i] + g * y;
        if (Math.abs(v) < DENORMAL_FLOOR) v = 0;
        buffer[w] = v;
        w = (w + 1) & mask;
        r = (r + 1) & mask;
        sum[i] += y;
      }
    } else {
      // H inlined: h = b0·y + s; s' = b0·y − a1·h (OnePoleLowpass.step).
      const b0 = c.b0;
      const a1 = c.a1;
      let s = this.damping.state;
      for (let i = 0; i < frames; i++) {
        const y = buffer[r];
        const h = b0 * y + s;
        s = b0 * y - a1 * h;
        if (Math.abs(s) < DENORMAL_FLOOR) s = 0;
        let v = input[i] + g * h;
        if (Math.abs(v) < DENORMAL_FLOOR) v = 0;
        buffer[w] = v;
        w = (w + 1) & mask;
        r = (r + 1) & mask;
        sum[i] += y;
      }
      this.damping.state = s;
    }
    line.writeIndex = w;
  }

  /** Processes one sample and returns the comb's output (no fade running). */
  step(x: number): number {
    return this.feed(x, this.line.readInteger(this.length), this.gain);
  }

  /** Processes one sample during a length fade; `a` is the incoming tap's weight in (0, 1). */
  stepFading(x: number, a: number): number {
    const yOld = this.line.readInteger(this.fadingLength);
    const y = yOld + a * (this.line.readInteger(this.length) - yOld);
    return this.feed(x, y, this.fadingGain + a * (this.gain - this.fadingGain));
  }

  /** v = x + g·H{y} written into the loop (denormals flushed); returns y. */
  private feed(x: number, y: number, g: number): number {
    const c = this.dampingCoefficients;
    const back = c === null ? y : this.damping.step(c, y);
    let v = x + g * back;
    if (Math.abs(v) < DENORMAL_FLOOR) v = 0;
    this.line.write(v);
    return y;
  }

  reset(): void {
    this.line.reset();
    this.damping.reset();
  }

  private clampLength(length: number): number {
    return Math.min(Math.max(1, Math.round(length)), this.capacity);
  }

  private setDamping(damping: OnePoleLowpassCoefficients | null): void {
    if (damping === null && this.dampingCoefficients !== null) this.damping.reset();
    this.dampingCoefficients = damping;
  }
}
