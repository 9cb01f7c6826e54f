/**
 * Loads the reverb's WebAssembly loops (asm/reverb.ts, embedded by `npm run build:wasm`) and hands
 * out a memory arena for one reverb instance.
 *
 * Synchronous on purpose: a kernel is built synchronously by the engine. Node and Workers allow a
 * synchronous compile of a module this small; where WebAssembly, SIMD or synchronous compilation
 * is missing or refused (an AudioWorklet, an old engine, a strict CSP), `createReverbWasm` returns
 * undefined and the reverb runs its TypeScript loops — the same samples, only slower. The module
 * is compiled once per process (or worker); each reverb gets its own instance and memory, sized
 * once and never grown (growing would detach the Float64Array views the delay lines hold).
 */
import { embeddedWasmModule } from './embeddedModule';
import { REVERB_WASM_BASE64 } from './reverbWasmBytes';

/** The exports of asm/reverb.ts; see there for each function's arithmetic. */
export interface ReverbWasmExports {
  combPair(
    lineL: number, maskL: number, wL: number, rL: number,
    lineR: number, maskR: number, wR: number, rR: number,
    gainL: number, gainR: number, b0: number, a1: number, damped: number,
    state: number, input: number, sum: number, frames: number,
  ): void;
  combQuad(desc: number, gains: number, b0: number, a1: number, damped: number, state: number, input: number, sum: number, frames: number): void;
  allpassPair(
    lineL: number, maskL: number, wL: number, rL: number,
    lineR: number, maskR: number, wR: number, rR: number,
    gain: number, block: number, frames: number,
  ): void;
  scale(block: number, count: number, gain: number): void;
}

/** One instance's memory arena: carve zeroed Float64Arrays out of it, then call the exports. */
export interface ReverbWasm {
  readonly exports: ReverbWasmExports;
  readonly memory: WebAssembly.Memory;
  /** A zeroed view of `length` f64 in the instance's memory (16-byte aligned). */
  allocate(length: number): Float64Array;
  /** Byte offset of a view returned by `allocate` (what the exports take as a pointer). */
  pointerOf(view: Float64Array): number;
}

const PAGE_BYTES = 65536;
/** Bytes left free at the start of memory (the module has no data, but keep address 0 unused). */
const ARENA_START = 1024;

let disabledForTests = false;

/** Forces the TypeScript path (for the tests that compare both). */
export function setReverbWasmEnabled(enabled: boolean): void {
  disabledForTests = !enabled;
}


/**
 * A fresh instance with room for `float64s` values, or undefined when WebAssembly cannot be used
 * here (the caller then uses its TypeScript loops).
 */
export function createReverbWasm(float64s: number): ReverbWasm | undefined {
  if (disabledForTests) return undefined;
  const module = embeddedWasmModule(REVERB_WASM_BASE64);
  if (!module) return undefined;
  try {
    // Every allocation may waste up to 8 bytes to stay 16-byte aligned; count generously.
    const bytes = ARENA_START + 8 * float64s + 16 * 64;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE_BYTES) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const exports = instance.exports as unknown as ReverbWasmExports;
    let next = ARENA_START;
    return {
      exports,
      memory,
      allocate(length: number): Float64Array {
        next = (next + 15) & ~15;
        if (next + 8 * length > memory.buffer.byteLength) throw new RangeError('reverb wasm arena exhausted');
        const view = new Float64Array(memory.buffer, next, length);
        next += 8 * length;
        return view;
      },
      pointerOf: (view) => view.byteOffset,
    };
  } catch {
    return undefined;
  }
}
