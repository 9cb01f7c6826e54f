/**
 * The `reverb` node: a deterministic algorithmic room (Freeverb topology, RT60-calibrated loops).
 * Design, equations and sources: `kernel.ts`, `src/dsp/reverb/` and docs/space.md.
 */
import type { NodeDefinition } from '../types';
import { createReverbKernel } from './kernel';
import {
  REVERB_DAMPING_MIN_HZ,
  REVERB_DAMPING_OFF_HZ,
  REVERB_DECAY_MAX_S,
  REVERB_DECAY_MIN_S,
  REVERB_PREDELAY_MAX_MS,
} from './reverbSettings';

export const reverbNode: NodeDefinition = {
  type: 'reverb',
  label: 'Reverb',
  category: 'Space',
  help: 'Places the sound in a virtual room by adding the dense, fading reflections of its walls.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['decay', 'mix'],
  params: [
    {
      key: 'decay',
      kind: 'number',
      label: 'Decay',
      unit: 's',
      min: REVERB_DECAY_MIN_S,
      max: REVERB_DECAY_MAX_S,
      default: 1.8,
      scale: 'log',
      step: 0.01,
      help: 'Decay: how many seconds the reverb takes to fade by 60 dB, which is close to silence.',
    },
    {
      key: 'predelay',
      kind: 'number',
      label: 'Pre-delay',
      unit: 'ms',
      min: 0,
      max: REVERB_PREDELAY_MAX_MS,
      default: 20,
      scale: 'linear',
      step: 0.1,
      help: 'Pre-delay: a short wait before the reverb starts, which keeps the original sound clear in front of it.',
    },
    {
      key: 'damping',
      kind: 'number',
      label: 'Damping',
      unit: 'Hz',
      min: REVERB_DAMPING_MIN_HZ,
      max: REVERB_DAMPING_OFF_HZ,
      default: 8000,
      scale: 'log',
      step: 1,
      help: 'Damping: sounds above this frequency fade faster, like treble soaked up by curtains; at the maximum nothing is soaked up.',
    },
    {
      key: 'size',
      kind: 'number',
      label: 'Size',
      unit: '',
      min: 0,
      max: 1,
      default: 0.7,
      scale: 'linear',
      step: 0.01,
      help: 'Size: how big the room is; a bigger room spaces its reflections further apart.',
    },
    {
      key: 'mix',
      kind: 'number',
      label: 'Mix',
      unit: '',
      min: 0,
      max: 1,
      default: 0.25,
      scale: 'linear',
      step: 0.01,
      help: 'Mix: the balance between the original sound (0) and the reverb alone (1).',
    },
  ],
  createKernel: (ctx, params) => createReverbKernel(ctx.sampleRate, params),
};
