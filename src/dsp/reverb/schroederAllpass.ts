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

import { DENORMAL_FLOOR } from '../denormal';
import { DelayLine, type DelayStorage } from '../delayLine';

export class SchroederAllpass {
  /** The section's delay line (read by the WebAssembly loop, which works on its buffer). */
  readonly line: DelayLine;
  private readonly capacity: number;
  /** d (the incoming length during a fade); read-only outside this class. */
  length = 1;
  /** d_old, the length fading out (meaningful only during a fade). */
  private fadingLength = 1;

  /**
   * @param capacity the longest delay, in samples, this section will be configured with.
   * @param gain g, |g| < 1.
   * @param storage where the line's samples live (see `DelayStorage`).
   */
  constructor(
    capacity: number,
    readonly gain: number,
    storage?: DelayStorage,
  ) {
    this.capacity = Math.max(1, Math.round(capacity));
    this.line = new DelayLine(this.capacity, storage);
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

  /**
   * Filters `frames` samples of `block` in place with no fade running: the arithmetic of `step` in
   * one loop, state in locals. @param block finite samples.
   */
  processBlock(block: Float64Array, frames: number): void {
    const line = this.line;
    const buffer = line.buffer;
    const mask = line.mask;
    const g = this.gain;
    let w = line.writeIndex;
    let r = (w - this.length) & mask;
    for (let i = 0; i < frames; i++) {
      const delayed = buffer[r];
      let v = block[i] + g * delayed;
      if (Math.abs(v) < DENORMAL_FLOOR) v = 0;
      buffer[w] = v;
      w = (w + 1) & mask;
      r = (r + 1) & mask;
      block[i] = delayed - g * v;
    }
    line.writeIndex = w;
  }

  /** Processes one sample (no fade running). */
  step(x: number): number {
    return this.finish(x, this.line.readInteger(this.length));
  }

  /** Processes one sample during a length fade; `a` is the incoming tap's weight in (0, 1). */
  stepFading(x: number, a: number): number {
    const old = this.line.readInteger(this.fadingLength);
    return this.finish(x, old + a * (this.line.readInteger(this.length) - old));
  }

  reset(): void {
    this.line.reset();
  }

  /** v = x + g·u, written into the line; returns y = u − g·v. */
  private finish(x: number, delayed: number): number {
    let v = x + this.gain * delayed;
    if (Math.abs(v) < DENORMAL_FLOOR) v = 0;
    this.line.write(v);
    return delayed - this.gain * v;
  }

  private clampLength(length: number): number {
    return Math.min(Math.max(1, Math.round(length)), this.capacity);
  }
}
