/**
 * Declick for a delay-length change while audio plays: the old and the new read position are
 * both read for `fadeSamples` samples and crossfaded linearly,
 *
 *   y[n] = (1 − a[n])·tap(L_old) + a[n]·tap(L_new),   a[n] = k/(F + 1), k = 1 … F,
 *
 * after which L_new is the only position (the same law as the delay node's time crossfade).
 * Moving a read position at once makes the output jump between two unrelated samples — a click;
 * gliding it would bend the pitch. This class only keeps the schedule (which values, which
 * weight); its owner reads the taps. The "value" is whatever selects the positions: a delay in
 * samples for the pre-delay, the size factor for the reverb's loops. A change arriving during a
 * fade is held (only the latest) and started when the running fade ends, so the output never
 * jumps. Everything is per sample, so the result does not depend on the block size.
 */
export class TapCrossfade {
  /** The settled value (the tap fading out while `fading`). */
  current = 0;
  /** The value fading in (meaningful while `fading`). */
  incoming = 0;
  /** Weight a of the incoming tap for the current sample, in (0, 1) while `fading`, else 0. */
  weight = 0;
  /** A change received during a fade; NaN when none. */
  private pending = Number.NaN;
  /** Samples of the fade done so far, 1 … F (0 = no fade running). */
  private position = 0;

  /** @param fadeSamples F, the crossfade length in samples (≥ 1). */
  constructor(private readonly fadeSamples: number) {}

  /** Whether a crossfade is running (two taps must be read). */
  get fading(): boolean {
    return this.position > 0;
  }

  /** The value the output will settle on. */
  get target(): number {
    if (!Number.isNaN(this.pending)) return this.pending;
    return this.position > 0 ? this.incoming : this.current;
  }

  /** Uses `value` from now on with no fade (first params, reset). */
  jumpTo(value: number): void {
    this.current = value;
    this.incoming = value;
    this.pending = Number.NaN;
    this.position = 0;
    this.weight = 0;
  }

  /**
   * Requests a new value: crossfades to it, or holds it behind a running fade.
   * @returns true when a fade to `value` starts now (the owner then sets up its second taps).
   */
  moveTo(value: number): boolean {
    if (value === this.target) return false;
    if (this.position > 0) {
      this.pending = value;
      return false;
    }
    this.start(value);
    return true;
  }

  /**
   * Moves the fade on by one sample; call once per sample after reading the taps, only while
   * `fading`. @returns true when the fade ended: `current` is now the old `incoming`, and if a held
   * change was waiting, a new fade towards it has started (`fading` is true again).
   */
  advance(): boolean {
    this.position++;
    if (this.position <= this.fadeSamples) {
      this.weight = this.position / (this.fadeSamples + 1);
      return false;
    }
    this.current = this.incoming;
    this.position = 0;
    this.weight = 0;
    const next = this.pending;
    this.pending = Number.NaN;
    if (!Number.isNaN(next) && next !== this.current) this.start(next);
    return true;
  }

  private start(value: number): void {
    this.incoming = value;
    this.position = 1;
    this.weight = 1 / (this.fadeSamples + 1);
  }
}
