/**
 * The `output` node: the master. Exactly one per graph; what reaches its input is the render.
 *
 * Engine convention for the master signal: the spec declares no output ports (nothing can be
 * wired out of the master), but when the engine runs the output kernel it passes exactly one
 * engine-owned block in `io.outputs[0]`, and the kernel writes the master signal (its input
 * times the master fader) there. That block is what the render writes to the file and what the
 * master meters read. Bypassing the output node therefore passes its input to the render
 * unchanged, like any other node.
 */
import type { NodeDefinition } from '../types';
import { faderParamSpec } from '../fader';
import { createOutputKernel } from './kernel';

/** Definition of the `output` (master) node type; no output ports, see the convention above. */
export const outputNode: NodeDefinition = {
  type: 'output',
  label: 'Output',
  category: 'Output',
  help: 'The master output: whatever is wired here is what you hear and what gets rendered to the file.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [],
  summaryParams: ['gain'],
  params: [
    faderParamSpec('Master gain', 'Master gain: the final volume of the whole mix; the bottom of the range is silence.'),
  ],
  createKernel: (_ctx, params) => createOutputKernel(params),
};
