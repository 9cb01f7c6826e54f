/**
 * Applies a matching correction (a dB curve on the log grid) to a clip as a linear-phase FIR
 * filter, designed by frequency sampling with a window (Oppenheim & Schafer, Discrete-Time Signal
 * Processing, § 7.6; the approach matchering takes with its FIR stage): the wanted magnitude is
 * sampled on N FFT bins with zero phase, inverse-transformed, centred at N/2 and Hann-windowed.
 * The FIR is symmetric, so its delay is exactly N/2 samples, which is removed: the output lines
 * up with the input sample for sample. Convolution is FFT overlap-add in blocks of N.
 */
import { fftInPlace } from '../dsp/fft';
import { interpolateGrid } from './logFrequency';
import { spectrumFrameSize } from './spectrumAccumulator';

/** A designed filter: N taps, delay N/2, and its 2N-point spectrum for fast convolution. */
export interface MatchFilter {
  taps: Float64Array;
  delay: number;
  spectrumRe: Float64Array;
  spectrumIm: Float64Array;
}

/** Inverse FFT through the forward one: x = conj(FFT(conj(X)))/N. */
function inverseFft(re: Float64Array, im: Float64Array): void {
  for (let i = 0; i < im.length; i++) im[i] = -im[i];
  fftInPlace(re, im);
  const n = re.length;
  for (let i = 0; i < n; i++) {
    re[i] /= n;
    im[i] = -im[i] / n;
  }
}

/**
 * Designs the FIR for a correction curve at `sampleRate`. Its length N equals the spectrum
 * analysis frame (8192 at 48 kHz: ≈ 5.9 Hz resolution, enough for 1/3 octave at 30 Hz).
 */
export function designMatchFilter(correctionDb: readonly number[], sampleRate: number): MatchFilter {
  const n = spectrumFrameSize(sampleRate);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k <= n / 2; k++) {
    const hz = (k * sampleRate) / n;
    const gain = Math.pow(10, (k === 0 ? correctionDb[0] : interpolateGrid(correctionDb, hz)) / 20);
    re[k] = gain;
    if (k > 0 && k < n / 2) re[n - k] = gain;
  }
  inverseFft(re, im);
  const taps = new Float64Array(n);
  const delay = n / 2;
  for (let i = 0; i < n; i++) {
    // Periodic Hann centred on the delay: symmetric about n/2, so the phase stays linear.
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    taps[i] = re[(i - delay + n) % n] * w;
  }
  const spectrumRe = new Float64Array(2 * n);
  const spectrumIm = new Float64Array(2 * n);
  spectrumRe.set(taps);
  fftInPlace(spectrumRe, spectrumIm);
  return { taps, delay, spectrumRe, spectrumIm };
}

/** True when every value of the curve is 0 (matching off or nothing to do). */
export function isFlat(correctionDb: readonly number[]): boolean {
  return correctionDb.every((v) => v === 0);
}

/**
 * Filters one channel, returning a new array of the same length aligned with the input
 * (y[n] = Σ h[k]·x[n + N/2 − k], zeros outside the clip).
 */
export function applyMatchFilter(filter: MatchFilter, input: Float32Array): Float32Array {
  const n = filter.taps.length;
  const size = 2 * n;
  const output = new Float32Array(input.length);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const tail = new Float64Array(n);
  const { spectrumRe: hr, spectrumIm: hi, delay } = filter;
  // Block b holds input[b·n …); its full convolution covers outputs (before the delay is removed)
  // b·n … b·n + 2n − 1; the first half is final once the previous block's tail is added.
  const blocks = Math.ceil((input.length + delay) / n);
  for (let b = 0; b < blocks; b++) {
    re.fill(0);
    im.fill(0);
    const start = b * n;
    const count = Math.max(0, Math.min(n, input.length - start));
    for (let i = 0; i < count; i++) re[i] = input[start + i];
    fftInPlace(re, im);
    for (let k = 0; k < size; k++) {
      const r = re[k] * hr[k] - im[k] * hi[k];
      const m = re[k] * hi[k] + im[k] * hr[k];
      re[k] = r;
      im[k] = m;
    }
    inverseFft(re, im);
    for (let i = 0; i < n; i++) {
      const at = start + i - delay;
      if (at >= 0 && at < output.length) output[at] = re[i] + tail[i];
      tail[i] = re[n + i];
    }
  }
  return output;
}
