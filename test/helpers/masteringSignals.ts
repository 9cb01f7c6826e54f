/**
 * The loud test material of issue 9's table, stereo, deterministic (seeded): pink noise, a
 * music-like mix (saw pads, kick, noise hats), a 997 Hz square wave, uniform white noise and an
 * 11025 Hz sine. Levels are the issue's; drive them with the limiter's input gain.
 */
import { NoiseSource } from '../../src/dsp/noise';

/** Two channels of equal length. */
export interface Stereo {
  left: Float32Array;
  right: Float32Array;
}

const fromDb = (db: number): number => Math.pow(10, db / 20);

/** Independent pink noise per channel at `rmsDb` dBFS RMS (default −14). */
export function pinkNoise(frames: number, seed = 1, rmsDb = -14): Stereo {
  const l = new NoiseSource(seed);
  const r = new NoiseSource(seed + 1000);
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  const g = fromDb(rmsDb);
  for (let i = 0; i < frames; i++) {
    out.left[i] = g * l.pink();
    out.right[i] = g * r.pink();
  }
  return out;
}

/** Independent uniform white noise per channel, peak `peak` (default 0.25, −12 dBFS). */
export function whiteNoise(frames: number, seed = 7, peak = 0.25): Stereo {
  const l = new NoiseSource(seed);
  const r = new NoiseSource(seed + 1000);
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  // white() is uniform with RMS 1, i.e. within ±√3.
  const g = peak / Math.sqrt(3);
  for (let i = 0; i < frames; i++) {
    out.left[i] = g * l.white();
    out.right[i] = g * r.white();
  }
  return out;
}

/** A naive (not band-limited) square wave of `frequency` Hz at `peakDb` dBFS on both channels. */
export function squareWave(frames: number, sampleRate: number, frequency = 997, peakDb = -6): Stereo {
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  const a = fromDb(peakDb);
  for (let i = 0; i < frames; i++) {
    const phase = ((i * frequency) / sampleRate) % 1;
    out.left[i] = out.right[i] = phase < 0.5 ? a : -a;
  }
  return out;
}

/** A sine of `frequency` Hz at `peakDb` dBFS on both channels (starting at phase 0.3 rad). */
export function sineWave(frames: number, sampleRate: number, frequency: number, peakDb: number): Stereo {
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  const a = fromDb(peakDb);
  for (let i = 0; i < frames; i++) out.left[i] = out.right[i] = a * Math.sin((2 * Math.PI * frequency * i) / sampleRate + 0.3);
  return out;
}

/**
 * A music-like mix: a minor chord of naive sawtooth pads (slow swell, slightly detuned between
 * channels), a kick every 0.5 s (sine sweeping 150 → 45 Hz, 120 ms decay) and noise hats every
 * 125 ms (first-differenced white noise, 25 ms decay). About −16 dBFS RMS.
 */
export function musicLike(frames: number, sampleRate: number, seed = 3): Stereo {
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  const noise = new NoiseSource(seed);
  const chord = [220, 261.63, 329.63, 440];
  let lastNoise = 0;
  let kickPhase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.25 * t);
    let padL = 0;
    let padR = 0;
    for (const f of chord) {
      padL += 2 * ((t * f) % 1) - 1;
      padR += 2 * ((t * f * 1.003) % 1) - 1;
    }
    const tk = t % 0.5;
    const kickFreq = 45 + 105 * Math.exp(-tk / 0.03);
    kickPhase = tk === 0 ? 0 : kickPhase + (2 * Math.PI * kickFreq) / sampleRate;
    const kick = 0.7 * Math.exp(-tk / 0.12) * Math.sin(kickPhase);
    const th = t % 0.125;
    const n = noise.white();
    const hat = 0.12 * Math.exp(-th / 0.025) * (n - lastNoise);
    lastNoise = n;
    out.left[i] = 0.04 * swell * padL + kick + hat;
    out.right[i] = 0.04 * swell * padR + kick + 0.8 * hat;
  }
  return out;
}

/**
 * Removes everything above `cutoffHz` with a linear-phase FIR (Blackman-windowed sinc, 255 taps:
 * −74 dB from about cutoff + 5 % on), so material is band-limited like a recording through an
 * anti-alias filter. Same length out; the filter's delay (127 samples) is compensated.
 */
export function lowpassed(signal: Stereo, sampleRate: number, cutoffHz = 20000): Stereo {
  const taps = 255;
  const centre = (taps - 1) / 2;
  const fc = (0.95 * cutoffHz) / sampleRate; // −6 dB point a little under the cutoff
  const h = new Float64Array(taps);
  for (let i = 0; i < taps; i++) {
    const d = i - centre;
    const sinc = d === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * d) / (Math.PI * d);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    h[i] = sinc * w;
  }
  const filter = (x: Float32Array): Float32Array => {
    const y = new Float32Array(x.length);
    for (let n = 0; n < x.length; n++) {
      let acc = 0;
      const lo = Math.max(0, n + centre - (x.length - 1));
      const hi = Math.min(taps - 1, n + centre);
      for (let k = lo; k <= hi; k++) acc += h[k] * x[n + centre - k];
      y[n] = acc;
    }
    return y;
  };
  return { left: filter(signal.left), right: filter(signal.right) };
}
