/**
 * Live builder of the `limiter` node: the offline true-peak limiter kernel in the kernel-host
 * AudioWorklet (`Tone.Limiter` is a soft-knee compressor with no guaranteed ceiling: DESIGN.md
 * "Traps"). Its lookahead latency is compensated by the engine exactly as offline. Ceiling and
 * input gain glide on a change; a new lookahead restarts the kernel's gain path (and re-plans the
 * compensation delays).
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { limiterNode } from './index';

/** Live builder of `limiter` (see the file comment). */
export const limiterLive: LiveNodeBuilder = {
  type: limiterNode.type,
  build(ctx, params, ports) {
    const host = ctx.hostKernel(limiterNode, params, ports, { steppedParams: ['ceiling', 'inputGain'] });
    return {
      output: host.node,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      meters: () => host.meters(),
      dispose: () => host.dispose(),
    };
  },
};
