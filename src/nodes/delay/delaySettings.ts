/**
 * The `delay` node's params as typed values, and their conversion to samples and coefficients.
 * Shared by the definition (ranges) and the kernel so the two can never disagree.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { boolParam, numberParam } from '../params';

/** Longest echo time in ms (the `time` param's maximum); the delay lines are sized for it. */
export const DELAY_MAX_TIME_MS = 2000;
/** Shortest echo time in ms (the `time` param's minimum). */
export const DELAY_MIN_TIME_MS = 1;
/** Largest feedback: below 1 so the echoes always die away. */
export const DELAY_MAX_FEEDBACK = 0.95;
/** `tone` range in Hz; the maximum means "no filter in the loop" (exact repeats). */
export const DELAY_TONE_MIN_HZ = 200;
export const DELAY_TONE_OFF_HZ = 20000;

/**
 * When a `time` change arrives while audio plays, the old and the new echo are crossfaded over
 * this many ms instead of jumping (a jump in read position is a step in the output: a click).
 */
export const DELAY_TIME_CROSSFADE_MS = 30;
/** Ramp length in ms for `feedback` and `mix` changes while audio plays. */
export const DELAY_GAIN_RAMP_MS = 10;

/** A delay time closer than this (in samples) to an integer is treated as that integer. */
const INTEGER_SNAP = 1e-6;

export interface DelaySettings {
  /** Echo time in ms, [1, 2000]. */
  timeMs: number;
  /** Fraction of each echo fed back into the line, [0, 0.95]. */
  feedback: number;
  /** Wet share of the output, [0, 1]: out = dry·(1 − mix) + wet·mix. */
  mix: number;
  /** Cutoff of the loop low-pass in Hz; `DELAY_TONE_OFF_HZ` or above = no filter. */
  toneHz: number;
  /** Ping-pong routing (mono sum in, echoes alternate left/right). */
  pingpong: boolean;
}

/** Reads the resolved params of a `delay` node. @throws TypeError naming a param of the wrong type. */
export function readDelaySettings(params: ResolvedParams): DelaySettings {
  return {
    timeMs: numberParam(params, 'time'),
    feedback: numberParam(params, 'feedback'),
    mix: numberParam(params, 'mix'),
    toneHz: numberParam(params, 'tone'),
    pingpong: boolParam(params, 'pingpong'),
  };
}

/**
 * Delay in samples for a time in ms: D = time·fs/1000, clamped to [2, time max] and snapped to the
 * nearest integer when within 1e-6 of it, so "250 ms at 48 kHz" is exactly 12000 samples and is
 * read without interpolation (sample-exact echoes).
 */
export function delaySamples(timeMs: number, sampleRate: number): number {
  const clampedMs = Math.min(Math.max(timeMs, DELAY_MIN_TIME_MS), DELAY_MAX_TIME_MS);
  const d = Math.max((clampedMs * sampleRate) / 1000, 2);
  const nearest = Math.round(d);
  return Math.abs(d - nearest) < INTEGER_SNAP ? nearest : d;
}

/** Largest delay in samples the kernel will ever read at `sampleRate` (sizes the lines). */
export function maxDelaySamples(sampleRate: number): number {
  return Math.ceil((DELAY_MAX_TIME_MS * sampleRate) / 1000);
}

/** Whether the loop filter is switched off (exact repeats): `tone` at its maximum. */
export function toneIsOff(toneHz: number): boolean {
  return toneHz >= DELAY_TONE_OFF_HZ;
}
