/**
 * Live builder of the `tone` node: the offline tone kernel itself, hosted in the kernel-host
 * AudioWorklet, so sine, band-limited square/saw, seeded noise and the sweep are the very same
 * samples as the CLI's. As a source it follows the transport: silent while stopped, restarting
 * from the kernel's `reset()` (phase 0, sweep at 20 Hz, noise from its seed) on every start, and
 * fading out over the engine's crossfade on stop. `freq` and `level` glide on a change.
 */
import type { LiveNodeBuilder, LiveProcessor } from '../liveTypes';
import { toneNode } from './index';

/** Live builder of `tone` (see the file comment). */
export const toneLive: LiveNodeBuilder = {
  type: toneNode.type,
  build(ctx, params, ports): LiveProcessor {
    const host = ctx.hostKernel(toneNode, params, ports, { steppedParams: ['freq', 'level'] });
    const fader = ctx.stereoGain();
    const level = ctx.smooth(fader.gain, 1);
    host.node.connect(fader);
    let running = false;
    return {
      output: fader,
      setParams: (next, _changed, timing) => host.setParams(next, timing.rampSeconds),
      start(when) {
        if (running) {
          // A restart needs a falling edge for the gate to see: close it for one frame.
          host.stop(when);
          host.start(when + 1 / ctx.sampleRate);
        } else {
          host.start(when);
        }
        level.setAt(1, when);
        running = true;
      },
      stop(when) {
        level.rampTo(0, { at: when, rampSeconds: ctx.fadeSeconds });
        host.stop(when + ctx.fadeSeconds);
        running = false;
      },
      dispose() {
        host.dispose();
        fader.disconnect();
      },
    };
  },
};
