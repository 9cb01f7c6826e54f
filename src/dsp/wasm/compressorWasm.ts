/**
 * Loads the compressor's WebAssembly kernel (asm/compressor.ts, embedded by `npm run build:wasm`)
 * and gives one compressor an instance with its memory: the state block, the key and main blocks
 * (f32, the main one compressed in place), the f64 scratch and the RMS windows.
 *
 * Synchronous, like the other loaders (3995 bytes, under Chromium's 4 KB limit for a synchronous
 * compile on the main thread; the live engine runs it in an AudioWorklet): where WebAssembly, SIMD
 * or a synchronous compile is unavailable, `createCompressorWasm` returns undefined and the kernel
 * runs its TypeScript passes, which give the same samples (test/unit/dsp/compressorWasm.test.ts).
 */
import { embeddedWasmModule } from './embeddedModule';
import { COMPRESSOR_WASM_BASE64 } from './compressorWasmBytes';

/** The exports of asm/compressor.ts (byte offsets into the instance's memory); see there. */
export interface CompressorWasmExports {
  compress(
    state: number, keyL: number, keyR: number, mainL: number, mainR: number,
    work: number, workR: number, ringL: number, ringR: number, frames: number, mode: number,
  ): number;
  lnBlock(src: number, dst: number, count: number): void;
  expBlock(src: number, dst: number, count: number): void;
}

/** Byte offsets of the state block's fields (asm/compressor.ts names them the same). */
export const COMPRESSOR_STATE = {
  kneeStartPower: 0,
  thresholdDb: 8,
  kneeDb: 16,
  slope: 24,
  kneeScale: 32,
  attack: 40,
  release: 48,
  makeupDb: 56,
  /** 10^(M/20) by `expInRange` (the weight of frames with no reduction). */
  makeupGain: 64,
  dry: 72,
  wet: 80,
  /** [left, right] smoothed reductions, dB. */
  value: 88,
  /** [left, right] RMS running sums. */
  sum: 104,
  /** i32 [left, right] RMS write positions. */
  index: 128,
  /** i32 RMS window length. */
  rmsLength: 136,
} as const;
const STATE_BYTES = 144;

/** Detector mode bits of `compress`. */
export const MODE_RMS = 1;
export const MODE_UNLINKED = 2;

/** One compressor's instance and the views of its memory. */
export interface CompressorWasm {
  readonly exports: CompressorWasmExports;
  /** The state block as f64 (index = byte offset / 8). */
  readonly state: Float64Array;
  /** The state block as i32 (index = byte offset / 4). */
  readonly stateInts: Int32Array;
  /** Sidechain key blocks, `maxBlockSize` f32 each. */
  readonly keyLeft: Float32Array;
  readonly keyRight: Float32Array;
  /** Main blocks: written by the host, compressed in place. */
  readonly mainLeft: Float32Array;
  readonly mainRight: Float32Array;
  /** After `run`: the last block's per-frame weights (left, or both when linked; right unlinked). */
  readonly weightsLeft: Float64Array;
  readonly weightsRight: Float64Array;
  /** The RMS windows (left, right), `rmsCapacity` f64 each. */
  readonly ringLeft: Float64Array;
  readonly ringRight: Float64Array;
  /**
   * Compresses `mainLeft`/`mainRight` in place, keyed by the key blocks (`sidechain`) or by the
   * main blocks themselves. @returns the largest smoothed reduction, dB.
   */
  run(frames: number, sidechain: boolean, mode: number): number;
}

const PAGE_BYTES = 65536;
/** Address 0 stays unused. */
const ARENA_START = 1024;

let disabledForTests = false;

/** Forces the TypeScript passes (for the tests and benchmarks that compare both). */
export function setCompressorWasmEnabled(enabled: boolean): void {
  disabledForTests = !enabled;
}


/**
 * A fresh instance for blocks of up to `maxBlockSize` frames and RMS windows of up to
 * `rmsCapacity` values, with `extraFloat64s` more f64 free after the arena (the tests' buffers for
 * `lnBlock`/`expBlock`, 16-byte aligned at `extraAt`), or undefined where WebAssembly cannot be
 * used.
 */
export function createCompressorWasm(
  maxBlockSize: number, rmsCapacity: number, extraFloat64s = 0,
): (CompressorWasm & { readonly extraAt: number; readonly memory: ArrayBuffer }) | undefined {
  if (disabledForTests) return undefined;
  const module = embeddedWasmModule(COMPRESSOR_WASM_BASE64);
  if (!module) return undefined;
  try {
    const align = (n: number) => (n + 15) & ~15;
    const even = maxBlockSize + (maxBlockSize & 1); // the vector passes run on frame pairs
    const stateAt = ARENA_START;
    const keyLeftAt = align(stateAt + STATE_BYTES);
    const keyRightAt = align(keyLeftAt + 4 * maxBlockSize);
    const mainLeftAt = align(keyRightAt + 4 * maxBlockSize);
    const mainRightAt = align(mainLeftAt + 4 * maxBlockSize);
    const workAt = align(mainRightAt + 4 * maxBlockSize);
    const workRightAt = align(workAt + 8 * even);
    const ringLeftAt = align(workRightAt + 8 * even);
    const ringRightAt = align(ringLeftAt + 8 * rmsCapacity);
    const extraAt = align(ringRightAt + 8 * rmsCapacity);
    const end = extraAt + 8 * extraFloat64s;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as CompressorWasmExports;
    const buffer = memory.buffer;
    return {
      exports,
      extraAt,
      memory: buffer,
      state: new Float64Array(buffer, stateAt, STATE_BYTES / 8),
      stateInts: new Int32Array(buffer, stateAt, STATE_BYTES / 4),
      keyLeft: new Float32Array(buffer, keyLeftAt, maxBlockSize),
      keyRight: new Float32Array(buffer, keyRightAt, maxBlockSize),
      mainLeft: new Float32Array(buffer, mainLeftAt, maxBlockSize),
      mainRight: new Float32Array(buffer, mainRightAt, maxBlockSize),
      weightsLeft: new Float64Array(buffer, workAt, maxBlockSize),
      weightsRight: new Float64Array(buffer, workRightAt, maxBlockSize),
      ringLeft: new Float64Array(buffer, ringLeftAt, rmsCapacity),
      ringRight: new Float64Array(buffer, ringRightAt, rmsCapacity),
      run: (frames, sidechain, mode) =>
        exports.compress(
          stateAt, sidechain ? keyLeftAt : mainLeftAt, sidechain ? keyRightAt : mainRightAt, mainLeftAt, mainRightAt,
          workAt, workRightAt, ringLeftAt, ringRightAt, frames, mode,
        ),
    };
  } catch {
    return undefined;
  }
}
