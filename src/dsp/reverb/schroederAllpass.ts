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
 *
 * As in `LowpassFeedbackComb`, the line is a fixed-capacity ring read d samples behind its write
 * position. During a length change (`fadeTo`) the delayed term is the crossfade of both taps,
 * u = (1 − a)·v[n − d_old] + a·v[n − d_new], used in both equations (v = x + g·u, y = u − g·v).
 */

/** Loop values below this magnitude are flushed to 0 so a decaying tail never becomes denormal. */
const DENORMAL_FLOOR = 1e-25;

export class SchroederAllpass {
  private readonly buffer: Float64Array;
  /** d (the incoming length during a fade). */
  private length = 1;
  /** d_old, the length fading out (meaningful only during a fade). */
  private fadingLength = 1;
  /** Where v[n] is written. */
  private writeIndex = 0;

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

  /** Sets the length at once (first params, reset). @param length d in samples, [1, capacity]. */
  configure(length: number): void {
    this.length = this.clampLength(length);
    this.fadingLength = this.length;
  }

  /** Starts a length change; use `stepFading` until the fade ends. @param length new d in samples. */
  fadeTo(length: number): void {
    this.fadingLength = this.length;
    this.length = this.clampLength(length);
  }

  /** Processes one sample (no fade running). */
  step(x: number): number {
    const buffer = this.buffer;
    const w = this.writeIndex;
    let r = w - this.length;
    if (r < 0) r += buffer.length;
    return this.finish(x, buffer[r], w);
  }

  /** Processes one sample during a length fade; `a` is the incoming tap's weight in (0, 1). */
  stepFading(x: number, a: number): number {
    const buffer = this.buffer;
    const cap = buffer.length;
    const w = this.writeIndex;
    let rOld = w - this.fadingLength;
    if (rOld < 0) rOld += cap;
    let rNew = w - this.length;
    if (rNew < 0) rNew += cap;
    const old = buffer[rOld];
    return this.finish(x, old + a * (buffer[rNew] - old), w);
  }

  reset(): void {
    this.buffer.fill(0);
    this.writeIndex = 0;
  }

  /** v = x + g·u, stored at the write position; returns y = u − g·v. */
  private finish(x: number, delayed: number, w: number): number {
    const buffer = this.buffer;
    let v = x + this.gain * delayed;
    if (!(v >= DENORMAL_FLOOR || v <= -DENORMAL_FLOOR)) v = 0;
    buffer[w] = v;
    this.writeIndex = w + 1 === buffer.length ? 0 : w + 1;
    return delayed - this.gain * v;
  }

  private clampLength(length: number): number {
    return Math.min(Math.max(1, Math.round(length)), this.buffer.length);
  }
}
