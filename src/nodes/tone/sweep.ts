/**
 * Logarithmic (exponential) sine sweep, the measurement signal of A. Farina ("Simultaneous
 * measurement of impulse response and distortion with a swept-sine technique", AES 108th
 * Convention, 2000): the frequency rises by the same number of octaves every second.
 *
 *   f(t) = f1 · K^(t/T),   K = f2/f1
 *   φ(t) = ∫ f dt = f1·T/ln K · (K^(t/T) − 1)        (cycles)
 *
 * with f1 = 20 Hz, f2 = 20 kHz (K = 1000, almost 10 octaves) and T = 10 s. The sweep repeats;
 * at each restart the phase carries on from where the last sweep ended, so the waveform stays
 * continuous (only its slope changes as 20 kHz drops back to 20 Hz) instead of jumping.
 */

/** Start frequency in Hz. */
export const SWEEP_START_HZ = 20;
/** End frequency in Hz. */
export const SWEEP_END_HZ = 20000;
/** Duration of one sweep in seconds. */
export const SWEEP_SECONDS = 10;

const LOG_RATIO = Math.log(SWEEP_END_HZ / SWEEP_START_HZ);
/** f1·T/ln K: cycles per unit of (K^(t/T) − 1). */
const PHASE_SCALE = (SWEEP_START_HZ * SWEEP_SECONDS) / LOG_RATIO;

/** Instantaneous frequency f(t) in Hz, t in seconds within one sweep (0 ≤ t ≤ T). */
export function sweepFrequency(t: number): number {
  return SWEEP_START_HZ * Math.exp((LOG_RATIO * t) / SWEEP_SECONDS);
}

/**
 * Phase-continuous sweep generator: keeps its own frame counter within the current sweep and
 * the phase (cycles) carried over from earlier sweeps. Allocation-free.
 */
export class SweepOscillator {
  /** Frames in one sweep at the current rate (T·fs, an integer for every supported rate). */
  private readonly periodFrames: number;
  private frame = 0;
  /** Fractional cycles accumulated by previous sweeps, in [0, 1). */
  private phaseOffset = 0;
  /** Cycles completed in one whole sweep, φ(T), reduced to its fractional part. */
  private readonly fullSweepFraction: number;
  private readonly nyquist: number;

  constructor(private readonly sampleRate: number) {
    this.periodFrames = Math.round(SWEEP_SECONDS * sampleRate);
    const cycles = PHASE_SCALE * (SWEEP_END_HZ / SWEEP_START_HZ - 1);
    this.fullSweepFraction = cycles - Math.floor(cycles);
    this.nyquist = sampleRate / 2;
  }

  reset(): void {
    this.frame = 0;
    this.phaseOffset = 0;
  }

  /** sin(2π·φ) for the current frame, then advances one frame. Silent above Nyquist. */
  nextSine(): number {
    const t = this.frame / this.sampleRate;
    const growth = Math.exp((LOG_RATIO * t) / SWEEP_SECONDS);
    let cycles = this.phaseOffset + PHASE_SCALE * (growth - 1);
    cycles -= Math.floor(cycles);
    const value = SWEEP_START_HZ * growth < this.nyquist ? Math.sin(2 * Math.PI * cycles) : 0;
    this.frame++;
    if (this.frame >= this.periodFrames) {
      this.frame = 0;
      const carried = this.phaseOffset + this.fullSweepFraction;
      this.phaseOffset = carried - Math.floor(carried);
    }
    return value;
  }
}
