/**
 * Live builder of the `pan` node: a StereoPannerNode, whose stereo-input law is exactly the one
 * `panLaw.ts` implements (Web Audio API, "StereoPannerNode Panning"). channelCount 2 /
 * 'explicit' keeps the input stereo (`Tone.Panner`'s channelCount 1 would sum it to mono first).
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { numberParam } from '../params';
import { panNode } from './index';

const clampPan = (pan: number): number => Math.min(1, Math.max(-1, pan));

/** Live builder of `pan` (see the file comment). */
export const panLive: LiveNodeBuilder = {
  type: panNode.type,
  build(ctx, params, ports) {
    const node = ctx.context.createStereoPanner();
    node.channelCount = 2;
    node.channelCountMode = 'explicit';
    node.channelInterpretation = 'speakers';
    const pan = ctx.smooth(node.pan, clampPan(numberParam(params, 'pan')));
    ports.inputs[0].connect(node);
    return {
      output: node,
      setParams: (next, _changed, timing) => pan.rampTo(clampPan(numberParam(next, 'pan')), timing),
      dispose: () => node.disconnect(),
    };
  },
};
