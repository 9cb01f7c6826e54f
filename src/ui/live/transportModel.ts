/**
 * The transport as the UI sees it, in context seconds (pure, unit-tested): where playback started,
 * a loop restart that may already be scheduled ahead, and what to do next. The engine counts the
 * same positions in whole frames (`src/runtime/live/transport.ts`); this model exists because a
 * loop restart is handed to the engine ahead of time (the audio clock must not wait for a timer),
 * and the display must keep counting up to the loop point rather than jump back early.
 */

/** How far ahead of the loop point the restart is handed to the engine, s. */
export const LOOP_LOOKAHEAD_SECONDS = 0.12;

/** A pending transport decision for the controller. */
export type TransportAction =
  | { kind: 'none' }
  /** Hand the engine a restart from `from` at context time `at` (the loop point). */
  | { kind: 'scheduleLoop'; at: number; from: number }
  /** The end was reached without looping: stop at context time `at`. */
  | { kind: 'stopAtEnd'; at: number };

/** Transport state in context time; see the file comment. */
export class TransportModel {
  playing = false;
  loop = true;
  /** Programme length, s (> 0). */
  length = 30;
  private anchorAt = 0;
  private anchorFrom = 0;
  private stoppedAt = 0;
  private pendingLoopAt: number | null = null;

  /** Playback starts (or jumps) at context time `at` from position `from` s. */
  start(at: number, from: number): void {
    this.playing = true;
    this.anchorAt = at;
    this.anchorFrom = Math.max(0, from);
    this.pendingLoopAt = null;
  }

  /** Playback stops at context time `at`; the position is kept. */
  stop(at: number): void {
    this.stoppedAt = this.positionAt(at);
    this.playing = false;
    this.pendingLoopAt = null;
  }

  /** Moves the stopped position. */
  moveTo(seconds: number): void {
    this.stoppedAt = Math.max(0, seconds);
  }

  /** The scheduled loop point, if one was handed to the engine. */
  get pendingLoop(): number | null {
    return this.pendingLoopAt;
  }

  /** Position in seconds at context time `t`. */
  positionAt(t: number): number {
    if (!this.playing) return this.stoppedAt;
    if (this.pendingLoopAt !== null && t >= this.pendingLoopAt) return t - this.pendingLoopAt;
    return this.anchorFrom + Math.max(0, t - this.anchorAt);
  }

  /**
   * What should happen now (context time `now`). A loop restart is due when the loop point is
   * within the lookahead; a position already past the end (the graph got shorter) loops or stops
   * right away.
   */
  next(now: number): TransportAction {
    if (!this.playing) return { kind: 'none' };
    if (this.pendingLoopAt !== null) {
      if (now < this.pendingLoopAt) return { kind: 'none' };
      // The loop point has passed: it becomes the anchor.
      this.anchorAt = this.pendingLoopAt;
      this.anchorFrom = 0;
      this.pendingLoopAt = null;
    }
    const endAt = Math.max(now, this.anchorAt + (this.length - this.anchorFrom));
    if (endAt - now > LOOP_LOOKAHEAD_SECONDS) return { kind: 'none' };
    return this.loop ? { kind: 'scheduleLoop', at: endAt, from: 0 } : { kind: 'stopAtEnd', at: endAt };
  }

  /** Records that the engine was handed the loop restart at `at`. */
  loopScheduled(at: number): void {
    this.pendingLoopAt = at;
  }
}
