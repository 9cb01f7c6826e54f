/**
 * A whole-sample stereo delay for plugin delay compensation and for bypassing a node that has
 * latency: two of the shared `DelayLine`s, read before write. `process` never allocates.
 */
import { DelayLine } from '../../dsp/delayLine';
import type { StereoBlock } from '../../nodes/types';

export class FixedStereoDelay {
  private readonly left: DelayLine;
  private readonly right: DelayLine;

  /** @param delaySamples D ≥ 1 (a zero delay needs no object). */
  constructor(readonly delaySamples: number) {
    this.left = new DelayLine(delaySamples);
    this.right = new DelayLine(delaySamples);
  }

  /** Writes `input` delayed by `delaySamples` into `output`; `add` sums instead of overwriting. */
  process(input: StereoBlock, output: StereoBlock, frames: number, add: boolean): void {
    const { left, right, delaySamples: d } = this;
    for (let i = 0; i < frames; i++) {
      const l = left.readInteger(d);
      const r = right.readInteger(d);
      left.write(input.left[i]);
      right.write(input.right[i]);
      if (add) {
        output.left[i] += l;
        output.right[i] += r;
      } else {
        output.left[i] = l;
        output.right[i] = r;
      }
    }
  }

  reset(): void {
    this.left.reset();
    this.right.reset();
  }
}
