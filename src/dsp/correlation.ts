/**
 * Phase correlation of a stereo pair, as a correlation meter shows it:
 *
 *   r = Σ L·R / √(Σ L² · Σ R²)        (−1 … +1)
 *
 * the normalised cross-correlation at lag 0 without removing the mean (audio has none worth
 * removing, and every hardware meter reads it this way: +1 mono, 0 unrelated channels, −1 one
 * channel inverted). Where either channel is silent r is undefined; we report `null`.
 *
 * The meter's "usual smoothing" is an exponential average of the three sums (one-pole low-pass of
 * L·R, L² and R² with the same time constant), so a fade does not move the reading: only the
 * relation between the channels does. Pure: no DOM, no Tone.
 */
import type { SampleBuffer } from './loudness';

/** Time constant of the correlation meter's averaging, seconds (common meters: 0.1 … 0.5 s). */
export const CORRELATION_TIME_CONSTANT_SECONDS = 0.3;

/** Energies below this (per sample, ≈ −140 dBFS) count as silence: r is undefined there. */
const SILENCE_ENERGY = 1e-14;

/**
 * Correlation of `left` and `right` over samples [start, end).
 * @returns r in [−1, 1], or null when either channel is silent there.
 */
export function phaseCorrelation(left: SampleBuffer, right: SampleBuffer, start = 0, end = Math.min(left.length, right.length)): number | null {
  let lr = 0;
  let ll = 0;
  let rr = 0;
  for (let i = start; i < end; i++) {
    const l = left[i];
    const r = right[i];
    lr += l * r;
    ll += l * l;
    rr += r * r;
  }
  return ratio(lr, ll, rr, Math.max(1, end - start));
}

function ratio(lr: number, ll: number, rr: number, count: number): number | null {
  if (ll / count < SILENCE_ENERGY || rr / count < SILENCE_ENERGY) return null;
  const r = lr / Math.sqrt(ll * rr);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Streaming correlation meter with exponential smoothing (time constant
 * {@link CORRELATION_TIME_CONSTANT_SECONDS}): each of L·R, L², R² goes through
 *   s[n] = s[n−1] + k·(x[n] − s[n−1]),  k = 1 − e^(−1/(τ·fs))
 * and the reading is s_LR / √(s_LL·s_RR). `push` does not allocate.
 */
export class CorrelationMeter {
  private readonly k: number;
  private lr = 0;
  private ll = 0;
  private rr = 0;

  /** @param sampleRate Hz. @param timeConstantSeconds τ of the averaging. */
  constructor(sampleRate: number, timeConstantSeconds = CORRELATION_TIME_CONSTANT_SECONDS) {
    if (!(sampleRate > 0) || !(timeConstantSeconds > 0)) {
      throw new RangeError(`CorrelationMeter: sampleRate and time constant must be > 0 (got ${sampleRate}, ${timeConstantSeconds})`);
    }
    this.k = 1 - Math.exp(-1 / (timeConstantSeconds * sampleRate));
  }

  /** Pushes `frames` samples of each channel. */
  push(left: SampleBuffer, right: SampleBuffer, frames = Math.min(left.length, right.length)): void {
    const k = this.k;
    let lr = this.lr;
    let ll = this.ll;
    let rr = this.rr;
    for (let i = 0; i < frames; i++) {
      const l = left[i];
      const r = right[i];
      lr += k * (l * r - lr);
      ll += k * (l * l - ll);
      rr += k * (r * r - rr);
    }
    // A non-finite sample must not freeze the meter forever.
    if (!Number.isFinite(lr + ll + rr)) lr = ll = rr = 0;
    this.lr = lr;
    this.ll = ll;
    this.rr = rr;
  }

  /** Smoothed correlation, −1 … +1; null while either channel is (nearly) silent. */
  get value(): number | null {
    return ratio(this.lr, this.ll, this.rr, 1);
  }

  reset(): void {
    this.lr = this.ll = this.rr = 0;
  }
}

/** Statistics of the correlation over short windows of a programme. */
export interface CorrelationStats {
  /** Mean of r over the windows where it is defined; null when all are silent. */
  mean: number | null;
  /** The value below which the lowest 1 % of windows lie (at least the single lowest window). */
  lowest1Percent: number | null;
  /** Windows with a defined r. */
  windows: number;
}

/** Length of the windows of {@link correlationStats}, seconds (a meter's reading: 400 ms). */
export const CORRELATION_WINDOW_SECONDS = 0.4;

/**
 * Correlation in consecutive, non-overlapping windows of {@link CORRELATION_WINDOW_SECONDS}; their
 * mean, and the 1st percentile (lowest 1 %), the number that says "the worst moments go this far
 * out of phase". Silent windows are left out.
 */
export function correlationStats(left: SampleBuffer, right: SampleBuffer, sampleRate: number): CorrelationStats {
  const frames = Math.min(left.length, right.length);
  const window = Math.max(1, Math.round(CORRELATION_WINDOW_SECONDS * sampleRate));
  const values: number[] = [];
  for (let start = 0; start < frames; start += window) {
    const end = Math.min(frames, start + window);
    // A short tail (less than half a window) is not a reading of its own.
    if (end - start < window / 2 && values.length > 0) break;
    const r = phaseCorrelation(left, right, start, end);
    if (r !== null) values.push(r);
  }
  if (values.length === 0) return { mean: null, lowest1Percent: null, windows: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  values.sort((a, b) => a - b);
  const lowest1Percent = values[Math.max(0, Math.ceil(values.length * 0.01) - 1)];
  return { mean, lowest1Percent, windows: values.length };
}
