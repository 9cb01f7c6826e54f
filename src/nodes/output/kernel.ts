/**
 * Offline kernel of the `output` node (the master):
 *
 *   master[n] = in[n] · 10^(gain/20)   (the fader bottom is silence)
 *
 * The node has no output ports; the engine hands it one block in `io.outputs[0]` to receive the
 * master signal (see `index.ts`). Without that block the kernel has nowhere to write and does
 * nothing.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelIO } from '../types';
import { applyGain, faderGain } from '../fader';
import { numberParam } from '../params';

/** Writes input · master gain into the engine's master block (stateless, no latency). */
export class OutputKernel implements Kernel {
  readonly latencySamples = 0;
  private factor = 1;

  setParams(params: ResolvedParams): void {
    this.factor = faderGain(numberParam(params, 'gain'));
  }

  process(io: KernelIO): void {
    if (io.outputs.length === 0) return;
    applyGain(io.inputs[0], io.outputs[0], io.frames, this.factor);
  }

  reset(): void {
    // Stateless: nothing to clear.
  }
}

/** Builds an output kernel with `params` already applied. */
export function createOutputKernel(params: ResolvedParams): OutputKernel {
  const kernel = new OutputKernel();
  kernel.setParams(params);
  return kernel;
}
