/**
 * Both Freeverb channels over one block in WebAssembly, left and right in the two lanes of an
 * f64x2 vector (asm/reverb.ts): for each comb index k the left and the right comb k run in one
 * loop, then the sum is scaled, then each allpass pair filters it in place.
 *
 * The WebAssembly loops are `LowpassFeedbackComb.addBlock`, `FreeverbChannel.processBlock`'s
 * scaling and `SchroederAllpass.processBlock` operation for operation, and they work on the very
 * same line buffers (the channels' lines live in the instance's memory) and the same state, so a
 * reverb can switch between this path and the TypeScript loops at any block — as it does for the
 * per-sample size crossfade — and every sample is the same either way.
 */
import type { ReverbWasm } from '../wasm/reverbWasm';
import { COMB_SUM_GAIN, type FreeverbChannel } from './freeverbChannel';

/** Pointers (byte offsets) of the scratch a stereo block needs in the instance's memory. */
export interface FreeverbWasmScratch {
  /** The mono input block (f64 × frames). */
  input: Float64Array;
  /** The interleaved wet output [L, R] pairs (f64 × 2·frames). */
  wet: Float64Array;
  /** [s_L, s_R] damping states passed to one comb pair (f64 × 2). */
  state: Float64Array;
}

/**
 * Runs `frames` samples of `scratch.input` through both channels into `scratch.wet`. Only while
 * neither channel is in a size crossfade (the caller checks `fading`).
 */
export function processFreeverbStereoWasm(
  left: FreeverbChannel,
  right: FreeverbChannel,
  wasm: ReverbWasm,
  scratch: FreeverbWasmScratch,
  frames: number,
): void {
  const ex = wasm.exports;
  const inputPtr = scratch.input.byteOffset;
  const wet = scratch.wet;
  const wetPtr = wet.byteOffset;
  const state = scratch.state;
  const statePtr = state.byteOffset;
  wet.fill(0, 0, 2 * frames);
  const combsL = left.combs;
  const combsR = right.combs;
  for (let k = 0; k < combsL.length; k++) {
    const cl = combsL[k];
    const cr = combsR[k];
    const lineL = cl.line;
    const lineR = cr.line;
    // Both channels are configured with the same damping coefficients (or none).
    const c = cl.dampingCoefficients;
    state[0] = cl.damping.state;
    state[1] = cr.damping.state;
    ex.combPair(
      lineL.buffer.byteOffset, lineL.mask, lineL.writeIndex, (lineL.writeIndex - cl.length) & lineL.mask,
      lineR.buffer.byteOffset, lineR.mask, lineR.writeIndex, (lineR.writeIndex - cr.length) & lineR.mask,
      cl.gain, cr.gain, c === null ? 0 : c.b0, c === null ? 0 : c.a1, c === null ? 0 : 1,
      statePtr, inputPtr, wetPtr, frames,
    );
    cl.damping.state = state[0];
    cr.damping.state = state[1];
    lineL.writeIndex = (lineL.writeIndex + frames) & lineL.mask;
    lineR.writeIndex = (lineR.writeIndex + frames) & lineR.mask;
  }
  ex.scale(wetPtr, 2 * frames, COMB_SUM_GAIN);
  const allL = left.allpasses;
  const allR = right.allpasses;
  for (let k = 0; k < allL.length; k++) {
    const al = allL[k];
    const ar = allR[k];
    const lineL = al.line;
    const lineR = ar.line;
    ex.allpassPair(
      lineL.buffer.byteOffset, lineL.mask, lineL.writeIndex, (lineL.writeIndex - al.length) & lineL.mask,
      lineR.buffer.byteOffset, lineR.mask, lineR.writeIndex, (lineR.writeIndex - ar.length) & lineR.mask,
      al.gain, wetPtr, frames,
    );
    lineL.writeIndex = (lineL.writeIndex + frames) & lineL.mask;
    lineR.writeIndex = (lineR.writeIndex + frames) & lineR.mask;
  }
}
