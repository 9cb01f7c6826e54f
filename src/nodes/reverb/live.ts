/**
 * Live builder of the `reverb` node: the deterministic offline reverb kernel in the kernel-host
 * AudioWorklet (never `Tone.Reverb`, whose impulse response is new random noise on every run). The
 * kernel ramps `mix` itself; an edit elsewhere in the graph never rebuilds it, so its tail rings on.
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { reverbNode } from './index';

/** Live builder of `reverb` (see the file comment). */
export const reverbLive: LiveNodeBuilder = {
  type: reverbNode.type,
  build(ctx, params, ports) {
    const host = ctx.hostKernel(reverbNode, params, ports);
    return {
      output: host.node,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      dispose: () => host.dispose(),
    };
  },
};
