/**
 * Offline kernel of the `gain` node: a fader with polarity flip and mute.
 *
 *   out[n] = in[n] · s · m · 10^(gain/20)
 *
 * with s = −1 when `invert` is on (else 1), m = 0 when `mute` is on (else 1), and the fader's
 * bottom (−100 dB) meaning exact silence. Stateless, so block-size independent by construction.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { Kernel, KernelIO } from '../types';
import { applyGain, faderGain } from '../fader';
import { boolParam, numberParam } from '../params';

/** Scales both channels by one factor set in `setParams` (stateless, no latency). */
export class GainKernel implements Kernel {
  readonly latencySamples = 0;
  /** Linear factor applied to both channels, computed in `setParams`. */
  private factor = 1;

  setParams(params: ResolvedParams): void {
    const level = faderGain(numberParam(params, 'gain'));
    const polarity = boolParam(params, 'invert') ? -1 : 1;
    this.factor = boolParam(params, 'mute') ? 0 : polarity * level;
  }

  process(io: KernelIO): void {
    applyGain(io.inputs[0], io.outputs[0], io.frames, this.factor);
  }

  reset(): void {
    // Stateless: nothing to clear.
  }
}

/** Builds a gain kernel with `params` already applied. */
export function createGainKernel(params: ResolvedParams): GainKernel {
  const kernel = new GainKernel();
  kernel.setParams(params);
  return kernel;
}
