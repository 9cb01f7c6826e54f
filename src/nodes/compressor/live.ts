/**
 * Live builder of the `compressor` node: the offline kernel itself in the kernel-host AudioWorklet
 * (not DynamicsCompressorNode, whose knee, envelope and makeup are implementation-defined:
 * DESIGN.md "Traps"). The sidechain port is the worklet's second input. The level params glide on
 * a change (the kernel applies them at once); attack and release need not, they only shape the
 * detector's smoothing.
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { compressorNode } from './index';

/** Live builder of `compressor` (see the file comment). */
export const compressorLive: LiveNodeBuilder = {
  type: compressorNode.type,
  build(ctx, params, ports) {
    const host = ctx.hostKernel(compressorNode, params, ports, { steppedParams: ['threshold', 'ratio', 'knee', 'makeup', 'mix'] });
    return {
      output: host.node,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      setInputsConnected: (connected) => host.setInputsConnected(connected),
      meters: () => host.meters(),
      dispose: () => host.dispose(),
    };
  },
};
