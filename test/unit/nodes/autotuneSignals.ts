/**
 * Test material for the autotune node, written independently of src/dsp/pitch: a synthesized
 * voice (a Rosenberg glottal pulse train through formant resonators), an autocorrelation pitch
 * tracker with parabolic interpolation (not McLeod's method, which the kernel uses), and the
 * measurements the tests compare against (cents to a note, 1/3-octave band levels, LPC formants).
 */

export const SR = 48000;

/** MIDI note → Hz (A4 = 440 Hz, 12-TET). */
export function midiHz(midi: number): number {
  return 440 * Math.pow(2, (midi - 69) / 12);
}

/** Hz → MIDI note number (real). */
export function hzMidi(hz: number): number {
  return 69 + 12 * Math.log2(hz / 440);
}

/** Vowel /a/ formants (Peterson & Barney 1952, adult male): centre and bandwidth, Hz. */
export const VOWEL_A: readonly (readonly [number, number])[] = [
  [730, 90],
  [1090, 110],
  [2440, 170],
];

/** Vowel /ɛ/ ("head"; Peterson & Barney 1952, adult male): formants well apart, for LPC. */
export const VOWEL_E: readonly (readonly [number, number])[] = [
  [530, 70],
  [1840, 100],
  [2480, 130],
];

/**
 * A sung vowel whose fundamental follows `f0(t)` (Hz; t in seconds): a Rosenberg glottal pulse
 * (A. E. Rosenberg, JASA 49, 1971: rise ½(1 − cos(π·φ/0.4)), fall cos(π(φ − 0.4)/0.32), closed
 * after φ = 0.56), differentiated (lip radiation), through two-pole resonators at the formants.
 * Peak-normalised to `peak`. f0 = 0 gives silence for that sample.
 */
export function synthVoice(f0: (t: number) => number, seconds: number, peak = 0.5, formants = VOWEL_A, sampleRate = SR): Float32Array {
  const frames = Math.round(seconds * sampleRate);
  const out = new Float64Array(frames);
  let phase = 0;
  let previous = 0;
  const states = formants.map(() => ({ y1: 0, y2: 0 }));
  const coefficients = formants.map(([f, b]) => {
    const r = Math.exp((-Math.PI * b) / sampleRate);
    return { a1: 2 * r * Math.cos((2 * Math.PI * f) / sampleRate), a2: -r * r, gain: 1 - r };
  });
  for (let n = 0; n < frames; n++) {
    const f = f0(n / sampleRate);
    let glottal = 0;
    if (f > 0) {
      phase += f / sampleRate;
      phase -= Math.floor(phase);
      if (phase < 0.4) glottal = 0.5 * (1 - Math.cos((Math.PI * phase) / 0.4));
      else if (phase < 0.56) glottal = Math.cos((Math.PI * (phase - 0.4)) / 0.32);
    }
    let x = glottal - previous;
    previous = glottal;
    for (let k = 0; k < coefficients.length; k++) {
      const c = coefficients[k];
      const s = states[k];
      const y = c.gain * x + c.a1 * s.y1 + c.a2 * s.y2;
      s.y2 = s.y1;
      s.y1 = y;
      x = y;
    }
    out[n] = x;
  }
  let max = 0;
  for (const v of out) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? peak / max : 0;
  return Float32Array.from(out, (v) => v * scale);
}

/**
 * Pitch of x[start, start + length) by autocorrelation: r(τ) = Σ x_j·x_{j+τ} / Σ over the overlap
 * normalised by √(energy of both parts); the first peak within 0.95 of the highest in
 * [fs/maxHz, fs/minHz], refined by parabolic interpolation. @returns Hz, or 0 if none.
 */
export function acfPitch(x: Float32Array, start: number, length: number, minHz = 60, maxHz = 1200, sampleRate = SR): number {
  const minLag = Math.floor(sampleRate / maxHz);
  const maxLag = Math.ceil(sampleRate / minHz);
  const r = new Float64Array(maxLag + 2);
  for (let tau = minLag - 1; tau <= maxLag + 1; tau++) {
    let s = 0;
    let e0 = 0;
    let e1 = 0;
    for (let j = start; j < start + length; j++) {
      const a = x[j];
      const b = x[j + tau];
      s += a * b;
      e0 += a * a;
      e1 += b * b;
    }
    r[tau] = e0 > 0 && e1 > 0 ? s / Math.sqrt(e0 * e1) : 0;
  }
  let highest = 0;
  for (let tau = minLag; tau <= maxLag; tau++) if (r[tau] > r[tau - 1] && r[tau] >= r[tau + 1]) highest = Math.max(highest, r[tau]);
  if (highest <= 0) return 0;
  for (let tau = minLag; tau <= maxLag; tau++) {
    if (r[tau] > r[tau - 1] && r[tau] >= r[tau + 1] && r[tau] >= 0.95 * highest) {
      const a = r[tau - 1];
      const b = r[tau];
      const c = r[tau + 1];
      const d = a - 2 * b + c;
      const lag = tau + (d < 0 ? (0.5 * (a - c)) / d : 0);
      return sampleRate / lag;
    }
  }
  return 0;
}

/** Pitch track: acfPitch every `hop` samples over windows of `length`, [from, to). */
export function pitchTrack(x: Float32Array, from: number, to: number, hop = 480, length = 2048): { time: number; hz: number }[] {
  const track: { time: number; hz: number }[] = [];
  for (let s = from; s + length + 1200 < to; s += hop) track.push({ time: (s + length / 2) / SR, hz: acfPitch(x, s, length) });
  return track;
}

/** |cents| from `hz` to the nearest note whose pitch class is in `allowed` (0 = C). */
export function centsToNearest(hz: number, allowed: readonly number[]): number {
  const m = hzMidi(hz);
  let best = Infinity;
  for (let note = Math.floor(m) - 12; note <= Math.ceil(m) + 12; note++) {
    if (allowed.includes(((note % 12) + 12) % 12)) best = Math.min(best, Math.abs(m - note) * 100);
  }
  return best;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

/** Deterministic white noise in [−amplitude, amplitude] (xorshift32). */
export function whiteNoise(frames: number, amplitude: number, seed = 12345): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[n] = ((s / 4294967296) * 2 - 1) * amplitude;
  }
  return out;
}

/**
 * Band powers in 1/3-octave bands (IEC 61260 base-10 centres 10^(k/10), 50 Hz … 16 kHz) of
 * x[from, to), by a direct DFT power spectrum of Hann-windowed 4096-sample frames, averaged.
 * @returns dB per band.
 */
export function thirdOctaveLevels(x: Float32Array, from: number, to: number, sampleRate = SR): number[] {
  const size = 4096;
  const bins = size / 2;
  const power = new Float64Array(bins);
  const window = Float64Array.from({ length: size }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let start = from; start + size <= to; start += size / 2) {
    for (let i = 0; i < size; i++) {
      re[i] = x[start + i] * window[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < bins; k++) power[k] += re[k] * re[k] + im[k] * im[k];
  }
  const levels: number[] = [];
  for (let k = 17; k <= 42; k++) {
    const centre = Math.pow(10, k / 10);
    const lo = centre / Math.pow(2, 1 / 6);
    const hi = centre * Math.pow(2, 1 / 6);
    let sum = 0;
    for (let b = Math.ceil((lo * size) / sampleRate); b <= Math.floor((hi * size) / sampleRate) && b < bins; b++) sum += power[b];
    levels.push(10 * Math.log10(sum + 1e-30));
  }
  return levels;
}

/** In-place radix-2 FFT (Cooley–Tukey), for the band levels above. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const ar = re[i + k + len / 2] * wr - im[i + k + len / 2] * wi;
        const ai = re[i + k + len / 2] * wi + im[i + k + len / 2] * wr;
        re[i + k + len / 2] = re[i + k] - ar;
        im[i + k + len / 2] = im[i + k] - ai;
        re[i + k] += ar;
        im[i + k] += ai;
      }
    }
  }
}

/**
 * Formant frequencies of x[from, to) from an LPC spectral envelope: the signal is low-passed
 * (windowed-sinc FIR, 127 taps, Blackman, cut-off 3.8 kHz) and decimated by 6 to 8 kHz, then the
 * autocorrelation method (pre-emphasis 1 − 0.9 z⁻¹, Hamming window, Levinson–Durbin) of order
 * `order` (fs/1000 + 2 = 10, the usual rule for speech) gives A(z); the local maxima of
 * 1/|A(e^{jω})| on a 5 Hz grid up to `maxHz` are returned in Hz.
 */
export function lpcFormants(x: Float32Array, from: number, to: number, order = 10, maxHz = 3500, sampleRate = SR): number[] {
  const factor = 6;
  const rate = sampleRate / factor;
  const taps = 127;
  const half = (taps - 1) / 2;
  const cutoff = 3800 / sampleRate;
  const fir = Float64Array.from({ length: taps }, (_, i) => {
    const k = i - half;
    const sinc = k === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
    const blackman = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    return sinc * blackman;
  });
  const n = Math.floor((to - from - taps) / factor);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = from + i * factor;
    for (let k = 0; k < taps; k++) s += fir[k] * x[base + k];
    down[i] = s;
  }
  const frame = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pre = down[i] - 0.9 * (i > 0 ? down[i - 1] : 0);
    frame[i] = pre * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
  }
  const r = new Float64Array(order + 1);
  for (let k = 0; k <= order; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += frame[i] * frame[i - k];
    r[k] = s;
  }
  r[0] *= 1 + 1e-9;
  // Levinson–Durbin.
  let a = new Float64Array(order + 1);
  a[0] = 1;
  let err = r[0];
  for (let i = 1; i <= order; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / err;
    const next = Float64Array.from(a);
    for (let j = 1; j < i; j++) next[j] = a[j] + k * a[i - j];
    next[i] = k;
    a = next;
    err *= 1 - k * k;
  }
  const envelope: number[] = [];
  for (let f = 0; f <= maxHz; f += 5) {
    const w = (2 * Math.PI * f) / rate;
    let re = 0;
    let im = 0;
    for (let k = 0; k <= order; k++) {
      re += a[k] * Math.cos(w * k);
      im -= a[k] * Math.sin(w * k);
    }
    envelope.push(-10 * Math.log10(re * re + im * im));
  }
  const peaks: number[] = [];
  for (let i = 1; i + 1 < envelope.length; i++) if (envelope[i] > envelope[i - 1] && envelope[i] >= envelope[i + 1]) peaks.push(i * 5);
  return peaks;
}
