/**
 * Level arithmetic shared by the nodes that scale a signal by a fader (gain, bus, output).
 */
import type { NumberParamSpec } from '../graph/catalog';
import type { StereoBlock } from './types';

/** The bottom of a fader in dB: at or below this value the fader means silence (`minIsOff`). */
export const FADER_FLOOR_DB = -100;

/**
 * Linear amplitude factor of a fader setting.
 *
 * gain = 10^(dB/20) (amplitude decibels), except that `dB ≤ FADER_FLOOR_DB` is exactly 0 so a
 * fader pulled to the bottom is true silence rather than −100 dB of leakage.
 * @param db level in dB (−100..24 for our faders).
 */
export function faderGain(db: number): number {
  if (db <= FADER_FLOOR_DB) return 0;
  return Math.pow(10, db / 20);
}

/**
 * out = in · gain for the first `frames` samples of both channels. `input` and `output` may be
 * the same block. Gain 0 writes exact zeros (not −0 from negative samples); gain 1 copies, so
 * unity is a bit-exact identity.
 */
export function applyGain(input: StereoBlock, output: StereoBlock, frames: number, gain: number): void {
  scaleChannel(input.left, output.left, frames, gain);
  scaleChannel(input.right, output.right, frames, gain);
}

function scaleChannel(input: Float32Array, output: Float32Array, frames: number, gain: number): void {
  if (gain === 0) {
    output.fill(0, 0, frames);
  } else if (gain === 1) {
    // A whole block is one memcpy (no view to make); a partial one, a loop.
    if (input === output) return;
    if (frames === input.length && frames <= output.length) output.set(input);
    else for (let i = 0; i < frames; i++) output[i] = input[i];
  } else {
    for (let i = 0; i < frames; i++) output[i] = input[i] * gain;
  }
}

/**
 * The spec of a fader param (`gain` on gain, bus and output): dB from the silent floor to +24,
 * default 0 dB.
 */
export function faderParamSpec(label: string, help: string): NumberParamSpec {
  return {
    key: 'gain',
    kind: 'number',
    label,
    unit: 'dB',
    min: FADER_FLOOR_DB,
    max: 24,
    default: 0,
    scale: 'db',
    step: 0.1,
    minIsOff: true,
    help,
  };
}
