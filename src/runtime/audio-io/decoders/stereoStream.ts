/**
 * A track as a stream of stereo frames at the render rate, read block by block: the file's frames
 * (by range, or from memory) mixed to stereo (`downmixToStereo`, ITU-R BS.775) and resampled by
 * {@link ResampleStream}. Memory is a few blocks and the resampler's window, whatever the length;
 * the samples are exactly those of `toRenderClip` on the whole file. Pure.
 */
import { downmixToStereo } from '../prepareClip';
import { resampledLength, resamplerDesign, resampleSpan, type ResampleCursor, type ResamplerDesign } from '../resample';

/** Stereo frames read in order. */
export interface StereoStream {
  readonly sampleRate: number;
  /** Frames the stream delivers in all. */
  readonly frames: number;
  /** Writes the next frames (at most `max`) to `left`/`right` from index 0; 0 at the end. */
  read(left: Float32Array, right: Float32Array, max: number): number;
}

/** The file's frames `from … from + count − 1`, one array per channel (fewer at the end). */
export type FrameRange = (from: number, count: number) => Float32Array[];

/** Frames decoded per file read: large enough that a read costs little per frame. */
const DECODE_CHUNK = 32768;

/**
 * The file's frames as stereo at the file's rate, decoded {@link DECODE_CHUNK} frames at a time
 * (the engine asks for a block of 128 frames; a file read per block would cost more than the mix).
 */
export class DownmixStream implements StereoStream {
  private position = 0;
  private readonly bufferLeft = new Float32Array(DECODE_CHUNK);
  private readonly bufferRight = new Float32Array(DECODE_CHUNK);
  private buffered = 0;
  private taken = 0;

  constructor(
    private readonly range: FrameRange,
    readonly frames: number,
    readonly sampleRate: number,
    private readonly channelMask: number,
  ) {}

  read(left: Float32Array, right: Float32Array, max: number): number {
    let done = 0;
    while (done < max) {
      if (this.taken === this.buffered && !this.refill()) break;
      const n = Math.min(max - done, this.buffered - this.taken);
      left.set(this.bufferLeft.subarray(this.taken, this.taken + n), done);
      right.set(this.bufferRight.subarray(this.taken, this.taken + n), done);
      this.taken += n;
      done += n;
    }
    return done;
  }

  /** Decodes the next chunk; false at the end. */
  private refill(): boolean {
    const n = Math.min(DECODE_CHUNK, this.frames - this.position);
    if (n <= 0) return false;
    const channels = this.range(this.position, n);
    // Mono and stereo are copied straight from the decoded chunk (downmixToStereo would copy them
    // once more first); three channels and up are mixed.
    const stereo =
      channels.length === 1 || channels.length === 2
        ? { left: channels[0], right: channels[channels.length - 1] }
        : downmixToStereo({ sampleRate: this.sampleRate, channels, channelMask: this.channelMask });
    const got = Math.min(n, stereo.left.length, stereo.right.length);
    this.bufferLeft.set(stereo.left.subarray(0, got));
    this.bufferRight.set(stereo.right.subarray(0, got));
    // A short range (a file that shrank) reads as silence rather than shifting the track.
    if (got < n) {
      this.bufferLeft.fill(0, got, n);
      this.bufferRight.fill(0, got, n);
    }
    this.position += n;
    this.buffered = n;
    this.taken = 0;
    return true;
  }
}

/** Outputs per refill of the resampler's window. */
const RESAMPLE_BATCH = 4096;

/**
 * Streaming form of `resample` (resample.ts: a windowed-sinc polyphase filter; output k sits at
 * input time k·M/L and is Σ_j table[phase_k][j] · padded[floor(k·M/L) + j]). It keeps only the
 * window of input the next outputs reach and runs the same inner loop (`resampleSpan`) over it,
 * so its output equals `resample` of the whole signal bit for bit.
 */
export class ResampleStream implements StereoStream {
  readonly frames: number;
  private readonly design: ResamplerDesign;
  private readonly windowLeft: Float32Array;
  private readonly windowRight: Float32Array;
  private readonly scratchLeft: Float32Array;
  private readonly scratchRight: Float32Array;
  /** Padded index of window[0] (padded[p] = input[p − front], zeros outside the input). */
  private base = 0;
  private filled: number;
  private ended = false;
  private k = 0;
  private whole = 0;
  private remainder = 0;
  /** Scratch cursor for {@link resampleSpan} (reused: no allocation per batch). */
  private readonly cursor: ResampleCursor = { whole: 0, remainder: 0 };

  constructor(
    private readonly input: StereoStream,
    readonly sampleRate: number,
  ) {
    this.design = resamplerDesign(input.sampleRate, sampleRate);
    this.frames = resampledLength(input.frames, input.sampleRate, sampleRate);
    const { taps, up, down } = this.design;
    const capacity = Math.ceil((RESAMPLE_BATCH * down) / up) + 2 * taps + 8;
    this.windowLeft = new Float32Array(capacity);
    this.windowRight = new Float32Array(capacity);
    this.scratchLeft = new Float32Array(capacity);
    this.scratchRight = new Float32Array(capacity);
    this.filled = taps / 2 - 1; // the leading zeros of `padded`
  }

  read(left: Float32Array, right: Float32Array, max: number): number {
    const total = Math.min(max, this.frames - this.k);
    let done = 0;
    while (done < total) {
      const n = Math.min(RESAMPLE_BATCH, total - done);
      this.prepareWindow(n);
      this.compute(this.windowLeft, left, done, n);
      this.compute(this.windowRight, right, done, n, true);
      done += n;
    }
    return Math.max(0, total);
  }

  /** Slides the window to start at the next output's first tap and fills it for `n` outputs. */
  private prepareWindow(n: number): void {
    const { taps, up, down } = this.design;
    const drop = this.whole - this.base;
    if (drop > 0) {
      this.windowLeft.copyWithin(0, drop, this.filled);
      this.windowRight.copyWithin(0, drop, this.filled);
      this.filled -= drop;
      this.base = this.whole;
    }
    const lastWhole = Math.floor(((this.k + n - 1) * down) / up);
    const needEnd = lastWhole + taps - this.base;
    while (this.filled < needEnd) {
      const want = needEnd - this.filled;
      let got = 0;
      if (!this.ended) {
        got = this.input.read(this.scratchLeft, this.scratchRight, want);
        if (got === 0) this.ended = true;
      }
      if (got > 0) {
        this.windowLeft.set(this.scratchLeft.subarray(0, got), this.filled);
        this.windowRight.set(this.scratchRight.subarray(0, got), this.filled);
      } else {
        this.windowLeft.fill(0, this.filled, needEnd);
        this.windowRight.fill(0, this.filled, needEnd);
        got = want;
      }
      this.filled += got;
    }
  }

  /** Outputs k … k+n−1 of one channel into out[at …]; advances the phase after the second channel. */
  private compute(window: Float32Array, out: Float32Array, at: number, n: number, advance = false): void {
    const cursor = this.cursor;
    cursor.whole = this.whole - this.base;
    cursor.remainder = this.remainder;
    resampleSpan(this.design, window, out, at, n, cursor);
    if (advance) {
      this.whole = cursor.whole + this.base;
      this.remainder = cursor.remainder;
      this.k += n;
    }
  }
}

/** The stream at `sampleRate`: itself when the rates agree, else resampled. */
export function atRate(stream: StereoStream, sampleRate: number): StereoStream {
  return stream.sampleRate === sampleRate ? stream : new ResampleStream(stream, sampleRate);
}
