/**
 * A lossy codec as a stream: stereo float blocks in, the decoded stream out, **delay-aligned** —
 * the codec's own delay (encoder look-ahead + decoder overlap) is dropped, so output sample k is
 * the codec's rendition of input sample k. The editor's codec preview runs one in a Worker; the
 * output may arrive later than the input (frame buffering, asynchronous decoders), never earlier.
 */

/** Receives aligned decoded samples, in order, from input sample 0 of the stream on. */
export type AlignedOutput = (left: Float32Array, right: Float32Array) => void;

/** One running encoder + decoder pair. */
export interface StreamCodec {
  /** Feeds the next input frames (any block size); output follows through the `AlignedOutput`. */
  push(left: Float32Array, right: Float32Array): void;
  /** Frees encoder and decoder; no output after this. */
  close(): void;
}

/** Builds a stream codec that delivers to `output`. */
export type StreamCodecFactory = (output: AlignedOutput) => Promise<StreamCodec>;

/**
 * Drops the first `delay` frames of a stream and forwards the rest: the alignment step every codec
 * shares. No allocation: forwards subarrays of the blocks it is given.
 */
export class DelayTrim {
  private toDrop: number;

  constructor(delay: number, private readonly output: AlignedOutput) {
    this.toDrop = delay;
  }

  /** Forwards `left`/`right` without the frames still to be dropped. */
  push(left: Float32Array, right: Float32Array): void {
    let from = 0;
    if (this.toDrop > 0) {
      from = Math.min(this.toDrop, left.length);
      this.toDrop -= from;
    }
    if (from < left.length) this.output(from === 0 ? left : left.subarray(from), from === 0 ? right : right.subarray(from));
  }
}
