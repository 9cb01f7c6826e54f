/**
 * Live builder of the `autotune` node: the offline kernel itself in the kernel-host AudioWorklet,
 * so what the editor plays is sample for sample what the CLI renders. The engine compensates its
 * latency exactly as offline. Params apply at the next analysis frame; `amount` and `mix` glide.
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { autotuneNode } from './index';

/** Live builder of `autotune` (see the file comment). */
export const autotuneLive: LiveNodeBuilder = {
  type: autotuneNode.type,
  build(ctx, params, ports) {
    const host = ctx.hostKernel(autotuneNode, params, ports, { steppedParams: ['amount', 'mix'] });
    return {
      output: host.node,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      meters: () => host.meters(),
      dispose: () => host.dispose(),
    };
  },
};
