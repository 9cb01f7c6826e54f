/**
 * The bench makes its own inputs (no fixture audio in the repository, and no dependency on sox
 * to make them): stereo pink noise as a 24-bit WAV, and a decaying-noise impulse response as a
 * 32-bit float WAV for the convolution reverbs (ffmpeg's `afir`, Chromium's ConvolverNode).
 */
import { NoiseSource, SeededRandom } from '../src/dsp/noise';
import { openWavFileWriter } from '../src/runtime/audio-io';

/** Sample rate of every bench input and output, Hz. */
export const BENCH_RATE = 48000;

/** RMS level of the pink noise per channel, dBFS: loud enough to drive the compressor. */
export const PINK_RMS_DBFS = -18;

/** Length of the generated impulse response, s. */
export const IR_SECONDS = 2;

/** RT60 of the impulse response's exponential decay, s (−60 dB at 2 s). */
export const IR_RT60 = 2;

const BLOCK = 4096;

/**
 * Writes `seconds` of stereo 48 kHz pink noise (independent channels, seeds `seed` and
 * `seed + 1`, default 1; RMS `rmsDbfs`, default {@link PINK_RMS_DBFS}) to `path` as 24-bit PCM.
 */
export function writePinkNoiseWav(path: string, seconds: number, options: { seed?: number; rmsDbfs?: number } = {}): void {
  const frames = Math.round(seconds * BENCH_RATE);
  const gain = 10 ** ((options.rmsDbfs ?? PINK_RMS_DBFS) / 20);
  const noiseL = new NoiseSource(options.seed ?? 1);
  const noiseR = new NoiseSource((options.seed ?? 1) + 1);
  const left = new Float32Array(BLOCK);
  const right = new Float32Array(BLOCK);
  const writer = openWavFileWriter(path, { sampleRate: BENCH_RATE, bits: 24 });
  try {
    for (let done = 0; done < frames; done += BLOCK) {
      const n = Math.min(BLOCK, frames - done);
      for (let i = 0; i < n; i++) {
        left[i] = noiseL.pink() * gain;
        right[i] = noiseR.pink() * gain;
      }
      writer.write(left, right, n);
    }
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/**
 * Writes a stereo impulse response of white noise under an exponential decay reaching −60 dB
 * at {@link IR_RT60} (amplitude e^(−ln(1000)·t/RT60)), {@link IR_SECONDS} long, scaled
 * so that its energy is 1 per channel: a plain model of a diffuse reverb tail.
 */
export function writeImpulseResponseWav(path: string): void {
  const frames = Math.round(IR_SECONDS * BENCH_RATE);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const random = new SeededRandom(3);
  const decayPerSample = Math.log(1000) / (IR_RT60 * BENCH_RATE);
  let energyL = 0;
  let energyR = 0;
  for (let i = 0; i < frames; i++) {
    const envelope = Math.exp(-decayPerSample * i);
    left[i] = random.bipolar() * envelope;
    right[i] = random.bipolar() * envelope;
    energyL += left[i] * left[i];
    energyR += right[i] * right[i];
  }
  const scaleL = 1 / Math.sqrt(energyL);
  const scaleR = 1 / Math.sqrt(energyR);
  for (let i = 0; i < frames; i++) {
    left[i] *= scaleL;
    right[i] *= scaleR;
  }
  const writer = openWavFileWriter(path, { sampleRate: BENCH_RATE, bits: '32f' });
  writer.write(left, right, frames);
  writer.close();
}
