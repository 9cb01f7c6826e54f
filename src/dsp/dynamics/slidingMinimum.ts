/**
 * Minimum of the last W values, updated in O(1) amortized time per value with a monotonic deque
 * (the ascending-minima algorithm, also known as Lemire's streaming min filter: D. Lemire,
 * "Streaming Maximum-Minimum Filter Using No More than Three Comparisons per Element", Nordic
 * Journal of Computing 13(4), 2006):
 *
 *   min[n] = min_{k=0}^{W−1} v[n−k]
 *
 * The deque holds, in increasing order of position, the values that can still become the minimum:
 * each new value first evicts from the back every value ≥ itself (they can never be the minimum
 * again), then the front leaves when it falls out of the window. Every value enters and leaves
 * once, so the cost per value is constant on average. Storage is two preallocated typed-array
 * rings; nothing is allocated per value or per block.
 */
export class SlidingMinimum {
  private readonly values: Float64Array;
  /** Absolute sample position of each stored value (float64: exact for 2^53 samples). */
  private readonly positions: Float64Array;
  private readonly ringSize: number;
  private window = 1;
  private head = 0; // index of the front (oldest, smallest)
  private size = 0;
  private position = 0; // position of the next value

  /** @param capacity largest window W that `configure` will be asked for (≥ 1). */
  constructor(capacity: number) {
    // After a push and before the front expires the deque may briefly hold W + 1 entries.
    this.ringSize = Math.max(1, Math.ceil(capacity)) + 1;
    this.values = new Float64Array(this.ringSize);
    this.positions = new Float64Array(this.ringSize);
  }

  /** Largest window this instance supports. */
  get capacity(): number {
    return this.ringSize - 1;
  }

  /** Sets W (clamped to [1, capacity]) and clears the history. */
  configure(window: number): void {
    this.window = Math.min(this.ringSize - 1, Math.max(1, Math.round(window)));
    this.reset();
  }

  /** Clears the history: the next minimum is taken over the values pushed from now on. */
  reset(): void {
    this.head = 0;
    this.size = 0;
    this.position = 0;
  }

  /** Pushes v[n] and returns the minimum of the last W values (fewer just after a reset). */
  push(value: number): number {
    const ringSize = this.ringSize;
    const values = this.values;
    const positions = this.positions;
    // Evict from the back every value that the new one dominates.
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= ringSize) back -= ringSize;
      if (values[back] < value) break;
      this.size--;
    }
    let tail = this.head + this.size;
    if (tail >= ringSize) tail -= ringSize;
    values[tail] = value;
    positions[tail] = this.position;
    this.size++;
    // The front leaves once it is W or more positions old (at most one per push).
    if (positions[this.head] <= this.position - this.window) {
      this.head++;
      if (this.head === ringSize) this.head = 0;
      this.size--;
    }
    this.position++;
    return values[this.head];
  }

  /**
   * `push` for each of input[0 … count), writing each minimum to output[i] (output may be input):
   * the same deque steps with the state in locals for the block.
   */
  pushBlock(input: Float64Array, output: Float64Array, count: number): void {
    const ringSize = this.ringSize;
    const values = this.values;
    const positions = this.positions;
    const window = this.window;
    let head = this.head;
    let size = this.size;
    let position = this.position;
    for (let i = 0; i < count; i++) {
      const value = input[i];
      while (size > 0) {
        let back = head + size - 1;
        if (back >= ringSize) back -= ringSize;
        if (values[back] < value) break;
        size--;
      }
      let tail = head + size;
      if (tail >= ringSize) tail -= ringSize;
      values[tail] = value;
      positions[tail] = position;
      size++;
      if (positions[head] <= position - window) {
        head++;
        if (head === ringSize) head = 0;
        size--;
      }
      position++;
      output[i] = values[head];
    }
    this.head = head;
    this.size = size;
    this.position = position;
  }
}
