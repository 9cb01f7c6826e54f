/**
 * Live builder of the `source` node: the clip as an AudioBuffer played by AudioBufferSourceNodes
 * (one per start, as Web Audio requires), with the offline kernel's playhead semantics:
 *
 *   p = round(offset·fs) + position          (position = transport frames since 0)
 *   loop:    plays clip[p mod L], wrapping   (start offset p mod L; loop over the whole buffer)
 *   no loop: plays clip[p] while p < L, then silence (nothing starts when p ≥ L)
 *
 * The buffer offset is a whole frame, so the samples are the clip's own (no interpolation), and
 * the gain is a GainNode ramped on change. Changing the clip, loop or offset while playing
 * restarts at the same transport position with a short crossfade.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { LiveBuildContext, LiveNodeBuilder, LiveProcessor, ParamTiming, SmoothParam } from '../liveTypes';
import { boolParam, numberParam } from '../params';
import { parseClipRef } from './clipRef';
import { sourceNode } from './index';
import { clipFrames, resolveClip } from './kernel';

interface Voice {
  player: AudioBufferSourceNode;
  fader: GainNode;
  level: SmoothParam;
}

/** Where the transport was when playback last (re)started. */
interface PlayAnchor {
  when: number;
  positionFrames: number;
}

const dbToGain = (db: number): number => Math.pow(10, db / 20);

class SourcePlayer implements LiveProcessor {
  readonly output: GainNode;
  private readonly gain: SmoothParam;
  private voice: Voice | null = null;
  private anchor: PlayAnchor | null = null;

  constructor(
    private readonly ctx: LiveBuildContext,
    private params: ResolvedParams,
  ) {
    this.output = ctx.stereoGain();
    this.gain = ctx.smooth(this.output.gain, dbToGain(numberParam(params, 'gain')));
  }

  setParams(next: ResolvedParams, changed: readonly string[], timing: ParamTiming): void {
    this.params = next;
    if (changed.includes('gain')) this.gain.rampTo(dbToGain(numberParam(next, 'gain')), timing);
    const restart = changed.some((k) => k === 'clip' || k === 'loop' || k === 'offset');
    if (restart && this.anchor !== null) {
      const position = this.anchor.positionFrames + Math.round((timing.at - this.anchor.when) * this.ctx.sampleRate);
      this.start(timing.at, Math.max(0, position));
    }
  }

  start(when: number, positionFrames: number): void {
    const crossfade = this.voice !== null;
    if (this.voice !== null) this.release(this.voice, when);
    this.anchor = { when, positionFrames };
    this.voice = this.play(when, positionFrames, crossfade ? this.ctx.fadeSeconds : 0);
  }

  stop(when: number): void {
    if (this.voice !== null) this.release(this.voice, when);
    this.voice = null;
    this.anchor = null;
  }

  dispose(): void {
    if (this.voice !== null) {
      try {
        this.voice.player.stop();
      } catch {
        // Never started or already stopped.
      }
      this.voice.player.disconnect();
      this.voice.fader.disconnect();
    }
    this.voice = null;
    this.output.disconnect();
  }

  /** A new voice at playhead p = offset + position, faded in over `fade` s (0: at once). */
  private play(when: number, positionFrames: number, fade: number): Voice | null {
    const ref = typeof this.params.clip === 'string' ? parseClipRef(this.params.clip) : undefined;
    const clip = resolveClip(ref, this.ctx.kernelContext);
    const length = clipFrames(clip);
    if (!clip || length === 0) return null;
    const loop = boolParam(this.params, 'loop');
    const playhead = Math.max(0, Math.round(numberParam(this.params, 'offset') * this.ctx.sampleRate)) + positionFrames;
    if (!loop && playhead >= length) return null;
    const startFrame = loop ? playhead % length : playhead;

    const player = this.ctx.context.createBufferSource();
    player.buffer = this.ctx.audioBuffer(clip);
    player.loop = loop;
    const fader = this.ctx.stereoGain();
    const level = this.ctx.smooth(fader.gain, fade > 0 ? 0 : 1);
    if (fade > 0) level.rampTo(1, { at: when, rampSeconds: fade });
    player.connect(fader);
    fader.connect(this.output);
    player.start(when, startFrame / this.ctx.sampleRate);
    return { player, fader, level };
  }

  /** Fades a voice out from `when` and stops it once silent. */
  private release(voice: Voice, when: number): void {
    const fade = this.ctx.fadeSeconds;
    voice.level.rampTo(0, { at: when, rampSeconds: fade });
    voice.player.stop(when + fade);
    voice.player.onended = () => {
      voice.player.disconnect();
      voice.fader.disconnect();
    };
  }
}

/** Live builder of `source` (see the file comment). */
export const sourceLive: LiveNodeBuilder = {
  type: sourceNode.type,
  build: (ctx, params) => new SourcePlayer(ctx, params),
};
