/**
 * Synthesized "songs" for the album tests: noise with equal power per octave (so a flat song reads
 * flat on 1/3-octave bands) tilted by a given dB per decade around
 * 1 kHz, with a rhythmic envelope and a quieter first half (so LRA and gating have work to do),
 * scaled to a loudness. Written as 32-bit float WAV so loud songs may pass 0 dBFS before mastering.
 */
import { fftInPlace } from '../../../src/dsp/fft';
import { measureLoudness } from '../../../src/dsp/loudness';
import { writeWavFile } from '../../../src/runtime/audio-io';

export interface SongSpec {
  /** Target loudness of the song, LUFS. */
  lufs: number;
  /** Spectral tilt, dB per decade (negative = dark). */
  tiltDbPerDecade: number;
  seconds: number;
  seed: number;
}

/** Renders a song into two channels at `rate`. */
export function synthesizeSong(spec: SongSpec, rate = 48000): { left: Float32Array; right: Float32Array } {
  const frames = Math.round(spec.seconds * rate);
  let seed = spec.seed >>> 0;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  // Noise shaped in one big FFT: magnitude ∝ f^(−1/2) (equal power per octave, "pink") times the
  // tilt 10^(tilt·log10(f/1 kHz)/20), band-limited to 30 Hz … 18 kHz; random phases.
  let size = 1;
  while (size < frames) size *= 2;
  const channel = (): Float64Array => {
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let k = 1; k < size / 2; k++) {
      const f = (k * rate) / size;
      if (f < 30 || f > 18000) continue;
      const magnitude = Math.pow(f / 1000, -0.5) * Math.pow(10, (spec.tiltDbPerDecade * Math.log10(f / 1000)) / 20);
      const phase = 2 * Math.PI * random();
      re[k] = magnitude * Math.cos(phase);
      im[k] = magnitude * Math.sin(phase);
      re[size - k] = re[k];
      im[size - k] = -im[k];
    }
    fftInPlace(re, im); // a real signal either way: the forward transform of a Hermitian spectrum
    return re;
  };
  const a = channel();
  const b = channel();
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    // A beat (the envelope) and a quieter first half, so LRA and the gates have work to do.
    const envelope = (t < spec.seconds / 2 ? 0.63 : 1) * (0.55 + 0.45 * Math.abs(Math.sin(Math.PI * 2 * t)));
    left[i] = envelope * (0.8 * a[i] + 0.2 * b[i]);
    right[i] = envelope * (0.2 * a[i] + 0.8 * b[i]);
  }
  const measured = measureLoudness(left, right, rate).integratedLufs!;
  const g = Math.pow(10, (spec.lufs - measured) / 20);
  for (let i = 0; i < frames; i++) {
    left[i] *= g;
    right[i] *= g;
  }
  return { left, right };
}

/** The four songs of the issue: −24 … −9 LUFS, one dark and one bright (±4 dB/decade). */
export const ALBUM_SONGS: readonly (SongSpec & { name: string })[] = [
  { name: 'intro.wav', lufs: -24, tiltDbPerDecade: 0, seconds: 6, seed: 1 },
  { name: 'dark.wav', lufs: -18, tiltDbPerDecade: -4, seconds: 7, seed: 2 },
  { name: 'bright.wav', lufs: -13, tiltDbPerDecade: 4, seconds: 6, seed: 3 },
  { name: 'loud.wav', lufs: -9, tiltDbPerDecade: 0, seconds: 8, seed: 4 },
];

/** Writes the songs into `dir`; returns their paths in album order. */
export function writeAlbumSongs(dir: string, songs = ALBUM_SONGS): string[] {
  return songs.map((song) => {
    const { left, right } = synthesizeSong(song);
    const path = `${dir}/${song.name}`;
    writeWavFile(path, left, right, 48000, '32f');
    return path;
  });
}
