/**
 * A parameter value that glides linearly to a new target over a fixed number of samples, so a
 * gain that changes while audio plays (a knob turned in the live engine) does not step and click.
 *
 * Unlike a one-pole smoother it lands *exactly* on the target after the ramp, so a value set once
 * (an offline render) is used bit-exactly from the first sample.
 */
export class LinearRamp {
  /** The value for the current sample. */
  value: number;
  private target: number;
  private increment = 0;
  private remaining = 0;

  constructor(initial: number) {
    this.value = initial;
    this.target = initial;
  }

  /**
   * Starts a ramp from the current value to `target` lasting `samples` samples (≤ 0: jump now).
   * A new target during a ramp starts a fresh ramp from wherever the value is.
   */
  rampTo(target: number, samples: number): void {
    if (target === this.target && this.remaining === 0) return;
    this.target = target;
    if (samples <= 0 || target === this.value) {
      this.jumpTo(target);
      return;
    }
    this.remaining = Math.round(samples);
    this.increment = (target - this.value) / this.remaining;
  }

  /** Sets the value immediately, cancelling any ramp. */
  jumpTo(target: number): void {
    this.target = target;
    this.value = target;
    this.remaining = 0;
    this.increment = 0;
  }

  /**
   * Whether a ramp is under way. When false, `next()` returns `value` unchanged for every sample,
   * so a block loop may read `value` once instead of calling `next()` per sample.
   */
  get ramping(): boolean {
    return this.remaining > 0;
  }

  /** Returns the value for this sample and advances one sample. */
  next(): number {
    const v = this.value;
    if (this.remaining > 0) {
      this.remaining--;
      this.value = this.remaining === 0 ? this.target : this.value + this.increment;
    }
    return v;
  }
}
