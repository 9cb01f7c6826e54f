/**
 * Moving (boxcar) average over the last N values:
 *
 *   m[n] = (1/N) · Σ_{k=0}^{N−1} v[n−k]
 *
 * kept as a running sum in double precision. Adding and subtracting the same values in floating
 * point drifts slowly, so the sum is recomputed exactly from the ring each time the write position
 * wraps: O(N) work every N samples, O(1) amortized, and always at the same sample whatever the
 * block size. Used for the RMS detector (mean square) and the limiter's gain smoothing.
 */
export class MovingAverage {
  private readonly ring: Float64Array;
  private length = 1;
  private index = 0;
  private sum = 0;
  private initial = 0;

  /** @param capacity largest window length that `configure` will be asked for (≥ 1). */
  constructor(capacity: number) {
    this.ring = new Float64Array(Math.max(1, Math.ceil(capacity)));
  }

  /** Largest window length this instance supports. */
  get capacity(): number {
    return this.ring.length;
  }

  /** Window length N currently in use. */
  get windowLength(): number {
    return this.length;
  }

  /**
   * Sets the window length and clears the history to `initialValue` (as if that value had been
   * pushed forever).
   * @param length N in samples, clamped to [1, capacity].
   */
  configure(length: number, initialValue = 0): void {
    this.length = Math.min(this.ring.length, Math.max(1, Math.round(length)));
    this.initial = initialValue;
    this.reset();
  }

  /** Refills the window with the initial value given to `configure`. */
  reset(): void {
    this.ring.fill(this.initial, 0, this.length);
    this.index = 0;
    this.sum = this.initial * this.length;
  }

  /** Pushes v[n] and returns m[n], the mean of the last N values including v[n]. */
  push(value: number): number {
    const ring = this.ring;
    let index = this.index;
    this.sum += value - ring[index];
    ring[index] = value;
    index++;
    if (index === this.length) {
      index = 0;
      let exact = 0;
      for (let k = 0; k < this.length; k++) exact += ring[k];
      this.sum = exact;
    }
    this.index = index;
    return this.sum / this.length;
  }

  /**
   * `push` for each of input[0 … count), writing each mean to output[i] (output may be input):
   * the same running sum (and the same exact re-sum at each wrap) with the state in locals.
   */
  pushBlock(input: Float64Array, output: Float64Array, count: number): void {
    const ring = this.ring;
    const length = this.length;
    let index = this.index;
    let sum = this.sum;
    for (let i = 0; i < count; i++) {
      const value = input[i];
      sum += value - ring[index];
      ring[index] = value;
      index++;
      if (index === length) {
        index = 0;
        let exact = 0;
        for (let k = 0; k < length; k++) exact += ring[k];
        sum = exact;
      }
      output[i] = sum / length;
    }
    this.index = index;
    this.sum = sum;
  }
}
