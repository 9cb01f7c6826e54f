/**
 * Live builder of the `width` node: the kernel's mid/side equations written as a 2×2 matrix of
 * gains between a ChannelSplitter and a ChannelMerger:
 *
 *   L' = a·L + b·R,  R' = b·L + a·R,   a = (1 + width)/2,  b = (1 − width)/2
 *
 * which is M + S and M − S with M = (L + R)/2, S = (L − R)/2·width (see `kernel.ts`). At width 1,
 * a = 1 and b = 0: the signal passes unchanged. Both gains ramp together on a change.
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { numberParam } from '../params';
import { widthNode } from './index';

const direct = (width: number): number => (1 + width) / 2;
const cross = (width: number): number => (1 - width) / 2;

/** Live builder of `width` (see the file comment). */
export const widthLive: LiveNodeBuilder = {
  type: widthNode.type,
  build(ctx, params, ports) {
    const context = ctx.context;
    const width = numberParam(params, 'width');
    const splitter = context.createChannelSplitter(2);
    const merger = context.createChannelMerger(2);
    const mono = (): GainNode => {
      const g = context.createGain();
      g.channelCount = 1;
      g.channelCountMode = 'explicit';
      return g;
    };
    const [ll, rl, lr, rr] = [mono(), mono(), mono(), mono()];
    const a = [ctx.smooth(ll.gain, direct(width)), ctx.smooth(rr.gain, direct(width))];
    const b = [ctx.smooth(rl.gain, cross(width)), ctx.smooth(lr.gain, cross(width))];
    ports.inputs[0].connect(splitter);
    // ll: L → L', rl: R → L', lr: L → R', rr: R → R'.
    splitter.connect(ll, 0);
    splitter.connect(rl, 1);
    splitter.connect(lr, 0);
    splitter.connect(rr, 1);
    ll.connect(merger, 0, 0);
    rl.connect(merger, 0, 0);
    lr.connect(merger, 0, 1);
    rr.connect(merger, 0, 1);
    return {
      output: merger,
      setParams(next, _changed, timing) {
        const w = numberParam(next, 'width');
        for (const p of a) p.rampTo(direct(w), timing);
        for (const p of b) p.rampTo(cross(w), timing);
      },
      dispose() {
        for (const n of [splitter, ll, rl, lr, rr, merger]) n.disconnect();
      },
    };
  },
};
