/**
 * Offline kernel of the `width` node: mid/side (sum/difference) stereo width, the M/S
 * representation of A. D. Blumlein's stereo patent (GB 394325, 1931).
 *
 *   M = (L + R)/2,  S = (L − R)/2 · width,  L' = M + S,  R' = M − S
 *
 * width 0 gives mono (L' = R' = M), 1 leaves the signal unchanged, 2 doubles the side signal.
 * Stateless, so block-size independent by construction.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelIO } from '../types';
import { numberParam } from '../params';

/** Scales the side signal by `width` (stateless, no latency). */
export class WidthKernel implements Kernel {
  readonly latencySamples = 0;
  private width = 1;

  setParams(params: ResolvedParams): void {
    this.width = numberParam(params, 'width');
  }

  process(io: KernelIO): void {
    const { left: inL, right: inR } = io.inputs[0];
    const { left: outL, right: outR } = io.outputs[0];
    const frames = io.frames;
    const width = this.width;
    if (width === 1) {
      // Unity width is a bit-exact identity (M + S would round differently in rare cases).
      for (let i = 0; i < frames; i++) {
        outL[i] = inL[i];
        outR[i] = inR[i];
      }
      return;
    }
    for (let i = 0; i < frames; i++) {
      const l = inL[i];
      const r = inR[i];
      const mid = (l + r) * 0.5;
      const side = (l - r) * 0.5 * width;
      outL[i] = mid + side;
      outR[i] = mid - side;
    }
  }

  reset(): void {
    // Stateless: nothing to clear.
  }
}

/** Builds a width kernel with `params` already applied. */
export function createWidthKernel(params: ResolvedParams): WidthKernel {
  const kernel = new WidthKernel();
  kernel.setParams(params);
  return kernel;
}
