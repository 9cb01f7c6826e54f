/**
 * Offline kernel of the `bus` node. The engine has already summed every wire into the `in` port
 * (DESIGN.md "an input port sums every wire into it"), so the bus only applies its fader:
 *
 *   out[n] = in[n] · m · 10^(gain/20)   (m = 0 when muted; the fader bottom is silence)
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelIO } from '../types';
import { applyGain, faderGain } from '../fader';
import { boolParam, numberParam } from '../params';

/** Applies the bus fader and mute to the summed input (stateless, no latency). */
export class BusKernel implements Kernel {
  readonly latencySamples = 0;
  private factor = 1;

  setParams(params: ResolvedParams): void {
    this.factor = boolParam(params, 'mute') ? 0 : faderGain(numberParam(params, 'gain'));
  }

  process(io: KernelIO): void {
    applyGain(io.inputs[0], io.outputs[0], io.frames, this.factor);
  }

  reset(): void {
    // Stateless: nothing to clear.
  }
}

/** Builds a bus kernel with `params` already applied. */
export function createBusKernel(params: ResolvedParams): BusKernel {
  const kernel = new BusKernel();
  kernel.setParams(params);
  return kernel;
}
