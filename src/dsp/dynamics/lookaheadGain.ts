/**
 * Gain path of a lookahead brickwall limiter. It turns a stream of *required* gains r[k] (the most
 * gain sample k may receive, ≤ 1) into a smooth gain g[j] that never exceeds the requirement of
 * any sample near j:
 *
 *   1. hold      h[j] = min_{k = j−a}^{j+L+a} r[k]        sliding minimum, W = L + 2a + 1 samples
 *   2. release   e[j] = h[j]                              if h[j] ≤ e[j−1]   (attack: instant)
 *                e[j] = h[j] − α_R·(h[j] − e[j−1])        otherwise         (α_R = exp(−1/(τ_R·fs)))
 *   3. smooth    g[j] = (1/(L+1)) · Σ_{i=0}^{L} e[j−i]    moving average over L + 1 samples
 *
 * Why g[j'] ≤ r[k] for every j' in [k − a, k + a]: g[j'] averages e[j'−L … j'], each e ≤ h, and
 * every h[i] with i in [j' − L, j'] ⊆ [k − a − L, k + a] takes its minimum over a window that
 * contains k. An average of values ≤ r[k] is ≤ r[k]. So the gain is already down by the time the
 * loud sample arrives (the fall is a linear ramp L + 1 samples long, no click), stays down for
 * `a` samples on either side of it (the guard that covers a true-peak interpolator's support), and
 * recovers exponentially with the release time constant, smoothed by the same moving average.
 * This is the "hold the minimum over the lookahead, then a box filter that fits inside it" design
 * common to lookahead limiters (e.g. G. Luff, "Designing a straightforward limiter",
 * Signalsmith Audio blog), written here with an O(1) sliding minimum.
 *
 * Timing: `push(r[k])` returns g[k − L − a], so the audio must be delayed by `delaySamples`
 * = L + a samples to meet its gain.
 */
import { MovingAverage } from './movingAverage';
import { SlidingMinimum } from './slidingMinimum';
import { onePoleCoefficient } from './timeConstant';

export class LookaheadGain {
  private readonly hold: SlidingMinimum;
  private readonly smooth: MovingAverage;
  private rampLength = 0;
  private guard = 0;
  private releaseCoeff = 0;
  private released = 1;

  /**
   * @param maxRampLength largest L (samples) `configure` will be given.
   * @param maxGuard largest a (samples) `configure` will be given.
   */
  constructor(maxRampLength: number, maxGuard: number) {
    const rampCapacity = Math.max(0, Math.ceil(maxRampLength));
    const guardCapacity = Math.max(0, Math.ceil(maxGuard));
    this.hold = new SlidingMinimum(rampCapacity + 2 * guardCapacity + 1);
    this.smooth = new MovingAverage(rampCapacity + 1);
  }

  /**
   * Sets the timing and clears the state to unity gain.
   * @param rampLength L in samples (≥ 0): the gain starts falling L samples before a peak.
   * @param guard a in samples (≥ 0): the gain is held down this long on both sides of a peak.
   * @param releaseSeconds τ_R in seconds.
   * @param sampleRate fs in Hz.
   */
  configure(rampLength: number, guard: number, releaseSeconds: number, sampleRate: number): void {
    this.rampLength = Math.min(this.smooth.capacity - 1, Math.max(0, Math.round(rampLength)));
    const maxGuard = Math.floor((this.hold.capacity - this.rampLength - 1) / 2);
    this.guard = Math.min(maxGuard, Math.max(0, Math.round(guard)));
    this.hold.configure(this.rampLength + 2 * this.guard + 1);
    this.smooth.configure(this.rampLength + 1, 1);
    this.releaseCoeff = onePoleCoefficient(releaseSeconds, sampleRate);
    this.reset();
  }

  /** Changes only the release time, keeping the state (no latency change, no glitch). */
  setRelease(releaseSeconds: number, sampleRate: number): void {
    this.releaseCoeff = onePoleCoefficient(releaseSeconds, sampleRate);
  }

  /** L in samples, as configured (after clamping to the capacity). */
  get rampSamples(): number {
    return this.rampLength;
  }

  /** a in samples, as configured (after clamping to the capacity). */
  get guardSamples(): number {
    return this.guard;
  }

  /** α_R = exp(−1/(τ_R·fs)) of the release in use. */
  get releaseCoefficient(): number {
    return this.releaseCoeff;
  }

  /** L + a: how many samples `push` lags behind its input. */
  get delaySamples(): number {
    return this.rampLength + this.guard;
  }

  /** Back to unity gain with no history (as after a long silence). */
  reset(): void {
    this.hold.reset();
    this.smooth.reset();
    this.released = 1;
  }

  /**
   * Pushes r[k] (in (0, 1]) and returns g[k − L − a] in (0, 1].
   */
  push(required: number): number {
    const held = this.hold.push(required);
    let released: number;
    if (held <= this.released) {
      released = held;
    } else {
      released = held - this.releaseCoeff * (held - this.released);
    }
    this.released = released;
    return this.smooth.push(released);
  }

  /**
   * `push` for each of required[0 … count), writing g to gains[i] (gains may be required): the
   * hold, the release and the average each run as one loop over the block (same values).
   */
  pushBlock(required: Float64Array, gains: Float64Array, count: number): void {
    this.hold.pushBlock(required, gains, count);
    const releaseCoeff = this.releaseCoeff;
    let released = this.released;
    for (let i = 0; i < count; i++) {
      const held = gains[i];
      released = held <= released ? held : held - releaseCoeff * (held - released);
      gains[i] = released;
    }
    this.released = released;
    this.smooth.pushBlock(gains, gains, count);
  }
}
