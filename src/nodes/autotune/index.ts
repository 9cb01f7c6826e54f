/**
 * The `autotune` node: detects the pitch of a voice and pulls it to the nearest note of a scale,
 * quickly (the robotic "hard tune") or slowly (natural), keeping the voice's formants.
 * Design, equations, latency and measurements: docs/autotune.md.
 */
import { PITCH_CLASS_NAMES } from '../../dsp/pitch/scale';
import type { NodeDefinition } from '../types';
import { createAutotuneKernel } from './kernel';
import { AUTOTUNE_SCALES, RANGE_NOTES, autotuneSettings } from './settings';

export { AutotuneKernel, autotuneLatencySamples } from './kernel';
export { autotuneSettings, AUTOTUNE_SCALES, RANGE_NOTES, type AutotuneSettings } from './settings';

export const autotuneNode: NodeDefinition = {
  type: 'autotune',
  label: 'Autotune',
  category: 'Mixing',
  help: 'Finds the note a voice is singing and pulls it to the nearest note of a scale — gently, so it still sounds sung, or instantly, for the robotic effect.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['key', 'scale', 'speed'],
  visual: {
    kind: 'pitchTrace',
    scaleMask: (params) => autotuneSettings(params).mask,
  },
  params: [
    {
      key: 'key',
      kind: 'enum',
      label: 'Key',
      options: PITCH_CLASS_NAMES,
      default: 'C',
      help: 'Key: the home note of the scale the voice is tuned to (the "C" in C major).',
    },
    {
      key: 'scale',
      kind: 'enum',
      label: 'Scale',
      options: AUTOTUNE_SCALES,
      default: 'chromatic',
      help: 'Scale: which notes are allowed; chromatic allows all twelve, so every note is only nudged to the nearest semitone; custom uses the Notes mask.',
    },
    {
      key: 'notes',
      kind: 'string',
      label: 'Notes',
      default: '101011010101',
      pattern: /^[01]{12}$/,
      patternHint: 'twelve 0/1 digits for C, C#, D … B (1 = allowed), e.g. 101011010101 for C major',
      help: 'Notes: for the custom scale, twelve digits from C to B, 1 for a note the voice may land on and 0 for one it may not.',
    },
    {
      key: 'speed',
      kind: 'number',
      label: 'Retune speed',
      unit: 'ms',
      min: 0,
      max: 400,
      default: 50,
      scale: 'linear',
      step: 1,
      help: 'Retune speed: how long a note takes to be pulled into tune; 0 ms snaps at once (the robotic effect), 100–400 ms sounds like a singer who found the note.',
    },
    {
      key: 'humanize',
      kind: 'number',
      label: 'Humanize',
      unit: '',
      min: 0,
      max: 1,
      default: 0,
      scale: 'linear',
      step: 0.01,
      help: 'Humanize: how much small drift and vibrato is left alone; at 1 anything within 30 cents of the note stays as sung.',
    },
    {
      key: 'amount',
      kind: 'number',
      label: 'Amount',
      unit: '',
      min: 0,
      max: 1,
      default: 1,
      scale: 'linear',
      step: 0.01,
      help: 'Amount: how much of the correction is applied; 1 lands on the note, 0.5 goes half way, 0 leaves the voice untouched.',
    },
    {
      key: 'low',
      kind: 'enum',
      label: 'Lowest note',
      options: RANGE_NOTES,
      default: 'E2',
      help: 'Lowest note: the lowest pitch the detector looks for; set it just under the singer\'s lowest note so it does not mistake a low hum for the voice.',
    },
    {
      key: 'high',
      kind: 'enum',
      label: 'Highest note',
      options: RANGE_NOTES,
      default: 'C6',
      help: 'Highest note: the highest pitch the detector looks for; anything sung above it passes untouched.',
    },
    {
      key: 'formant',
      kind: 'bool',
      label: 'Keep formants',
      default: true,
      help: 'Keep formants: when on, the voice keeps its own character as its pitch moves; when off, it also sounds smaller going up and bigger going down, like a tape sped up.',
    },
    {
      key: 'mix',
      kind: 'number',
      label: 'Mix',
      unit: '',
      min: 0,
      max: 1,
      default: 1,
      scale: 'linear',
      step: 0.01,
      help: 'Mix: blend between the untouched voice (0) and the tuned one (1); in between you hear both, like a double-tracked take.',
    },
  ],
  createKernel: (ctx, params) => createAutotuneKernel(ctx, params),
};
