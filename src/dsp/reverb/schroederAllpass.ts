/**
 * Schroeder allpass section of delay d and gain g:
 *
 *   v[n] = x[n] + g·v[n − d]
 *   y[n] = v[n − d] − g·v[n]
 *
 *   Y(z)/X(z) = (z^(−d) − g) / (1 − g·z^(−d)),   |H(e^{jω})| = 1 for every ω
 *
 * (M. R. Schroeder & B. F. Logan, "'Colorless' artificial reverberation", IRE Trans. Audio
 * AU-9(6), 1961.) It smears an echo into a dense burst without colouring the long-term spectrum.
 * Freeverb's own "allpass" computes y = v[n − d] − x[n], which is only approximately allpass; we
 * use the exact form. The direct path (−g·x[n]) means it adds no onset delay.
 */

/** Loop values below this magnitude are flushed to 0 so a decaying tail never becomes denormal. */
const DENORMAL_FLOOR = 1e-25;

export class SchroederAllpass {
  private readonly buffer: Float64Array;
  private length = 1;
  private index = 0;

  /**
   * @param capacity the longest delay, in samples, this section will be configured with.
   * @param gain g, |g| < 1.
   */
  constructor(
    capacity: number,
    private readonly gain: number,
  ) {
    this.buffer = new Float64Array(Math.max(1, capacity));
  }

  /** @param length d in samples, [1, capacity]. */
  configure(length: number): void {
    this.length = Math.min(Math.max(1, Math.round(length)), this.buffer.length);
    if (this.index >= this.length) this.index = 0;
  }

  /** Processes one sample. */
  step(x: number): number {
    const buffer = this.buffer;
    const i = this.index;
    const delayed = buffer[i];
    let v = x + this.gain * delayed;
    if (!(v >= DENORMAL_FLOOR || v <= -DENORMAL_FLOOR)) v = 0;
    buffer[i] = v;
    this.index = i + 1 === this.length ? 0 : i + 1;
    return delayed - this.gain * v;
  }

  reset(): void {
    this.buffer.fill(0);
    this.index = 0;
  }
}
