/**
 * Offline kernel of the `pan` node: the StereoPannerNode stereo-input law (see `panLaw.ts`).
 * Stateless, so block-size independent by construction.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelIO } from '../types';
import { numberParam } from '../params';
import { panMatrix, type PanMatrix } from './panLaw';

/** Applies the pan matrix of `panMatrix(pan)` to each frame (stateless, no latency). */
export class PanKernel implements Kernel {
  readonly latencySamples = 0;
  private matrix: PanMatrix = panMatrix(0);

  setParams(params: ResolvedParams): void {
    this.matrix = panMatrix(numberParam(params, 'pan'));
  }

  process(io: KernelIO): void {
    const { left: inL, right: inR } = io.inputs[0];
    const { left: outL, right: outR } = io.outputs[0];
    const { ll, lr, rl, rr } = this.matrix;
    const frames = io.frames;
    for (let i = 0; i < frames; i++) {
      // Read both inputs first: the output block may alias the input block.
      const l = inL[i];
      const r = inR[i];
      outL[i] = ll * l + lr * r;
      outR[i] = rl * l + rr * r;
    }
  }

  reset(): void {
    // Stateless: nothing to clear.
  }
}

/** Builds a pan kernel with `params` already applied. */
export function createPanKernel(params: ResolvedParams): PanKernel {
  const kernel = new PanKernel();
  kernel.setParams(params);
  return kernel;
}
