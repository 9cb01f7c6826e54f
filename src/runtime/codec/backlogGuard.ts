/**
 * Keeps the codec preview's worker near real time: messages queue up when the encoder runs slower
 * than the audio (a loaded machine), and a block that arrives after its playout time is wasted
 * work that delays every later block too. The guard compares the wall clock with the audio
 * position of each input block since the stream began; a block already further behind than
 * `maxBehindMs` is dropped, so the worker catches up (the playout plays the dry signal for what is
 * missing and the panel says the codec fell behind). Pure: the clock is passed in.
 */
export class BacklogGuard {
  private originMs = 0;
  private originFrame = 0;
  private expected = -1;

  /**
   * @param sampleRate Hz.
   * @param maxBehindMs how late a block may be before it is dropped, ms.
   */
  constructor(private readonly sampleRate: number, private readonly maxBehindMs: number) {}

  /** Whether the block of `frames` starting at `start`, seen at `nowMs`, is still worth coding. */
  admit(start: number, frames: number, nowMs: number): boolean {
    if (start !== this.expected) {
      // A new stream: its first block defines "on time".
      this.originMs = nowMs;
      this.originFrame = start;
    }
    this.expected = start + frames;
    const audioMs = ((start - this.originFrame) / this.sampleRate) * 1000;
    const behind = nowMs - this.originMs - audioMs;
    // Arriving early (the first block was itself late) moves the reference forward.
    if (behind < 0) this.originMs = nowMs - audioMs;
    return behind <= this.maxBehindMs;
  }
}
