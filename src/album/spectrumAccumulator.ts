/**
 * Long-term average spectrum (LTAS) of a stream, by Welch's method (P. D. Welch, "The use of fast
 * Fourier transform for the estimation of power spectra", IEEE Trans. Audio Electroacoust. 15(2),
 * 1967): Hann-windowed frames with 50 % overlap, power spectra averaged. The mid signal (L+R)/2 is
 * analysed, as matchering does for its matching stage. Memory is one frame, whatever the length.
 */
import { fftInPlace } from '../dsp/fft';
import { GRID_POINTS_PER_OCTAVE, GRID_SIZE, gridFrequency } from './logFrequency';

/** FFT size at a rate: 8192 at 44.1/48 kHz (≈ 5.9 Hz bins), 16384 at 88.2/96 kHz. */
export function spectrumFrameSize(sampleRate: number): number {
  return sampleRate > 60000 ? 16384 : 8192;
}

/** Floor for spectra in dB so silence stays finite (−200 dB ≈ far below any dithered file). */
const POWER_FLOOR = 1e-20;

/** Streams stereo blocks in; `spectrumDb()` gives the average power on the log grid. */
export class SpectrumAccumulator {
  private readonly size: number;
  private readonly hop: number;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  private filled = 0;
  private frames = 0;

  constructor(readonly sampleRate: number) {
    this.size = spectrumFrameSize(sampleRate);
    this.hop = this.size / 2;
    this.window = new Float64Array(this.size);
    // Periodic Hann: 50 % overlapped frames sum to a constant (COLA).
    for (let i = 0; i < this.size; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / this.size);
    this.frame = new Float64Array(this.size);
    this.re = new Float64Array(this.size);
    this.im = new Float64Array(this.size);
    this.power = new Float64Array(this.size / 2 + 1);
  }

  /** Adds `frames` samples of each channel. */
  push(left: ArrayLike<number>, right: ArrayLike<number>, frames: number): void {
    const frame = this.frame;
    let filled = this.filled;
    for (let i = 0; i < frames; i++) {
      frame[filled++] = 0.5 * (left[i] + right[i]);
      if (filled === this.size) {
        this.analyseFrame();
        frame.copyWithin(0, this.hop);
        filled = this.hop;
      }
    }
    this.filled = filled;
  }

  private analyseFrame(): void {
    const { re, im, frame, window, power } = this;
    for (let i = 0; i < this.size; i++) {
      re[i] = frame[i] * window[i];
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k < power.length; k++) power[k] += re[k] * re[k] + im[k] * im[k];
    this.frames += 1;
  }

  /**
   * Average power on the log grid, dB (arbitrary but fixed reference): each grid point is the
   * mean power of the FFT bins within ±1/24 octave of it; where that band holds no bin (low
   * frequencies), the power is interpolated linearly between the two nearest bins.
   * A stream shorter than one frame is analysed as one zero-padded frame.
   */
  spectrumDb(): number[] {
    if (this.frames === 0 && this.filled > 0) {
      this.frame.fill(0, this.filled);
      this.analyseFrame();
    }
    const scale = this.frames > 0 ? 1 / this.frames : 0;
    const binHz = this.sampleRate / this.size;
    const last = this.power.length - 1;
    const out: number[] = [];
    for (let k = 0; k < GRID_SIZE; k++) {
      const f = gridFrequency(k);
      const lo = f * Math.pow(2, -0.5 / GRID_POINTS_PER_OCTAVE);
      const hi = f * Math.pow(2, 0.5 / GRID_POINTS_PER_OCTAVE);
      let sum = 0;
      let count = 0;
      for (let b = Math.ceil(lo / binHz); b < hi / binHz && b <= last; b++) {
        sum += this.power[b];
        count += 1;
      }
      let p: number;
      if (count > 0) p = sum / count;
      else {
        const x = Math.min(f / binHz, last);
        const b = Math.min(Math.floor(x), last - 1);
        const t = x - b;
        p = this.power[b] * (1 - t) + this.power[b + 1] * t;
      }
      out.push(10 * Math.log10(Math.max(p * scale, POWER_FLOOR)));
    }
    return out;
  }
}
