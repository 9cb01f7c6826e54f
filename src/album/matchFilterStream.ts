/**
 * The matching filter (linearPhaseFilter.ts) applied to a stream: the same FFT overlap-add in
 * blocks of N input frames, the same delay removal (N/2), the same sums — so the output equals
 * `applyMatchFilter` on the whole track bit for bit, with memory of one block per channel.
 */
import { fftInPlace } from '../dsp/fft';
import type { StereoStream } from '../runtime/audio-io/decoders/stereoStream';
import type { MatchFilter } from './linearPhaseFilter';

/** One channel's overlap-add state. */
class ChannelConvolver {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly tail: Float64Array;
  constructor(n: number) {
    this.re = new Float64Array(2 * n);
    this.im = new Float64Array(2 * n);
    this.tail = new Float64Array(n);
  }
}

export class MatchFilterStream implements StereoStream {
  readonly frames: number;
  readonly sampleRate: number;
  private readonly n: number;
  private readonly blocks: number;
  private readonly inLeft: Float32Array;
  private readonly inRight: Float32Array;
  private readonly outLeft: Float32Array;
  private readonly outRight: Float32Array;
  private readonly left: ChannelConvolver;
  private readonly right: ChannelConvolver;
  private block = 0;
  /** Filtered frames ready in out*, and how many of them were read. */
  private ready = 0;
  private taken = 0;

  constructor(
    private readonly input: StereoStream,
    private readonly filter: MatchFilter,
  ) {
    this.frames = input.frames;
    this.sampleRate = input.sampleRate;
    this.n = filter.taps.length;
    this.blocks = Math.ceil((this.frames + filter.delay) / this.n);
    this.inLeft = new Float32Array(this.n);
    this.inRight = new Float32Array(this.n);
    this.outLeft = new Float32Array(this.n);
    this.outRight = new Float32Array(this.n);
    this.left = new ChannelConvolver(this.n);
    this.right = new ChannelConvolver(this.n);
  }

  read(left: Float32Array, right: Float32Array, max: number): number {
    let done = 0;
    while (done < max) {
      if (this.taken === this.ready) {
        if (this.block >= this.blocks) break;
        this.nextBlock();
        continue;
      }
      const n = Math.min(max - done, this.ready - this.taken);
      left.set(this.outLeft.subarray(this.taken, this.taken + n), done);
      right.set(this.outRight.subarray(this.taken, this.taken + n), done);
      this.taken += n;
      done += n;
    }
    return done;
  }

  /** Convolves input block b; its first half plus the last block's tail are final outputs. */
  private nextBlock(): void {
    const n = this.n;
    let got = 0;
    while (got < n) {
      const r = this.input.read(this.inLeft.subarray(got), this.inRight.subarray(got), n - got);
      if (r === 0) break;
      got += r;
    }
    const start = this.block * n;
    const first = Math.max(0, this.filter.delay - start);
    const end = Math.min(n, this.frames + this.filter.delay - start);
    this.convolve(this.left, this.inLeft, got, this.outLeft, first, end);
    this.convolve(this.right, this.inRight, got, this.outRight, first, end);
    this.ready = Math.max(0, end - first);
    this.taken = 0;
    this.block += 1;
  }

  private convolve(state: ChannelConvolver, input: Float32Array, count: number, out: Float32Array, first: number, end: number): void {
    const { re, im, tail } = state;
    const size = 2 * this.n;
    const { spectrumRe: hr, spectrumIm: hi } = this.filter;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < count; i++) re[i] = input[i];
    fftInPlace(re, im);
    for (let k = 0; k < size; k++) {
      const a = re[k] * hr[k] - im[k] * hi[k];
      const b = re[k] * hi[k] + im[k] * hr[k];
      re[k] = a;
      im[k] = b;
    }
    // Inverse FFT through the forward one, as linearPhaseFilter.ts does: conj(FFT(conj(X)))/N.
    for (let k = 0; k < size; k++) im[k] = -im[k];
    fftInPlace(re, im);
    for (let k = 0; k < size; k++) re[k] /= size;
    for (let i = 0; i < this.n; i++) {
      if (i >= first && i < end) out[i - first] = re[i] + tail[i];
      tail[i] = re[this.n + i];
    }
  }
}
