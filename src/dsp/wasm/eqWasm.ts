/**
 * Loads the EQ's WebAssembly cascade (asm/eq.ts, embedded by `npm run build:wasm`) and gives one
 * EQ instance its memory: the stereo block in and out (f32), the sections' coefficients and
 * states, and the f64-pair scratch the cascade runs on.
 *
 * Synchronous, like the reverb's loader (src/dsp/wasm/reverbWasm.ts): where WebAssembly, SIMD or a
 * synchronous compile is unavailable, `createEqWasm` returns undefined and the EQ runs its
 * TypeScript loops, which give the same samples.
 */
import { embeddedWasmModule } from './embeddedModule';
import { EQ_WASM_BASE64 } from './eqWasmBytes';

/** The exports of asm/eq.ts; see there for the arithmetic. */
interface EqWasmExports {
  cascade(left: number, right: number, block: number, coefficients: number, states: number, sections: number, frames: number): void;
}

/** One EQ's WebAssembly instance and the views of its memory. */
export interface EqWasm {
  /** Input and output, left channel, `maxBlockSize` f32: write the block, run, read the result. */
  readonly left: Float32Array;
  /** Likewise, right channel. */
  readonly right: Float32Array;
  /** Five f64 per section in processing order: b0, b1, b2, a1, a2. */
  readonly coefficients: Float64Array;
  /** Four f64 per section: s1 left, s1 right, s2 left, s2 right; read and written by `run`. */
  readonly states: Float64Array;
  /** Filters `frames` samples of `left`/`right` in place through the first `sections` sections. */
  run(sections: number, frames: number): void;
}

const PAGE_BYTES = 65536;
/** Address 0 stays unused. */
const ARENA_START = 1024;

let disabledForTests = false;

/** Forces the TypeScript path (for the tests and benchmarks that compare both). */
export function setEqWasmEnabled(enabled: boolean): void {
  disabledForTests = !enabled;
}


/**
 * A fresh instance for blocks of up to `maxBlockSize` frames and up to `maxSections` sections, or
 * undefined when WebAssembly cannot be used here.
 */
export function createEqWasm(maxBlockSize: number, maxSections: number): EqWasm | undefined {
  if (disabledForTests) return undefined;
  const module = embeddedWasmModule(EQ_WASM_BASE64);
  if (!module) return undefined;
  try {
    const align = (n: number) => (n + 15) & ~15;
    const coefficientsAt = ARENA_START;
    const statesAt = align(coefficientsAt + 40 * maxSections);
    const blockAt = align(statesAt + 32 * maxSections);
    const leftAt = align(blockAt + 16 * maxBlockSize);
    const rightAt = align(leftAt + 4 * maxBlockSize);
    const end = rightAt + 4 * maxBlockSize;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as EqWasmExports;
    const buffer = memory.buffer;
    return {
      left: new Float32Array(buffer, leftAt, maxBlockSize),
      right: new Float32Array(buffer, rightAt, maxBlockSize),
      coefficients: new Float64Array(buffer, coefficientsAt, 5 * maxSections),
      states: new Float64Array(buffer, statesAt, 4 * maxSections),
      run: (sections, frames) => exports.cascade(leftAt, rightAt, blockAt, coefficientsAt, statesAt, sections, frames),
    };
  } catch {
    return undefined;
  }
}
