/**
 * Live builder of the `output` (master) node: one GainNode at the master fader, 10^(gain/20),
 * ramped on a change. The engine routes its output to the speakers (see `index.ts` for the
 * master-signal convention: the node has no output ports, but it does have a signal).
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { faderGain } from '../fader';
import { numberParam } from '../params';
import { outputNode } from './index';

/** Live builder of `output` (see the file comment). */
export const outputLive: LiveNodeBuilder = {
  type: outputNode.type,
  build(ctx, params, ports) {
    const node = ctx.stereoGain();
    const level = ctx.smooth(node.gain, faderGain(numberParam(params, 'gain')));
    ports.inputs[0].connect(node);
    return {
      output: node,
      setParams: (next, _changed, timing) => level.rampTo(faderGain(numberParam(next, 'gain')), timing),
      dispose: () => node.disconnect(),
    };
  },
};
