/**
 * Typed view of the compressor's resolved params. Params arrive validated against the spec in
 * `index.ts`, so a wrong type here means the spec and the kernel disagree: it throws a TypeError
 * naming the param rather than guessing.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { boolParam, numberParam, stringEnumParam } from '../params';

/** Level detector: instantaneous peak, or RMS over `RMS_WINDOW_SECONDS`. */
export type CompressorDetector = 'peak' | 'rms';

export const COMPRESSOR_DETECTORS: readonly CompressorDetector[] = ['peak', 'rms'];

/**
 * Length of the RMS detector's window: the mean square is a moving (boxcar) average over the last
 * 10 ms. Ten milliseconds spans a full period of everything from 100 Hz up, so a steady tone
 * reads its true RMS with little ripple, while the detector still follows a drum hit.
 */
export const RMS_WINDOW_SECONDS = 0.01;

/** Compressor params in their units (see `index.ts` for ranges). */
export interface CompressorSettings {
  /** T, dBFS. */
  threshold: number;
  /** R, n:1. */
  ratio: number;
  /** W, dB (0 = hard knee). */
  knee: number;
  /** τ_A, ms. */
  attack: number;
  /** τ_R, ms. */
  release: number;
  /** Gain added after compression, dB. */
  makeup: number;
  /** 0 = dry only, 1 = compressed only. */
  mix: number;
  detector: CompressorDetector;
  /** true: one gain for both channels. */
  link: boolean;
}

/** Reads resolved params into typed settings. @throws TypeError naming the param. */
export function compressorSettings(params: ResolvedParams): CompressorSettings {
  const detector = stringEnumParam(params, 'detector', ['peak', 'rms'] as const);
  const link = boolParam(params, 'link');
  return {
    threshold: numberParam(params, 'threshold'),
    ratio: Math.max(1, numberParam(params, 'ratio')),
    knee: Math.max(0, numberParam(params, 'knee')),
    attack: numberParam(params, 'attack'),
    release: numberParam(params, 'release'),
    makeup: numberParam(params, 'makeup'),
    mix: Math.min(1, Math.max(0, numberParam(params, 'mix'))),
    detector,
    link,
  };
}
