/**
 * Integer delay of D samples, out[n] = in[n − D], on a preallocated ring in double precision (so
 * a float32 input comes out bit-exact). Used to align audio with a lookahead gain path.
 */
export class DelayLine {
  private readonly ring: Float64Array;
  private delay = 0;
  private write = 0;

  /** @param maxDelay largest D that `setDelay` will be asked for, in samples. */
  constructor(maxDelay: number) {
    this.ring = new Float64Array(Math.max(0, Math.ceil(maxDelay)) + 1);
  }

  /** Sets D in samples (clamped to [0, maxDelay]) and clears the line to silence. */
  setDelay(samples: number): void {
    this.delay = Math.min(this.ring.length - 1, Math.max(0, Math.round(samples)));
    this.reset();
  }

  get delaySamples(): number {
    return this.delay;
  }

  reset(): void {
    this.ring.fill(0);
    this.write = 0;
  }

  /** Pushes in[n] and returns in[n − D] (0 before D samples have been pushed). */
  push(value: number): number {
    const ring = this.ring;
    const size = ring.length;
    ring[this.write] = value;
    let read = this.write - this.delay;
    if (read < 0) read += size;
    this.write = this.write + 1 === size ? 0 : this.write + 1;
    return ring[read];
  }
}
