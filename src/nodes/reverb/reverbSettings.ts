/**
 * The `reverb` node's params as typed values and their ranges, shared by the definition and the
 * kernel so the two can never disagree.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { numberParam } from '../params';

/** `decay` (RT60) range in s. */
export const REVERB_DECAY_MIN_S = 0.1;
export const REVERB_DECAY_MAX_S = 10;
/** Longest pre-delay in ms (the `predelay` param's maximum); the pre-delay line is sized for it. */
export const REVERB_PREDELAY_MAX_MS = 200;
/** `damping` range in Hz; the maximum means "no low-pass in the loops". */
export const REVERB_DAMPING_MIN_HZ = 1000;
export const REVERB_DAMPING_OFF_HZ = 20000;
/** Ramp length in ms for `mix` changes while audio plays. */
export const REVERB_MIX_RAMP_MS = 10;
/**
 * Crossfade length in ms for `size` and `predelay` changes while audio plays: long enough that
 * the fade itself is inaudible (≥ one period of 33 Hz), short enough to feel immediate; the
 * delay node uses the same 30 ms for its `time`.
 */
export const REVERB_RETUNE_CROSSFADE_MS = 30;

export interface ReverbSettings {
  /** RT60 at low frequencies in s, [0.1, 10]. */
  decayS: number;
  /** Wait before the reverb input in ms, [0, 200]. */
  predelayMs: number;
  /** Cutoff of the in-loop low-pass in Hz; `REVERB_DAMPING_OFF_HZ` or above = none. */
  dampingHz: number;
  /** Room size, [0, 1] (scales the loop lengths by 0.3 + size). */
  size: number;
  /** Wet share of the output, [0, 1]: out = dry·(1 − mix) + wet·mix. */
  mix: number;
}

/** Reads the resolved params of a `reverb` node. @throws TypeError naming a param of the wrong type. */
export function readReverbSettings(params: ResolvedParams): ReverbSettings {
  return {
    decayS: numberParam(params, 'decay'),
    predelayMs: numberParam(params, 'predelay'),
    dampingHz: numberParam(params, 'damping'),
    size: numberParam(params, 'size'),
    mix: numberParam(params, 'mix'),
  };
}

/** Pre-delay in whole samples: round(predelay·fs/1000), clamped to [0, 200 ms]. */
export function predelaySamples(predelayMs: number, sampleRate: number): number {
  const ms = Math.min(Math.max(predelayMs, 0), REVERB_PREDELAY_MAX_MS);
  return Math.round((ms * sampleRate) / 1000);
}

/** Whether the in-loop low-pass is switched off: `damping` at its maximum. */
export function dampingIsOff(dampingHz: number): boolean {
  return dampingHz >= REVERB_DAMPING_OFF_HZ;
}
