/**
 * The compressor's static input → output curve, for the inspector's plot and the docs.
 */
import { gainComputerDb } from '../../dsp/dynamics/gainComputer';
import type { CompressorSettings } from './settings';

/** The settings the static curve depends on (a `CompressorSettings` fits). */
export type CurveSettings = Pick<CompressorSettings, 'threshold' | 'ratio' | 'knee' | 'makeup' | 'mix'>;

/**
 * Steady-state output level of a steady signal (a square wave, or any signal whose detector level
 * is constant) at input level `inputDb`, once attack and release have settled:
 *
 *   c(x)   = y(x) − x + M                      compressor gain in dB: gain computer + makeup M
 *   out(x) = x + 20·log10((1 − m) + m·10^(c(x)/20))
 *
 * y(x) is the soft-knee gain computer of Giannoulis, Massberg & Reiss (JAES 2012,
 * `gainComputerDb`); m is `mix` (the dry signal is added in amplitude, in phase). With m = 1 this
 * is simply y(x) + M. Pure: no state, usable by the UI for any settings.
 * @param settings threshold/knee/makeup in dB, ratio n:1, mix 0..1.
 * @param inputDb detector level in dBFS.
 * @returns output level in dBFS.
 */
export function staticCurve(settings: CurveSettings, inputDb: number): number {
  const compressedDb = gainComputerDb(inputDb, settings.threshold, settings.ratio, settings.knee);
  const gainDb = compressedDb - inputDb + settings.makeup;
  const mix = settings.mix;
  if (mix >= 1) return inputDb + gainDb;
  return inputDb + 20 * Math.log10(1 - mix + mix * Math.pow(10, gainDb / 20));
}

/** Sampled static curve for plotting. */
export interface CurvePoints {
  /** Input levels in dBFS, evenly spaced. */
  inputDb: Float64Array;
  /** `staticCurve` at each input level, dBFS. */
  outputDb: Float64Array;
}

/**
 * Samples `staticCurve` at `count` evenly spaced input levels from `fromDb` to `toDb` (inclusive).
 * @param fromDb lowest input level, dBFS (default −60, the bottom of the threshold range).
 * @param toDb highest input level, dBFS (default 0).
 * @param count number of points, ≥ 2 (default 121: 0.5 dB steps over 60 dB).
 */
export function staticCurvePoints(settings: CurveSettings, fromDb = -60, toDb = 0, count = 121): CurvePoints {
  const n = Math.max(2, Math.floor(count));
  const inputDb = new Float64Array(n);
  const outputDb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = fromDb + ((toDb - fromDb) * i) / (n - 1);
    inputDb[i] = x;
    outputDb[i] = staticCurve(settings, x);
  }
  return { inputDb, outputDb };
}
