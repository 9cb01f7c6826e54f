/**
 * The transport's position, kept in whole frames so every source restarts on the same sample:
 * position(t) = anchorPosition + (round(t·fs) − anchorFrame) while playing.
 */
export class TransportClock {
  playing = false;
  private anchorFrame = 0;
  private anchorPosition = 0;

  constructor(private readonly sampleRate: number) {}

  /** Transport position in frames at context time `t` (s). */
  positionAt(t: number): number {
    if (!this.playing) return this.anchorPosition;
    return this.anchorPosition + Math.max(0, Math.round(t * this.sampleRate) - this.anchorFrame);
  }

  /** Playback starts at context time `t` from position `positionFrames`. */
  start(t: number, positionFrames: number): void {
    this.playing = true;
    this.anchorFrame = Math.round(t * this.sampleRate);
    this.anchorPosition = Math.max(0, Math.round(positionFrames));
  }

  /** Playback stops at context time `t`; the position is kept there. */
  stop(t: number): void {
    this.anchorPosition = this.positionAt(t);
    this.playing = false;
  }

  /** Moves the position while stopped. */
  moveTo(positionFrames: number): void {
    this.anchorPosition = Math.max(0, Math.round(positionFrames));
  }
}
