/**
 * The `pan` node: places a stereo signal between the left and right speakers with the equal-power
 * law of the Web Audio StereoPannerNode, keeping both channels (unlike `Tone.Panner`, whose
 * channelCount of 1 sums stereo to mono first).
 */
import type { NodeDefinition } from '../types';
import { createPanKernel } from './kernel';

/** Definition of the `pan` node type (ports, params, kernel factory). */
export const panNode: NodeDefinition = {
  type: 'pan',
  label: 'Pan',
  category: 'Mixing',
  help: 'Moves the sound towards the left or right speaker while keeping its loudness even.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['pan'],
  params: [
    {
      key: 'pan',
      kind: 'number',
      label: 'Pan',
      unit: '',
      min: -1,
      max: 1,
      default: 0,
      scale: 'linear',
      step: 0.01,
      help: 'Pan: where the sound sits between the speakers, from −1 (all left) through 0 (centre) to 1 (all right).',
    },
  ],
  createKernel: (_ctx, params) => createPanKernel(params),
};
