/**
 * Declick for delay-time changes: two read heads and a linear crossfade between them.
 *
 * Moving a single read head to a new delay makes the output jump from w[n − D_old] to
 * w[n − D_new] in one sample — a click. Gliding the head instead would bend the pitch (the
 * "tape" effect), which a mixing delay should not do. So on a change the head at D_old keeps
 * playing while a second head at D_new fades in over `fadeSamples` samples:
 *
 *   y[n] = (1 − g[n])·w(n − D_old) + g[n]·w(n − D_new),   g rising linearly 0 → 1
 *
 * after which D_new becomes the only head. A change that arrives during a fade is held and
 * started as soon as the running fade ends (only the latest such change is kept), so the output
 * never jumps. One instance drives both channels: read every line, then `advance()` once.
 */
import { DelayLine } from '../../dsp/delayLine';

export class DelayTimeCrossfade {
  /** The settled head's delay in samples. */
  private current: number;
  /** The head fading in (valid while `fadePosition > 0`). */
  private incoming: number;
  /** A change received during a fade; NaN when none. */
  private pending = Number.NaN;
  /** Samples of the fade done so far (0 = no fade running). */
  private fadePosition = 0;
  /** Weight of the incoming head for the current sample. */
  private weight = 0;

  /**
   * @param initialDelay starting delay in samples.
   * @param fadeSamples crossfade length in samples (≥ 1).
   */
  constructor(
    initialDelay: number,
    private readonly fadeSamples: number,
  ) {
    this.current = initialDelay;
    this.incoming = initialDelay;
  }

  /** Whether a crossfade is running (two heads are read). */
  get fading(): boolean {
    return this.fadePosition > 0;
  }

  /** The settled head's delay in samples (the only head while not `fading`). */
  get settled(): number {
    return this.current;
  }

  /** The delay in samples the output will settle on. */
  get target(): number {
    if (!Number.isNaN(this.pending)) return this.pending;
    return this.fadePosition > 0 ? this.incoming : this.current;
  }

  /** Requests a new delay; crossfades to it (or queues it behind a running fade). */
  moveTo(delay: number): void {
    if (delay === this.target) return;
    if (this.fadePosition > 0) {
      this.pending = delay;
    } else {
      this.startFade(delay);
    }
  }

  /** Uses `delay` from now on with no fade (first params, reset). */
  jumpTo(delay: number): void {
    this.current = delay;
    this.incoming = delay;
    this.pending = Number.NaN;
    this.fadePosition = 0;
    this.weight = 0;
  }

  /** The output of `line` for this sample (read before the line's `write`). */
  read(line: DelayLine): number {
    const settled = line.readHermite(this.current);
    if (this.fadePosition === 0) return settled;
    const w = this.weight;
    return settled + w * (line.readHermite(this.incoming) - settled);
  }

  /** Moves the fade on by one sample; call once per sample after every `read`. */
  advance(): void {
    if (this.fadePosition === 0) return;
    this.fadePosition++;
    if (this.fadePosition > this.fadeSamples) {
      this.current = this.incoming;
      this.fadePosition = 0;
      this.weight = 0;
      if (!Number.isNaN(this.pending)) {
        const next = this.pending;
        this.pending = Number.NaN;
        if (next !== this.current) this.startFade(next);
      }
      return;
    }
    this.weight = this.fadePosition / (this.fadeSamples + 1);
  }

  private startFade(delay: number): void {
    this.incoming = delay;
    this.fadePosition = 1;
    this.weight = 1 / (this.fadeSamples + 1);
  }
}
