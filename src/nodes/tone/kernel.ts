/**
 * Offline kernel of the `tone` node: test signals.
 *
 *   sine    out[n] = A·sin(2π·φ[n]),  φ[n+1] = φ[n] + f/fs (mod 1)
 *   square  band-limited (see `bandLimited.ts`), continuous peak = A, Gibbs overshoot included
 *   saw     band-limited, continuous peak = A
 *   white   A·w[n], w uniform with RMS 1           → RMS = A
 *   pink    A·pink(w)[n], RMS 1, −3 dB/oct          → RMS = A
 *   sweep   A·sin(2π·φ(t)), 20 Hz → 20 kHz in 10 s, repeating (see `sweep.ts`)
 *
 * with A = 10^(level/20). Both channels carry the same samples. The phase (and the sweep's clock
 * and the noise generator) is kept across `setParams`, so changing frequency or wave mid-render
 * never restarts the waveform. State advances one frame at a time, so the output does not depend
 * on the block size.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { NoiseSource } from '../../dsp/noise';
import type { Kernel, KernelContext, KernelIO } from '../types';
import { numberParam } from '../params';
import { BandLimitedWave } from './bandLimited';
import { SweepOscillator } from './sweep';

/** The waves the tone node makes, in the order the inspector lists them. */
export const TONE_WAVES = ['sine', 'square', 'saw', 'white', 'pink', 'sweep'] as const;
export type ToneWave = (typeof TONE_WAVES)[number];

/** Lowest and highest `freq` in Hz (the param's range). */
export const TONE_MIN_HZ = 20;
export const TONE_MAX_HZ = 20000;

/** Fixed seed: noise test tones are the same samples on every render. */
const TONE_NOISE_SEED = 0x5eed_703e;

const TWO_PI = 2 * Math.PI;

function isToneWave(value: unknown): value is ToneWave {
  return typeof value === 'string' && (TONE_WAVES as readonly string[]).includes(value);
}

/** A number param clamped to [lo, hi] (the live engine may ramp through edge values). */
function readNumber(params: ResolvedParams, key: string, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, numberParam(params, key)));
}

export class ToneKernel implements Kernel {
  readonly latencySamples = 0;
  private readonly sampleRate: number;
  private wave: ToneWave = 'sine';
  /** Fundamental in Hz for sine/square/saw. */
  private frequency = 1000;
  /** Linear amplitude A = 10^(level/20): the peak (tones) or the RMS (noise). */
  private amplitude = 0;
  /** Phase in cycles, [0, 1), shared by sine/square/saw so a wave change keeps the phase. */
  private phase = 0;
  /** φ increment per frame: f/fs. */
  private increment = 0;
  private readonly bandLimited: BandLimitedWave;
  private readonly sweep: SweepOscillator;
  private readonly noise = new NoiseSource(TONE_NOISE_SEED);

  constructor(ctx: KernelContext) {
    this.sampleRate = ctx.sampleRate;
    this.bandLimited = new BandLimitedWave(BandLimitedWave.capacityFor(TONE_MIN_HZ, ctx.sampleRate));
    this.sweep = new SweepOscillator(ctx.sampleRate);
  }

  setParams(params: ResolvedParams): void {
    const wave = params.wave;
    if (!isToneWave(wave)) {
      throw new TypeError(`tone: param "wave" should be one of ${TONE_WAVES.join(', ')}, got ${String(wave)}`);
    }
    this.wave = wave;
    this.frequency = readNumber(params, 'freq', TONE_MIN_HZ, TONE_MAX_HZ);
    this.amplitude = Math.pow(10, readNumber(params, 'level', -80, 0) / 20);
    // A sine at or above Nyquist would alias; it is silent instead (only at rates below 40 kHz).
    this.increment = this.frequency < this.sampleRate / 2 ? this.frequency / this.sampleRate : 0;
    if (wave === 'square' || wave === 'saw') {
      this.bandLimited.configure(wave, this.frequency, this.sampleRate, this.amplitude);
    }
  }

  process(io: KernelIO): void {
    const out = io.outputs[0];
    const left = out.left;
    const frames = io.frames;
    const a = this.amplitude;
    switch (this.wave) {
      case 'sine': {
        // φ in a local for the block: φ += f/fs, wrapped to [0, 1) by one subtraction.
        const gain = this.increment > 0 ? a : 0;
        const increment = this.increment;
        let phase = this.phase;
        for (let i = 0; i < frames; i++) {
          left[i] = gain * Math.sin(TWO_PI * phase);
          phase += increment;
          if (phase >= 1) phase -= 1;
        }
        this.phase = phase;
        break;
      }
      case 'square':
      case 'saw': {
        const wave = this.bandLimited;
        const increment = this.increment;
        let phase = this.phase;
        for (let i = 0; i < frames; i++) {
          left[i] = wave.valueAt(phase);
          phase += increment;
          if (phase >= 1) phase -= 1;
        }
        this.phase = phase;
        break;
      }
      case 'white':
        for (let i = 0; i < frames; i++) left[i] = a * this.noise.white();
        break;
      case 'pink':
        for (let i = 0; i < frames; i++) left[i] = a * this.noise.pink();
        break;
      case 'sweep':
        for (let i = 0; i < frames; i++) left[i] = a * this.sweep.nextSine();
        break;
    }
    // A plain copy: `subarray` would allocate a view every block.
    const right = out.right;
    for (let i = 0; i < frames; i++) right[i] = left[i];
  }

  reset(): void {
    this.phase = 0;
    this.sweep.reset();
    this.noise.reset();
  }
}

/** Builds a tone kernel with `params` applied. */
export function createToneKernel(ctx: KernelContext, params: ResolvedParams): ToneKernel {
  const kernel = new ToneKernel(ctx);
  kernel.setParams(params);
  return kernel;
}
