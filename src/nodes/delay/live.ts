/**
 * Live builder of the `delay` node: the offline delay kernel in the kernel-host AudioWorklet. The
 * kernel itself smooths live changes (time crossfade, 10 ms ramps of feedback and mix), so params
 * are passed straight through.
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { delayNode } from './index';

/** Live builder of `delay` (see the file comment). */
export const delayLive: LiveNodeBuilder = {
  type: delayNode.type,
  build(ctx, params, ports) {
    const host = ctx.hostKernel(delayNode, params, ports);
    return {
      output: host.node,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      dispose: () => host.dispose(),
    };
  },
};
