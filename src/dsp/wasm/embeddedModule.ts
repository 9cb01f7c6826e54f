/**
 * Compiles a WebAssembly module embedded as base64 (the `*WasmBytes.ts` files written by
 * `npm run build:wasm`), once per process or worker. Synchronous on purpose: kernels are built
 * synchronously by the engines. Where WebAssembly, SIMD or synchronous compilation is missing or
 * refused (an old engine, a strict CSP), the answer is null and the caller runs its TypeScript
 * loops, which give the same samples.
 */
import { decodeBase64 } from './base64';

const compiled = new Map<string, WebAssembly.Module | null>();

/** The module of `base64`, compiled on first use; null when it cannot be used here. */
export function embeddedWasmModule(base64: string): WebAssembly.Module | null {
  let module = compiled.get(base64);
  if (module !== undefined) return module;
  try {
    module = typeof WebAssembly === 'object' ? new WebAssembly.Module(decodeBase64(base64)) : null;
  } catch {
    module = null; // no SIMD, sync compile refused, …: the TypeScript loops run instead
  }
  compiled.set(base64, module);
  return module;
}
