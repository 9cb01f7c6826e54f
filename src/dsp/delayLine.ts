/**
 * A circular delay line in double precision with integer and fractional (cubic Hermite) reads.
 *
 * Convention, used by every caller: at sample n, *read first, then write*. With `w` the samples
 * written so far, `readInteger(d)` returns w[n − d] and `readHermite(d)` returns w(n − d)
 * interpolated between neighbouring samples; `write(v)` then stores w[n] and advances n.
 *
 * The buffer length is a power of two (so wrapping is one bitwise AND) of at least the largest
 * delay plus the interpolator's look-around, allocated once in the constructor: nothing in the
 * read/write path allocates.
 */

/** Samples the Hermite interpolator reads beyond the integer part of the delay (one each side + 1). */
const HERMITE_MARGIN = 3;

/** Smallest power of two ≥ n (n ≥ 1). */
function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/**
 * Provides a delay line's storage: a zeroed Float64Array of exactly `length` samples. The default
 * allocates a fresh array; the reverb passes one that carves lines out of a WebAssembly memory, so
 * its WebAssembly and TypeScript loops work on the same samples.
 */
export type DelayStorage = (length: number) => Float64Array;

/** Length in samples of the storage a `DelayLine` of `maxDelaySamples` uses. */
export function delayLineStorageLength(maxDelaySamples: number): number {
  return nextPowerOfTwo(Math.ceil(maxDelaySamples) + HERMITE_MARGIN);
}

/**
 * 4-point, 3rd-order Hermite (Catmull-Rom) interpolation at fraction t ∈ [0, 1) between `x0` and
 * `x1`, with neighbours `xm1` (before x0) and `x2` (after x1):
 *
 *   c0 = x0
 *   c1 = (x1 − xm1)/2
 *   c2 = xm1 − 5/2·x0 + 2·x1 − x2/2
 *   c3 = (x2 − xm1)/2 + 3/2·(x0 − x1)
 *   y  = ((c3·t + c2)·t + c1)·t + c0
 *
 * (O. Niemitalo, "Polynomial Interpolators for High-Quality Resampling of Oversampled Audio",
 * 2001, section "4-point, 3rd-order Hermite"; also J. O. Smith, *Physical Audio Signal
 * Processing*, "Delay-Line Interpolation".) At t = 0 it returns x0 exactly, and it reproduces
 * polynomials up to degree 2, so its impulse response has unit sum and its first moment (the
 * "centroid" of a delayed impulse) equals the requested delay for every t.
 */
export function hermite4(xm1: number, x0: number, x1: number, x2: number, t: number): number {
  const c1 = 0.5 * (x1 - xm1);
  const c2 = xm1 - 2.5 * x0 + 2 * x1 - 0.5 * x2;
  const c3 = 0.5 * (x2 - xm1) + 1.5 * (x0 - x1);
  return ((c3 * t + c2) * t + c1) * t + x0;
}

export class DelayLine {
  /** The storage (power-of-two length); exposed read-only for tests and inspection. */
  readonly buffer: Float64Array;
  /** Largest delay in samples that reads support. */
  readonly maxDelay: number;
  /** `buffer.length − 1`: an index wraps with `& mask`. */
  readonly mask: number;
  /**
   * Where the next `write` goes: the index of w[n]. Public so a block loop can copy it into a local,
   * index `buffer` directly (w[n − d] is `buffer[(writeIndex − d) & mask]`) and store it back —
   * no method call per sample.
   */
  writeIndex = 0;

  /**
   * @param maxDelaySamples largest delay (integer or fractional) that will be read, in samples ≥ 1.
   * @param storage where the samples live (a fresh array by default).
   */
  constructor(maxDelaySamples: number, storage?: DelayStorage) {
    if (!(maxDelaySamples >= 1) || !Number.isFinite(maxDelaySamples)) {
      throw new RangeError(`DelayLine: maxDelaySamples should be a finite number ≥ 1, got ${maxDelaySamples}`);
    }
    this.maxDelay = maxDelaySamples;
    const size = delayLineStorageLength(maxDelaySamples);
    this.buffer = storage ? storage(size) : new Float64Array(size);
    if (this.buffer.length !== size) throw new RangeError(`DelayLine: storage gave ${this.buffer.length} samples, need ${size}`);
    this.mask = size - 1;
  }

  /**
   * w[n − d] for an integer delay d ∈ [1, maxDelay] (read before this sample's `write`).
   * Out-of-range delays are clamped rather than reading stale memory.
   */
  readInteger(delay: number): number {
    const d = delay < 1 ? 1 : delay > this.maxDelay ? this.maxDelay : delay;
    return this.buffer[(this.writeIndex - d) & this.mask];
  }

  /**
   * w(n − d) for a real delay d ∈ [2, maxDelay], by `hermite4`. With m = ⌊d⌋ and t = d − m the
   * value lies between w[n − m] (t = 0) and w[n − m − 1], using w[n − m + 1] and w[n − m − 2] as
   * the outer points; m ≥ 2 keeps w[n − m + 1] already written. An integer d returns w[n − d]
   * exactly (no interpolation), so integer delays are sample-exact.
   */
  readHermite(delay: number): number {
    const d = delay < 2 ? 2 : delay > this.maxDelay ? this.maxDelay : delay;
    const m = Math.floor(d);
    const t = d - m;
    const base = this.writeIndex - m;
    const mask = this.mask;
    const buf = this.buffer;
    if (t === 0) return buf[base & mask];
    return hermite4(buf[(base + 1) & mask], buf[base & mask], buf[(base - 1) & mask], buf[(base - 2) & mask], t);
  }

  /** Stores w[n] and advances to the next sample. */
  write(value: number): void {
    this.buffer[this.writeIndex] = value;
    this.writeIndex = (this.writeIndex + 1) & this.mask;
  }

  /**
   * For each i < count: output[i] = `readInteger(delay)`, then `write(input[i])` — a fixed
   * integer delay over a block, with the index in a local.
   */
  exchangeBlock(input: ArrayLike<number>, output: Float64Array, delay: number, count: number): void {
    const d = delay < 1 ? 1 : delay > this.maxDelay ? this.maxDelay : delay;
    const buffer = this.buffer;
    const mask = this.mask;
    let w = this.writeIndex;
    for (let i = 0; i < count; i++) {
      output[i] = buffer[(w - d) & mask];
      buffer[w] = input[i];
      w = (w + 1) & mask;
    }
    this.writeIndex = w;
  }

  /** Back to silence: every past sample becomes 0. */
  reset(): void {
    this.buffer.fill(0);
    this.writeIndex = 0;
  }
}
