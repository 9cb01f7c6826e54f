/**
 * Offline kernel of the `eq` node: the cascade of Web Audio biquads decided by `eqSections`.
 *
 * Each section runs in double precision (transposed direct form II, `BiquadState`) on a Float64
 * scratch block, so the block is rounded to float32 once at the end rather than after every
 * section. Each of the nine slots keeps its own state; a slot that is switched off is cleared, so
 * switching it back on starts from silence instead of a stale state.
 *
 * The cascade runs in WebAssembly when it can (asm/eq.ts: both channels in the lanes of one f64x2,
 * the same operations in the same order), else in the TypeScript loops below; the samples are the
 * same either way. The `BiquadState`s stay the states of record: the WebAssembly path copies them
 * in and out around each block (a few dozen numbers), so both paths share one reset and one
 * non-finite clean-up.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { BiquadState, identityCoefficients, processBiquadPair, type BiquadCoefficients } from '../../dsp/biquad';
import { createEqWasm, type EqWasm } from '../../dsp/wasm/eqWasm';
import type { Kernel, KernelIO } from '../types';
import { EQ_SECTION_IDS, eqSections, sectionCoefficients } from './eqSections';

const SLOT_COUNT = EQ_SECTION_IDS.length;

/** Nine biquad slots (see `EQ_SECTION_IDS`), of which `eqSections` decides which run. */
export class EqKernel implements Kernel {
  readonly latencySamples = 0;
  private readonly coefficients: BiquadCoefficients[] = EQ_SECTION_IDS.map(() => identityCoefficients());
  private readonly leftStates: BiquadState[] = EQ_SECTION_IDS.map(() => new BiquadState());
  private readonly rightStates: BiquadState[] = EQ_SECTION_IDS.map(() => new BiquadState());
  /** Slot indices to run, in processing order; `activeCount` of them are valid. */
  private readonly activeSlots = new Int32Array(SLOT_COUNT);
  private activeCount = 0;
  private readonly isActive: boolean[] = EQ_SECTION_IDS.map(() => false);
  private readonly scratch: Float64Array;
  private readonly wasm: EqWasm | undefined;

  /**
   * @param sampleRate Hz.
   * @param maxBlockSize the largest `frames` of any `process` call (sizes the scratch block).
   */
  constructor(
    private readonly sampleRate: number,
    maxBlockSize: number,
  ) {
    this.scratch = new Float64Array(maxBlockSize);
    this.wasm = createEqWasm(maxBlockSize, SLOT_COUNT);
  }

  setParams(params: ResolvedParams): void {
    const nowActive: boolean[] = EQ_SECTION_IDS.map(() => false);
    this.activeCount = 0;
    for (const section of eqSections(params, this.sampleRate)) {
      const slot = EQ_SECTION_IDS.indexOf(section.id);
      sectionCoefficients(section, this.sampleRate, this.coefficients[slot]);
      nowActive[slot] = true;
      this.activeSlots[this.activeCount++] = slot;
    }
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      if (this.isActive[slot] && !nowActive[slot]) {
        this.leftStates[slot].reset();
        this.rightStates[slot].reset();
      }
      this.isActive[slot] = nowActive[slot];
    }
  }

  process(io: KernelIO): void {
    const input = io.inputs[0];
    const output = io.outputs[0];
    if (this.wasm && this.activeCount > 0) {
      this.processWasm(this.wasm, input.left, input.right, output.left, output.right, io.frames);
      return;
    }
    this.processChannel(input.left, output.left, io.frames, this.leftStates);
    this.processChannel(input.right, output.right, io.frames, this.rightStates);
  }

  reset(): void {
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      this.leftStates[slot].reset();
      this.rightStates[slot].reset();
    }
  }

  /** Both channels through the WebAssembly cascade, states copied in and out. */
  private processWasm(
    wasm: EqWasm,
    inLeft: Float32Array,
    inRight: Float32Array,
    outLeft: Float32Array,
    outRight: Float32Array,
    frames: number,
  ): void {
    const { coefficients, states } = wasm;
    const count = this.activeCount;
    for (let k = 0; k < count; k++) {
      const slot = this.activeSlots[k];
      const c = this.coefficients[slot];
      const l = this.leftStates[slot];
      const r = this.rightStates[slot];
      coefficients[5 * k] = c.b0;
      coefficients[5 * k + 1] = c.b1;
      coefficients[5 * k + 2] = c.b2;
      coefficients[5 * k + 3] = c.a1;
      coefficients[5 * k + 4] = c.a2;
      states[4 * k] = l.s1;
      states[4 * k + 1] = r.s1;
      states[4 * k + 2] = l.s2;
      states[4 * k + 3] = r.s2;
    }
    wasm.left.set(frames === inLeft.length ? inLeft : inLeft.subarray(0, frames));
    wasm.right.set(frames === inRight.length ? inRight : inRight.subarray(0, frames));
    wasm.run(count, frames);
    for (let k = 0; k < count; k++) {
      const slot = this.activeSlots[k];
      this.leftStates[slot].store(states[4 * k], states[4 * k + 2]);
      this.rightStates[slot].store(states[4 * k + 1], states[4 * k + 3]);
    }
    outLeft.set(frames === wasm.left.length ? wasm.left : wasm.left.subarray(0, frames));
    outRight.set(frames === wasm.right.length ? wasm.right : wasm.right.subarray(0, frames));
  }

  private processChannel(input: Float32Array, output: Float32Array, frames: number, states: BiquadState[]): void {
    if (this.activeCount === 0) {
      // Flat EQ: a bit-exact identity.
      if (input !== output) for (let i = 0; i < frames; i++) output[i] = input[i];
      return;
    }
    const scratch = this.scratch;
    for (let i = 0; i < frames; i++) scratch[i] = input[i];
    // Sections two at a time in one loop (the same samples as one at a time, one pass fewer).
    const slots = this.activeSlots;
    const coefficients = this.coefficients;
    let k = 0;
    for (; k + 1 < this.activeCount; k += 2) {
      const a = slots[k];
      const b = slots[k + 1];
      processBiquadPair(coefficients[a], states[a], coefficients[b], states[b], scratch, frames);
    }
    if (k < this.activeCount) states[slots[k]].process(coefficients[slots[k]], scratch, scratch, frames);
    for (let i = 0; i < frames; i++) output[i] = scratch[i];
  }
}

/** Builds an EQ kernel with `params` already applied. */
export function createEqKernel(sampleRate: number, maxBlockSize: number, params: ResolvedParams): EqKernel {
  const kernel = new EqKernel(sampleRate, maxBlockSize);
  kernel.setParams(params);
  return kernel;
}
