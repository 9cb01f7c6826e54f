/**
 * Loads the true-peak FIR stages in WebAssembly (asm/truePeak.ts, embedded by `npm run build:wasm`)
 * and gives one detector an instance with its own memory arena; likewise the loudness meter's
 * module (asm/truePeakMeter.ts: the interpolator's whole chunk scan and the stereo meter's push),
 * whose arena a stereo meter shares between its two interpolators and its K-weighting.
 *
 * Synchronous, like the reverb's and the EQ's loaders: where WebAssembly, SIMD or a synchronous
 * compile is unavailable, `createTruePeakWasm` returns undefined and the detector runs its
 * TypeScript loops, which give the same values (test/unit/dsp/truePeakWasm.test.ts).
 */
import { embeddedWasmModule } from './embeddedModule';
import { TRUE_PEAK_WASM_BASE64 } from './truePeakWasmBytes';
import { TRUE_PEAK_METER_WASM_BASE64 } from './truePeakMeterWasmBytes';

/**
 * The exports of asm/truePeak.ts (byte offsets into the instance's memory); see there for the sums.
 * Their lines, taps, phases, maxima and peaks are f32 arrays (the limiter's detector runs in single
 * precision, src/dsp/dynamics/bandLimitedPeak.ts), carved from the arena's f64 allocations.
 */
export interface TruePeakWasmExports {
  evenPhase(line: number, taps: number, m: number, out: number, count: number): void;
  oddPhase(line: number, taps: number, m: number, out: number, count: number): void;
  blockMaxima(line: number, used: number, out: number): number;
  bandLimitGroups(
    line: number, lineMax: number, center: number, m: number, evenTaps: number, oddTaps: number, stage2Taps: number,
    even: number, odd: number, count: number, threshold: number, xBound: number, refineLimit: number, pruning: number, peaks: number,
  ): void;
  /** One chunk of `LimiterKernel.process` with the band limit at 4× (state: see src/nodes/limiter/limiterWasm.ts). */
  limiterChunk(
    state: number, descLeft: number, descRight: number, count: number, inputGain: number,
    inLeft: number, inRight: number, outLeft: number, outRight: number,
  ): void;
}

/**
 * The exports of asm/truePeakMeter.ts (byte offsets into the instance's memory); see there. The
 * interpolators' lines, taps, stage arrays and peaks are f32 arrays (the meter's true peak runs in
 * single precision, src/dsp/truePeak.ts); the K-weighting state and the block weights are f64.
 */
export interface TruePeakMeterWasmExports {
  /** One chunk of `TruePeakInterpolator.scan` (factor 2, 4 or 8) for the interpolator described at `desc`. */
  scanChunk(desc: number, count: number, limit: number, rising: number, out: number): number;
  /** The stereo `LoudnessMeter.pushChannels` for ≤ 256 frames inside one tick. */
  meterPush(state: number, left: number, right: number, count: number, descLeft: number, descRight: number): void;
}

/** One instance: carve zeroed Float64Arrays out of its memory, then call the exports. */
export interface WasmArena<Exports> {
  readonly exports: Exports;
  /** A zeroed view of `length` f64 in the instance's memory (16-byte aligned). */
  allocate(length: number): Float64Array;
  /** A zeroed view of `length` f32 in the instance's memory (16-byte aligned; the f32 lines). */
  allocateFloat32(length: number): Float32Array;
}

/** One band-limited detector's instance of asm/truePeak.ts. */
export type TruePeakWasm = WasmArena<TruePeakWasmExports>;
/** An instance of asm/truePeakMeter.ts (one interpolator's, or a stereo meter's shared arena). */
export type TruePeakMeterWasm = WasmArena<TruePeakMeterWasmExports>;

const PAGE_BYTES = 65536;
/** Address 0 stays unused. */
const ARENA_START = 1024;

let disabledForTests = false;

/** Forces the TypeScript loops of both modules (for the tests and benchmarks that compare both). */
export function setTruePeakWasmEnabled(enabled: boolean): void {
  disabledForTests = !enabled;
}


/**
 * A fresh instance of asm/truePeak.ts with room for `float64s` values (the caller's arrays
 * together), or undefined when WebAssembly cannot be used here.
 */
export function createTruePeakWasm(float64s: number): TruePeakWasm | undefined {
  return instantiate<TruePeakWasmExports>(TRUE_PEAK_WASM_BASE64, float64s);
}

/**
 * A fresh instance of asm/truePeakMeter.ts with room for `float64s` values, or undefined when
 * WebAssembly cannot be used here.
 */
export function createTruePeakMeterWasm(float64s: number): TruePeakMeterWasm | undefined {
  return instantiate<TruePeakMeterWasmExports>(TRUE_PEAK_METER_WASM_BASE64, float64s);
}

function instantiate<Exports>(base64: string, float64s: number): WasmArena<Exports> | undefined {
  if (disabledForTests) return undefined;
  const module = embeddedWasmModule(base64);
  if (!module) return undefined;
  try {
    // Every allocation may waste up to 8 bytes to stay 16-byte aligned; count generously.
    const bytes = ARENA_START + 8 * float64s + 16 * 32;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE_BYTES) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
    let next = ARENA_START;
    /** The byte offset of `bytes` more, 16-byte aligned. */
    const reserve = (bytes: number): number => {
      next = (next + 15) & ~15;
      if (next + bytes > memory.buffer.byteLength) throw new RangeError('true-peak wasm arena exhausted');
      const at = next;
      next += bytes;
      return at;
    };
    return {
      exports,
      allocate: (length) => new Float64Array(memory.buffer, reserve(8 * length), length),
      allocateFloat32: (length) => new Float32Array(memory.buffer, reserve(4 * length), length),
    };
  } catch {
    return undefined;
  }
}
