/**
 * Minimum of the last W values, in constant time per value (at most three comparisons, no data-
 * dependent loop), by the van Herk / Gil–Werman block decomposition (M. van Herk, "A fast
 * algorithm for local minimum and maximum filters on rectangular and octagonal kernels", Pattern
 * Recognition Letters 13(7), 1992; J. Gil and M. Werman, IEEE PAMI 15(5), 1993), streamed:
 *
 *   min[n] = min_{k=0}^{W−1} v[n−k]
 *
 * The input is cut into blocks of W values. With v[n] at offset j of its block, the window is the
 * current block's offsets 0 … j (their running minimum, `prefix`) and the previous block's offsets
 * j + 1 … W − 1 (its suffix minimum, computed once when that block closed):
 *
 *   min[n] = min(prefix_j, suffix_{j+1}),   suffix_W = +∞
 *
 * Before the first block (after a reset) the previous block is +∞, so just after a reset the
 * minimum is taken over the values pushed so far. A minimum is exact whichever way it is grouped,
 * so this returns the same values as the monotonic deque it replaced (Lemire's streaming filter),
 * whose evictions were a loop whose length follows the data (mispredicted on noise). Storage is
 * two preallocated typed arrays; nothing is allocated per value or per block. Values must not be
 * NaN (the limiter's required gains are in (0, 1]).
 */
export class SlidingMinimum {
  /** The current block's values, by offset. */
  private readonly block: Float64Array;
  /** suffix[j] = min of the previous block's offsets j … W − 1; suffix[W] = +∞. */
  private readonly suffix: Float64Array;
  private readonly maxWindow: number;
  private window = 1;
  /** Offset of the next value in its block. */
  private offset = 0;
  /** Minimum of the current block's values so far (+∞ at a block's start). */
  private prefix = Infinity;

  /** @param capacity largest window W that `configure` will be asked for (≥ 1). */
  constructor(capacity: number) {
    this.maxWindow = Math.max(1, Math.ceil(capacity));
    this.block = new Float64Array(this.maxWindow);
    this.suffix = new Float64Array(this.maxWindow + 1);
    this.reset();
  }

  /** Largest window this instance supports. */
  get capacity(): number {
    return this.maxWindow;
  }

  /** Sets W (clamped to [1, capacity]) and clears the history. */
  configure(window: number): void {
    this.window = Math.min(this.maxWindow, Math.max(1, Math.round(window)));
    this.reset();
  }

  /** Clears the history: the next minimum is taken over the values pushed from now on. */
  reset(): void {
    this.suffix.fill(Infinity);
    this.offset = 0;
    this.prefix = Infinity;
  }

  /** Pushes v[n] and returns the minimum of the last W values (fewer just after a reset). */
  push(value: number): number {
    const j = this.offset;
    const prefix = value < this.prefix ? value : this.prefix;
    this.block[j] = value;
    const before = this.suffix[j + 1];
    if (j + 1 === this.window) {
      this.closeBlock();
      this.offset = 0;
      this.prefix = Infinity;
    } else {
      this.offset = j + 1;
      this.prefix = prefix;
    }
    return before < prefix ? before : prefix;
  }

  /**
   * `push` for each of input[0 … count), writing each minimum to output[i] (output may be input),
   * with the state in locals.
   */
  pushBlock(input: Float64Array, output: Float64Array, count: number): void {
    const block = this.block;
    const suffix = this.suffix;
    const window = this.window;
    let j = this.offset;
    let prefix = this.prefix;
    for (let i = 0; i < count; i++) {
      const value = input[i];
      if (value < prefix) prefix = value;
      block[j] = value;
      const before = suffix[j + 1];
      output[i] = before < prefix ? before : prefix;
      j++;
      if (j === window) {
        this.closeBlock();
        j = 0;
        prefix = Infinity;
      }
    }
    this.offset = j;
    this.prefix = prefix;
  }

  /** The block just filled becomes the previous block: its suffix minima, once per W values. */
  private closeBlock(): void {
    const block = this.block;
    const suffix = this.suffix;
    let m = Infinity;
    for (let k = this.window - 1; k >= 0; k--) {
      const v = block[k];
      if (v < m) m = v;
      suffix[k] = m;
    }
    suffix[this.window] = Infinity;
  }
}
