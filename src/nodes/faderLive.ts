/**
 * The live form of every fader-like node (gain, bus, output): one stereo GainNode whose gain is
 * the kernel's linear factor, ramped on a change so a fader move, a polarity flip or a mute
 * glides instead of clicking.
 */
import type { ResolvedParams } from '../graph/catalog';
import type { LiveNodeBuilder } from './liveTypes';

/** A live builder for `type` whose GainNode follows `factor(params)`. */
export function gainStageBuilder(type: string, factor: (params: ResolvedParams) => number): LiveNodeBuilder {
  return {
    type,
    build(ctx, params, ports) {
      const node = ctx.stereoGain();
      const level = ctx.smooth(node.gain, factor(params));
      ports.inputs[0].connect(node);
      return {
        output: node,
        setParams: (next, _changed, timing) => level.rampTo(factor(next), timing),
        dispose: () => node.disconnect(),
      };
    },
  };
}
