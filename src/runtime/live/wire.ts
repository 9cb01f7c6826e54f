/**
 * One wire of the graph in Web Audio: from the source node's output, through its compensation
 * delay, to a fader that fades the wire in and out, into the target port's summing point.
 *
 *   from.output ─► [DelayNode: compensation] ─► fade gain ─► to.inputs[port]
 *
 * Connecting or disconnecting fades over a few ms instead of switching (no click); the fader is
 * exactly 1 at rest, so it never changes the signal.
 */
import type { SmoothParam } from '../../nodes/liveTypes';
import type { EngineBuildContext } from './buildContext';
import { createFixedDelay } from './fixedDelay';
import type { LiveWireState } from './liveState';
import { safeDisconnect } from './stereo';

/** One wire (see the file comment). */
export class LiveWire {
  private readonly delay: DelayNode | null;
  private readonly fader: GainNode;
  private readonly level: SmoothParam;

  /** Builds the wire and fades it in from `at` over `fade` s (0: at full level at once). */
  constructor(
    build: EngineBuildContext,
    readonly state: LiveWireState,
    private readonly source: AudioNode,
    target: AudioNode,
    at: number,
    fade: number,
  ) {
    this.delay = createFixedDelay(build.context, state.delay);
    this.fader = build.stereoGain(0);
    this.level = build.smooth(this.fader.gain, fade > 0 ? 0 : 1);
    if (fade > 0) this.level.rampTo(1, { at, rampSeconds: fade });
    if (this.delay) {
      source.connect(this.delay);
      this.delay.connect(this.fader);
    } else {
      source.connect(this.fader);
    }
    this.fader.connect(target);
  }

  /**
   * Silences the wire for monitoring (mute/solo, never part of the document) or brings it back,
   * with a linear ramp of `ramp` seconds from `at`, so switching never clicks.
   */
  setSilenced(silenced: boolean, at: number, ramp: number): void {
    this.level.rampTo(silenced ? 0 : 1, { at, rampSeconds: ramp });
  }

  /** Fades out from `at`; take it apart with `dispose` once the fade has ended. */
  fadeOut(at: number, fade: number): void {
    this.level.rampTo(0, { at, rampSeconds: fade });
  }

  dispose(): void {
    try {
      this.source.disconnect(this.delay ?? this.fader);
    } catch {
      // The source may already be gone.
    }
    safeDisconnect(this.delay);
    safeDisconnect(this.fader);
  }
}
