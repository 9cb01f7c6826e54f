/**
 * The `gain` node: turns a signal up or down in decibels, flips its polarity, or mutes it.
 */
import type { NodeDefinition } from '../types';
import { faderParamSpec } from '../fader';
import { createGainKernel } from './kernel';

/** Definition of the `gain` node type (ports, params, kernel factory). */
export const gainNode: NodeDefinition = {
  type: 'gain',
  label: 'Gain',
  category: 'Mixing',
  help: 'Makes the signal louder or quieter, and can flip its polarity or mute it.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['gain'],
  params: [
    faderParamSpec('Gain', 'Gain: how much louder (positive) or quieter (negative) the signal gets; the bottom of the range is silence.'),
    {
      key: 'invert',
      kind: 'bool',
      label: 'Invert polarity',
      default: false,
      help: 'Invert polarity: flips the waveform upside down, which matters when it is mixed with a similar signal.',
    },
    {
      key: 'mute',
      kind: 'bool',
      label: 'Mute',
      default: false,
      help: 'Mute: silences the signal without losing the gain setting.',
    },
  ],
  createKernel: (_ctx, params) => createGainKernel(params),
};
