/**
 * The 24-bit WAV encoder in WebAssembly (asm/wavEncode.ts, embedded by `npm run build:wasm`): the
 * same bytes, clip count and peak as `encodeStereoFrames(…, 24, …)` in wavEncode.ts, two frames per
 * SIMD pass instead of the JavaScript loop (≈ 2× faster in isolation; docs/performance.md, "Eighth pass").
 * Synchronous, like the kernels' modules: where WebAssembly or SIMD is missing, `createEncode24Wasm`
 * returns undefined and the caller keeps the TypeScript encoder.
 */
import { embeddedWasmModule } from '../../dsp/wasm/embeddedModule';
import type { ClipStats } from './wavEncode';
import { WAV_ENCODE_WASM_BASE64 } from './wavEncodeWasmBytes';

interface Encode24Exports {
  encode24(left: number, right: number, frames: number, out: number, stats: number): void;
}

/** One encoder's instance: write a block into `left`/`right`, `run`, read `out`. */
export interface Encode24Wasm {
  /** Largest block, frames. */
  readonly maxFrames: number;
  readonly left: Float32Array;
  readonly right: Float32Array;
  /**
   * Encodes the first `frames` of `left`/`right`, adds its clipped samples and peak to `stats`.
   * @returns the bytes: a view of the instance's memory, valid until the next call.
   */
  run(frames: number, stats: ClipStats): Uint8Array;
}

const PAGE_BYTES = 65536;
/** Address 0 stays unused; the stats (peak f64, clip count i32) sit here. */
const STATS_AT = 1024;

let disabledForTests = false;

/** Forces the TypeScript encoder (for the tests and benchmarks that compare both). */
export function setEncode24WasmEnabled(enabled: boolean): void {
  disabledForTests = !enabled;
}

/** An instance for blocks of up to `maxFrames` frames, or undefined when WebAssembly cannot be used. */
export function createEncode24Wasm(maxFrames: number): Encode24Wasm | undefined {
  if (disabledForTests) return undefined;
  const module = embeddedWasmModule(WAV_ENCODE_WASM_BASE64);
  if (!module) return undefined;
  try {
    const leftAt = STATS_AT + 16;
    const rightAt = leftAt + 4 * maxFrames;
    const outAt = rightAt + 4 * maxFrames;
    // A last odd frame reads one sample past each channel: room behind the arrays.
    const end = outAt + 6 * maxFrames + 16;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Encode24Exports;
    const buffer = memory.buffer;
    const peakAndClips = new Float64Array(buffer, STATS_AT, 1);
    const clipCount = new Int32Array(buffer, STATS_AT + 8, 1);
    const out = new Uint8Array(buffer, outAt, 6 * maxFrames);
    return {
      maxFrames,
      left: new Float32Array(buffer, leftAt, maxFrames),
      right: new Float32Array(buffer, rightAt, maxFrames),
      run(frames, stats) {
        peakAndClips[0] = stats.peak;
        clipCount[0] = 0;
        exports.encode24(leftAt, rightAt, frames, outAt, STATS_AT);
        stats.peak = peakAndClips[0];
        stats.clippedSamples += clipCount[0];
        return out.subarray(0, 6 * frames);
      },
    };
  } catch {
    return undefined;
  }
}
