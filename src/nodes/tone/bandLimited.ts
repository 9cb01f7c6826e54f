/**
 * Band-limited square and sawtooth waves by additive synthesis: the Fourier series truncated
 * below Nyquist, so nothing folds back (no aliasing), and scaled so the continuous waveform's
 * highest peak (Gibbs overshoot included) is exactly the requested peak.
 *
 * Fourier series (the conventions of the Web Audio API's OscillatorNode, section "Basic
 * Waveform Phase": sine phase 0 at the start of the period):
 *   square(θ) = (4/π) Σ_{k odd} sin(kθ)/k                     (+1 on the first half-period)
 *   saw(θ)    = (2/π) Σ_{k≥1} (−1)^{k+1} sin(kθ)/k             (ramp rising from 0 to +1 at θ = π)
 * with every kept harmonic k·f strictly below Nyquist (fs/2).
 *
 * Per sample, sin(kθ) for all k comes from the Chebyshev recurrence
 *   sin((k+d)θ) = 2·cos(dθ)·sin(kθ) − sin((k−d)θ)
 * (d = 1 for the saw, 2 for the square's odd harmonics), restarted from sin θ every sample, so
 * the cost is one multiply-add per harmonic and rounding never accumulates over time.
 */

/** The waves this module builds. */
export type BandLimitedShape = 'square' | 'saw';

const TWO_PI = 2 * Math.PI;

/**
 * Number of harmonics kept for a fundamental `frequency` (Hz) at `sampleRate` (Hz): every k with
 * k·f < fs/2 (strictly), counting only odd k for the square.
 */
export function harmonicCount(shape: BandLimitedShape, frequency: number, sampleRate: number): number {
  const nyquist = sampleRate / 2;
  if (!(frequency > 0) || frequency >= nyquist) return 0;
  // Largest k with k·f < nyquist.
  const highest = Math.ceil(nyquist / frequency) - 1;
  return shape === 'saw' ? highest : Math.floor((highest + 1) / 2);
}

/**
 * A band-limited square or saw with precomputed, peak-normalised harmonic amplitudes.
 * `configure` (called from `setParams`) does the O(harmonics) work; `valueAt` allocates nothing.
 */
export class BandLimitedWave {
  /** Amplitude of each kept harmonic, already scaled to the requested peak. */
  private readonly amplitudes: Float64Array;
  private count = 0;
  private shape: BandLimitedShape = 'square';

  /** @param maxHarmonics capacity: the most harmonics any `configure` call may need. */
  constructor(maxHarmonics: number) {
    this.amplitudes = new Float64Array(Math.max(1, maxHarmonics));
  }

  /** Harmonics needed for the lowest `minFrequency` at `sampleRate` (a saw needs the most). */
  static capacityFor(minFrequency: number, sampleRate: number): number {
    return harmonicCount('saw', minFrequency, sampleRate);
  }

  /**
   * Sets the wave, fundamental and peak.
   * @param frequency fundamental in Hz; at or above Nyquist the wave is silent.
   * @param peak highest absolute value of the continuous waveform (linear, ≥ 0).
   */
  configure(shape: BandLimitedShape, frequency: number, sampleRate: number, peak: number): void {
    this.shape = shape;
    this.count = Math.min(harmonicCount(shape, frequency, sampleRate), this.amplitudes.length);
    for (let i = 0; i < this.count; i++) {
      const k = shape === 'saw' ? i + 1 : 2 * i + 1;
      this.amplitudes[i] = shape === 'saw' ? ((k % 2 === 1 ? 2 : -2) / (Math.PI * k)) : 4 / (Math.PI * k);
    }
    if (this.count === 0) return;
    const scale = peak / this.seriesPeak();
    for (let i = 0; i < this.count; i++) this.amplitudes[i] *= scale;
  }

  /**
   * Largest |partial sum| over a period. The derivative of the truncated series is a Dirichlet
   * kernel whose zeros are known in closed form; the maxima sit at
   *   square: θ = (2j+1)·π/(2M)     (M odd harmonics)
   *   saw:    θ = π − (2j+1)·π/(N+1) (N harmonics)
   * and the first (j = 0, next to the jump) is the Gibbs peak, the largest. A few j are evaluated
   * anyway so the result never underestimates the peak.
   */
  private seriesPeak(): number {
    let best = 0;
    const n = this.count;
    for (let j = 0; j < 3; j++) {
      const theta = this.shape === 'square' ? ((2 * j + 1) * Math.PI) / (2 * n) : Math.PI - ((2 * j + 1) * Math.PI) / (n + 1);
      if (theta <= 0 || theta >= Math.PI) continue;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const k = this.shape === 'saw' ? i + 1 : 2 * i + 1;
        sum += this.amplitudes[i] * Math.sin(k * theta);
      }
      best = Math.max(best, Math.abs(sum));
    }
    return best > 0 ? best : 1;
  }

  /** The wave at `phase` (cycles, in [0, 1)). */
  valueAt(phase: number): number {
    const n = this.count;
    if (n === 0) return 0;
    const theta = TWO_PI * phase;
    const s1 = Math.sin(theta);
    // Step d = 1 (all harmonics) or d = 2 (odd ones): sin((k+d)θ) = 2cos(dθ)·sin(kθ) − sin((k−d)θ).
    const twoCosStep = this.shape === 'saw' ? 2 * Math.cos(theta) : 2 * Math.cos(2 * theta);
    // The harmonic before the first: sin(0·θ) = 0 for the saw, sin(−θ) = −sin θ for the square.
    let previous = this.shape === 'saw' ? 0 : -s1;
    let current = s1;
    let sum = 0;
    const a = this.amplitudes;
    for (let i = 0; i < n; i++) {
      sum += a[i] * current;
      const next = twoCosStep * current - previous;
      previous = current;
      current = next;
    }
    return sum;
  }
}
