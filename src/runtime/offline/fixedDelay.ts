/**
 * A whole-sample stereo delay for plugin delay compensation and for bypassing a node that has
 * latency. Ring buffer sized once; `process` never allocates.
 */
import type { StereoBlock } from '../../nodes/types';

export class FixedStereoDelay {
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  private write = 0;

  constructor(readonly delaySamples: number) {
    // One extra slot so a zero-length ring is never needed.
    this.left = new Float32Array(delaySamples + 1);
    this.right = new Float32Array(delaySamples + 1);
  }

  /** Writes `input` delayed by `delaySamples` into `output`; `add` sums instead of overwriting. */
  process(input: StereoBlock, output: StereoBlock, frames: number, add: boolean): void {
    const size = this.left.length;
    const { left, right } = this;
    let w = this.write;
    for (let i = 0; i < frames; i++) {
      left[w] = input.left[i];
      right[w] = input.right[i];
      let r = w - this.delaySamples;
      if (r < 0) r += size;
      if (add) {
        output.left[i] += left[r];
        output.right[i] += right[r];
      } else {
        output.left[i] = left[r];
        output.right[i] = right[r];
      }
      w = w + 1 === size ? 0 : w + 1;
    }
    this.write = w;
  }

  reset(): void {
    this.left.fill(0);
    this.right.fill(0);
    this.write = 0;
  }
}
