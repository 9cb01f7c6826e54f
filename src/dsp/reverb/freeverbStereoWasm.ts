/**
 * Both Freeverb channels over one block in WebAssembly, left and right in the two lanes of an
 * f64x2 vector (asm/reverb.ts): for each comb index k the left and the right comb k run in one
 * loop, then the sum is scaled, then each allpass pair filters it in place.
 *
 * Combs run four pairs per call (`combQuad`), the same operations as four `combPair` calls.
 *
 * The WebAssembly loops are `LowpassFeedbackComb.addBlock`, `FreeverbChannel.processBlock`'s
 * scaling and `SchroederAllpass.processBlock` operation for operation, and they work on the very
 * same line buffers (the channels' lines live in the instance's memory) and the same state, so a
 * reverb can switch between this path and the TypeScript loops at any block — as it does for the
 * per-sample size crossfade — and every sample is the same either way.
 */
import type { ReverbWasm } from '../wasm/reverbWasm';
import { COMB_SUM_GAIN, type FreeverbChannel } from './freeverbChannel';
import type { LowpassFeedbackComb } from './lowpassFeedbackComb';

/** Pointers (byte offsets) of the scratch a stereo block needs in the instance's memory. */
export interface FreeverbWasmScratch {
  /** The mono input block (f64 × frames). */
  input: Float64Array;
  /** The interleaved wet output [L, R] pairs (f64 × 2·frames). */
  wet: Float64Array;
  /** [s_L, s_R] damping states passed to one comb pair (f64 × 2). */
  state: Float64Array;
  /**
   * What `combQuad` reads for four comb pairs (f64 × 32): 128 bytes of line descriptors (see
   * {@link quadDescriptors}), then 4 × [g_L, g_R], then 4 × [s_L, s_R].
   */
  quad: Float64Array;
  /** The i32 view of `quad`'s first 128 bytes: 4 combs × lineL, maskL, wL, rL, lineR, maskR, wR, rR. */
  quadDescriptors: Int32Array;
}

/** f64 values of {@link FreeverbWasmScratch.quad}. */
export const QUAD_SCRATCH_LENGTH = 32;

/**
 * The scratch of a stereo block in `wasm`'s arena around the kernel's own mono `input` block of
 * `chunk` frames (the arena must hold 2·chunk + 2 + QUAD_SCRATCH_LENGTH more f64).
 */
export function allocateFreeverbWasmScratch(wasm: ReverbWasm, input: Float64Array, chunk: number): FreeverbWasmScratch {
  const quad = wasm.allocate(QUAD_SCRATCH_LENGTH);
  // The arena never grows, so this view stays attached (reverbWasm.ts).
  const quadDescriptors = new Int32Array(quad.buffer, quad.byteOffset, 32);
  return { input, wet: wasm.allocate(2 * chunk), state: wasm.allocate(2), quad, quadDescriptors };
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
  const quad = scratch.quad;
  const descriptors = scratch.quadDescriptors;
  let k = 0;
  // Four comb pairs per call while the four share one damping filter (they always do: the
  // channel configures all its combs with one), then pairs for what is left.
  for (; k + 4 <= combsL.length && sharesDamping(combsL, combsR, k); k += 4) {
    for (let j = 0; j < 4; j++) {
      const cl = combsL[k + j];
      const cr = combsR[k + j];
      const lineL = cl.line;
      const lineR = cr.line;
      const d = 8 * j;
      descriptors[d] = lineL.buffer.byteOffset;
      descriptors[d + 1] = lineL.mask;
      descriptors[d + 2] = lineL.writeIndex;
      descriptors[d + 3] = (lineL.writeIndex - cl.length) & lineL.mask;
      descriptors[d + 4] = lineR.buffer.byteOffset;
      descriptors[d + 5] = lineR.mask;
      descriptors[d + 6] = lineR.writeIndex;
      descriptors[d + 7] = (lineR.writeIndex - cr.length) & lineR.mask;
      quad[16 + 2 * j] = cl.gain;
      quad[17 + 2 * j] = cr.gain;
      quad[24 + 2 * j] = cl.damping.state;
      quad[25 + 2 * j] = cr.damping.state;
    }
    const c = combsL[k].dampingCoefficients;
    ex.combQuad(
      quad.byteOffset, quad.byteOffset + 128, c === null ? 0 : c.b0, c === null ? 0 : c.a1, c === null ? 0 : 1,
      quad.byteOffset + 192, inputPtr, wetPtr, frames,
    );
    for (let j = 0; j < 4; j++) {
      const cl = combsL[k + j];
      const cr = combsR[k + j];
      cl.damping.state = quad[24 + 2 * j];
      cr.damping.state = quad[25 + 2 * j];
      cl.line.writeIndex = (cl.line.writeIndex + frames) & cl.line.mask;
      cr.line.writeIndex = (cr.line.writeIndex + frames) & cr.line.mask;
    }
  }
  for (; k < combsL.length; k++) {
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

/** Combs k … k+3 of both channels all use the damping filter of the left comb k. */
function sharesDamping(combsL: readonly LowpassFeedbackComb[], combsR: readonly LowpassFeedbackComb[], k: number): boolean {
  const c = combsL[k].dampingCoefficients;
  for (let j = 0; j < 4; j++) {
    if (combsL[k + j].dampingCoefficients !== c || combsR[k + j].dampingCoefficients !== c) return false;
  }
  return true;
}
