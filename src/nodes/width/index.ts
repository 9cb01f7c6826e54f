/**
 * The `width` node: narrows or widens the stereo image by scaling the side (L − R) signal.
 */
import type { NodeDefinition } from '../types';
import { createWidthKernel } from './kernel';

/** Definition of the `width` node type (ports, params, kernel factory). */
export const widthNode: NodeDefinition = {
  type: 'width',
  label: 'Stereo width',
  category: 'Mixing',
  help: 'Makes the stereo image narrower (down to mono) or wider by changing the difference between left and right.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['width'],
  params: [
    {
      key: 'width',
      kind: 'number',
      label: 'Width',
      unit: '',
      min: 0,
      max: 2,
      default: 1,
      scale: 'linear',
      step: 0.01,
      help: 'Width: 0 folds the sound to mono, 1 leaves it as it is, 2 makes it extra wide.',
    },
  ],
  createKernel: (_ctx, params) => createWidthKernel(params),
};
