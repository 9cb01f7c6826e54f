/**
 * The `bus` node: a summing point. Every wire into `in` is added together by the engine; the bus
 * then applies one fader and a mute to the sum (a drum bus, a reverb send return, a group).
 */
import type { NodeDefinition } from '../types';
import { faderParamSpec } from '../fader';
import { createBusKernel } from './kernel';

/** Definition of the `bus` node type (ports, params, kernel factory). */
export const busNode: NodeDefinition = {
  type: 'bus',
  label: 'Bus',
  category: 'Mixing',
  help: 'Adds together everything wired into it so a group of tracks can be turned up, down or muted at once.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['gain'],
  params: [
    faderParamSpec('Gain', 'Gain: how much the summed group is turned up or down; the bottom of the range is silence.'),
    {
      key: 'mute',
      kind: 'bool',
      label: 'Mute',
      default: false,
      help: 'Mute: silences the whole group without losing the gain setting.',
    },
  ],
  createKernel: (_ctx, params) => createBusKernel(params),
};
