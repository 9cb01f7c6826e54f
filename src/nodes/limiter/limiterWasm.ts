/**
 * The limiter kernel's chunk in one WebAssembly call (asm/truePeak.ts `limiterChunk`): both
 * channels' band-limited detectors, the required gains, the gain path (hold, release, moving
 * average), the latency delay and the output stage, with the band limit on at 4× (44.1–96 kHz).
 *
 * Why: with the detectors already in WebAssembly, what remained of the limiter's time was the
 * JavaScript around them — per chunk two copies into the detectors, two copies out, the required
 * gains, the hold, release and average loops, two delay exchanges and the output loop
 * (docs/performance.md, "Fourth pass"). Here JavaScript only copies the float32 input into the
 * instance's memory and the float32 output back, up to `STAGE` frames per `set` (the input gain
 * and the finiteness check run in WebAssembly since branch `lim-f32`: docs/performance.md,
 * "Seventh pass").
 *
 * The same operations in the same order as `LimiterKernel`'s TypeScript path (LookaheadGain,
 * SlidingMinimum, MovingAverage, DelayLine), so the samples are bit-identical
 * (test/unit/dsp/truePeakWasm.test.ts). This object holds the state of record for this path:
 * `configure`/`reset` mirror `LookaheadGain.configure`/`reset` and `DelayLine.reset`.
 */
import { BandLimitedPeakDetector } from '../../dsp/dynamics/bandLimitedPeak';
import { delayLineStorageLength } from '../../dsp/delayLine';
import { createTruePeakWasm, type TruePeakWasmExports } from '../../dsp/wasm/truePeakWasm';

/** Frames per call: the detectors' chunk. */
const CHUNK = 256;
/** Frames copied in and out per `set` (a block is staged whole up to this size). */
const STAGE = 4096;
/** Spare f32 behind the input staging: `limiterChunk` reads its input four at a time. */
const PAD = 8;
/** The state block asm/truePeak.ts reads (L_* there): 8 f64, then i32 values and byte offsets. */
const STATE_FLOAT64S = 16;
const S_TARGET = 0;
const S_SAFETY = 1;
const S_RELEASE_COEFF = 2;
const S_RELEASED = 3;
const S_PREFIX = 4;
const S_SUM = 5;
const S_SMALLEST = 6;
/** i32 indices (byte offset / 4). */
const I_CLIPS = 14;
const I_WINDOW = 15;
const I_OFFSET = 16;
const I_AVERAGE_LENGTH = 17;
const I_AVERAGE_INDEX = 18;
const I_DELAY = 19;
const I_DELAY_MASK = 20;
const I_WRITE_LEFT = 21;
const I_WRITE_RIGHT = 22;
const I_POINTERS = 23;

/** One limiter's WebAssembly instance, its two detectors and its gain path and delay state. */
export class LimiterWasm {
  readonly left: BandLimitedPeakDetector;
  readonly right: BandLimitedPeakDetector;
  private readonly exports: TruePeakWasmExports;
  private readonly state: Float64Array;
  private readonly ints: Int32Array;
  private readonly suffix: Float64Array;
  private readonly ring: Float64Array;
  private readonly delayLeft: Float64Array;
  private readonly delayRight: Float64Array;
  /** The staged input and output, float32 in the instance's memory. */
  private readonly inLeft: Float32Array;
  private readonly inRight: Float32Array;
  private readonly outLeft: Float32Array;
  private readonly outRight: Float32Array;
  /** Views of the first `viewLength` staged output frames (remade only when a block's size changes). */
  private viewLength = STAGE;
  private viewLeft: Float32Array;
  private viewRight: Float32Array;
  private readonly maxDelay: number;
  private averageLength = 1;

  private constructor(
    exports: TruePeakWasmExports,
    allocate: (length: number) => Float64Array,
    left: BandLimitedPeakDetector,
    right: BandLimitedPeakDetector,
    maxWindow: number,
    maxAverage: number,
    maxDelay: number,
  ) {
    this.exports = exports;
    this.left = left;
    this.right = right;
    this.maxDelay = maxDelay;
    this.state = allocate(STATE_FLOAT64S);
    this.ints = new Int32Array(this.state.buffer, this.state.byteOffset, 2 * STATE_FLOAT64S);
    const block = allocate(maxWindow);
    this.suffix = allocate(maxWindow + 1);
    this.ring = allocate(maxAverage);
    const delaySize = delayLineStorageLength(maxDelay);
    this.delayLeft = allocate(delaySize);
    this.delayRight = allocate(delaySize);
    const gains = allocate(CHUNK);
    const single = (length: number): Float32Array => {
      const f64 = allocate(Math.ceil(length / 2));
      return new Float32Array(f64.buffer, f64.byteOffset, length);
    };
    this.inLeft = single(STAGE + PAD);
    this.inRight = single(STAGE + PAD);
    this.outLeft = single(STAGE);
    this.outRight = single(STAGE);
    this.viewLeft = this.outLeft;
    this.viewRight = this.outRight;
    this.ints[I_DELAY_MASK] = delaySize - 1;
    this.ints.set([block, this.suffix, this.ring, this.delayLeft, this.delayRight, gains].map((a) => a.byteOffset), I_POINTERS);
  }

  /**
   * The limiter's WebAssembly path at `sampleRate`, or undefined where it does not apply (no
   * WebAssembly, or 2× at ≥ 176.4 kHz, where the TypeScript path runs).
   * @param maxWindow largest hold window L + 2a + 1; `maxAverage` largest L + 1; `maxDelay` the
   *   largest latency delay, in samples.
   */
  static create(sampleRate: number, factor: number, maxWindow: number, maxAverage: number, maxDelay: number): LimiterWasm | undefined {
    if (factor !== 4) return undefined;
    const arena = createTruePeakWasm(
      2 * BandLimitedPeakDetector.wasmFloat64s(sampleRate) + STATE_FLOAT64S + 2 * maxWindow + maxAverage + 2 +
        2 * delayLineStorageLength(maxDelay) + CHUNK + 2 * STAGE + PAD + 64,
    );
    if (!arena) return undefined;
    const left = new BandLimitedPeakDetector(sampleRate, factor, true, arena);
    const right = new BandLimitedPeakDetector(sampleRate, factor, true, arena);
    if (left.wasmDescriptor < 0 || right.wasmDescriptor < 0) return undefined;
    return new LimiterWasm(arena.exports, (n) => arena.allocate(n), left, right, maxWindow, maxAverage, maxDelay);
  }

  /** Sets the gain path's timing (as `LookaheadGain.configure` resolved it) and clears every state. */
  configure(rampLength: number, guard: number, releaseCoefficient: number): void {
    this.ints[I_WINDOW] = rampLength + 2 * guard + 1;
    this.averageLength = rampLength + 1;
    this.ints[I_AVERAGE_LENGTH] = this.averageLength;
    this.state[S_RELEASE_COEFF] = releaseCoefficient;
    this.reset();
  }

  /** A new release time, state kept. */
  setRelease(releaseCoefficient: number): void {
    this.state[S_RELEASE_COEFF] = releaseCoefficient;
  }

  /** c' (the gain's target) and the safety clamp's limit. */
  setLevels(target: number, safetyLimit: number): void {
    this.state[S_TARGET] = target;
    this.state[S_SAFETY] = safetyLimit;
  }

  /** Silence and unity gain with no history (LookaheadGain, DelayLine and the detectors' resets). */
  reset(): void {
    this.left.reset();
    this.right.reset();
    this.suffix.fill(Infinity);
    this.ints[I_OFFSET] = 0;
    this.state[S_PREFIX] = Infinity;
    this.state[S_RELEASED] = 1;
    this.ring.fill(1, 0, this.averageLength);
    this.ints[I_AVERAGE_INDEX] = 0;
    this.state[S_SUM] = this.averageLength;
    this.delayLeft.fill(0);
    this.delayRight.fill(0);
    this.ints[I_WRITE_LEFT] = 0;
    this.ints[I_WRITE_RIGHT] = 0;
  }

  /**
   * Limits `frames` frames of input × `inputGain` (non-finite samples as 0) into `outLeft` /
   * `outRight`, the audio delayed by `delay` samples. Returns the safety stage's clip count; the
   * smallest gain of the block is `smallestGain` afterwards.
   */
  process(
    inputLeft: Float32Array,
    inputRight: Float32Array,
    outputLeft: Float32Array,
    outputRight: Float32Array,
    frames: number,
    inputGain: number,
    delay: number,
  ): number {
    const ints = this.ints;
    ints[I_DELAY] = delay < 1 ? 1 : delay > this.maxDelay ? this.maxDelay : delay;
    ints[I_CLIPS] = 0;
    this.state[S_SMALLEST] = 1;
    const exports = this.exports;
    const state = this.state.byteOffset;
    const descLeft = this.left.wasmDescriptor;
    const descRight = this.right.wasmDescriptor;
    const inLeft = this.inLeft.byteOffset;
    const inRight = this.inRight.byteOffset;
    const outLeft = this.outLeft.byteOffset;
    const outRight = this.outRight.byteOffset;
    for (let from = 0; from < frames; from += STAGE) {
      const n = Math.min(STAGE, frames - from);
      // A whole block is copied without a view (the usual case: offline and live blocks).
      if (from === 0 && n === inputLeft.length && n === inputRight.length) {
        this.inLeft.set(inputLeft);
        this.inRight.set(inputRight);
      } else {
        this.inLeft.set(inputLeft.subarray(from, from + n));
        this.inRight.set(inputRight.subarray(from, from + n));
      }
      for (let c = 0; c < n; c += CHUNK) {
        const at = 4 * c;
        exports.limiterChunk(state, descLeft, descRight, Math.min(CHUNK, n - c), inputGain, inLeft + at, inRight + at, outLeft + at, outRight + at);
      }
      if (n !== this.viewLength) {
        this.viewLength = n;
        this.viewLeft = this.outLeft.subarray(0, n);
        this.viewRight = this.outRight.subarray(0, n);
      }
      outputLeft.set(this.viewLeft, from);
      outputRight.set(this.viewRight, from);
    }
    return ints[I_CLIPS];
  }

  /** The smallest gain applied during the last `process`. */
  get smallestGain(): number {
    return this.state[S_SMALLEST];
  }
}
