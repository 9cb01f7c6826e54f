/**
 * The compressor's WebAssembly kernel (asm/compressor.ts) against its TypeScript twins, bit for
 * bit: `lnBlock`/`expBlock` against fastMath.ts's `fastLn`/`fastExp` on millions of values and
 * the domain edges, and the whole compressor kernel with and without WebAssembly, sample for
 * sample, in every channel layout; and the committed bytes against a fresh build of the source.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fastExp, fastLn, MIN_NORMAL } from '../../../src/dsp/fastMath';
import { createCompressorWasm, setCompressorWasmEnabled, type CompressorWasm } from '../../../src/dsp/wasm/compressorWasm';
import { resolveParams } from '../../../src/graph/catalog';
import type { Kernel } from '../../../src/nodes/types';
import { COMPRESSOR_WASM_BASE64 } from '../../../src/dsp/wasm/compressorWasmBytes';
import { compressorNode } from '../../../src/nodes/compressor';
import type { ParamValue } from '../../../src/graph/types';
import { createTestKernel, runKernel, type StereoAudio } from '../nodes/kernelSuite';

const root = resolve(import.meta.dirname, '../../..');

afterEach(() => setCompressorWasmEnabled(true));

function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Index of the first value whose bits differ (NaN = NaN whatever its payload), or −1. */
function firstDifference(a: Float64Array | Float32Array, b: Float64Array | Float32Array): number {
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return i;
  }
  return a.length === b.length ? -1 : a.length;
}

/** The special values every comparison includes. */
const EDGES = [
  0, -0, 5e-324, -5e-324, 1e-310, 2.225073858507201e-308, MIN_NORMAL, 1e-300, Math.pow(10, -7.2), Math.pow(10, -1.8),
  Math.SQRT1_2, Math.SQRT2, 1, 1 - 2 ** -53, 1 + 2 ** -52, 2, 1e77, 1.5e308, Number.MAX_VALUE, Infinity, -Infinity, NaN, -1,
  -708, -708.0000001, 709, 709.0000001, 745, -745, 0.34657359027997264, -0.34657359027997264, 3,
]; // an even count: lnBlock/expBlock take pairs

describe('compressor WebAssembly: ln and exp', () => {
  it('lnBlock and expBlock give the bits of fastLn and fastExp on 2 million values and the edges', () => {
    const count = 1_000_000; // lnBlock/expBlock take pairs
    const wasm = createCompressorWasm(16, 16, 2 * count);
    expect(wasm, 'WebAssembly with SIMD is available in Node').toBeDefined();
    if (!wasm) return;
    const src = new Float64Array(wasm.memory, wasm.extraAt, count);
    const dst = new Float64Array(wasm.memory, wasm.extraAt + 8 * count + 8, count);
    const next = uniform(9);
    const expected = new Float64Array(count);

    // ln: log-uniform over the whole double range (subnormals included), then the edges.
    for (let i = 0; i < count; i++) src[i] = Math.pow(2, -1074 + 2098 * next()) * (1 + next());
    src.set(EDGES, count - EDGES.length);
    for (let i = 0; i < count; i++) expected[i] = fastLn(src[i]);
    wasm.exports.lnBlock(src.byteOffset, dst.byteOffset, count);
    expect(firstDifference(dst, expected)).toBe(-1);

    // exp: uniform over [−800, 800] (both cut-offs), then the edges.
    for (let i = 0; i < count; i++) src[i] = -800 + 1600 * next();
    src.set(EDGES, count - EDGES.length);
    for (let i = 0; i < count; i++) expected[i] = fastExp(src[i]);
    wasm.exports.expBlock(src.byteOffset, dst.byteOffset, count);
    expect(firstDifference(dst, expected)).toBe(-1);

    // A NaN/edge mismatch would show in the edges alone as well: check them one by one.
    src.set(EDGES, 0);
    wasm.exports.lnBlock(src.byteOffset, dst.byteOffset, EDGES.length);
    EDGES.forEach((p, i) => expect(Object.is(dst[i], fastLn(p)), `ln(${p})`).toBe(true));
    wasm.exports.expBlock(src.byteOffset, dst.byteOffset, EDGES.length);
    EDGES.forEach((y, i) => expect(Object.is(dst[i], fastExp(y)), `exp(${y})`).toBe(true));
  });

  it('the committed module is a fresh build of asm/compressor.ts and fits in 4096 bytes', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print', 'compressor'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/dsp/wasm/compressorWasmBytes.ts is stale: run `npm run build:wasm`').toBe(COMPRESSOR_WASM_BASE64);
    expect(Buffer.from(COMPRESSOR_WASM_BASE64, 'base64').length).toBeLessThanOrEqual(4096);
  }, 60_000);
});

/** Loud, quiet, silent and non-finite stretches, different in each channel. */
function material(frames: number, seed: number): StereoAudio {
  const next = uniform(seed);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const section = Math.floor((8 * i) / frames);
    const level = [0.9, 0.05, 2.5, 0, 0.3, 1e-4, 1.2, 0.6][section];
    left[i] = level * (2 * next() - 1);
    right[i] = (section === 2 ? 0.1 : level) * Math.sin(i / 7) * (2 * next() - 1);
  }
  left[frames >> 3] = NaN;
  right[(frames >> 3) + 5] = Infinity;
  left[frames >> 1] = -Infinity;
  right[frames - 3] = 3.4e38;
  return { left, right };
}

function render(params: Record<string, ParamValue>, wasm: boolean, blockSize: number, sidechain: boolean, change?: Record<string, ParamValue>): StereoAudio {
  setCompressorWasmEnabled(wasm);
  const frames = 24_000;
  const kernel = createTestKernel(compressorNode, params, { blockSize, frames });
  const main = material(frames, 5);
  const key = sidechain ? material(frames, 6) : undefined;
  if (!change) return runKernel(kernel, compressorNode, [main, key], { blockSize, frames })[0];
  // Half, a param change (the detector or link switch resets the RMS windows), the other half.
  const half = (a: StereoAudio, from: number, to: number): StereoAudio => ({ left: a.left.slice(from, to), right: a.right.slice(from, to) });
  const first = runKernel(kernel, compressorNode, [half(main, 0, frames / 2), key && half(key, 0, frames / 2)], { blockSize, frames: frames / 2 })[0];
  kernel.setParams(resolveParams(compressorNode, { ...params, ...change }));
  const second = runKernel(kernel, compressorNode, [half(main, frames / 2, frames), key && half(key, frames / 2, frames)], { blockSize, frames: frames / 2 })[0];
  const join = (a: Float32Array, b: Float32Array) => Float32Array.from([...a, ...b]);
  return { left: join(first.left, second.left), right: join(first.right, second.right) };
}

const cases: { name: string; params: Record<string, ParamValue>; sidechain?: boolean; change?: Record<string, ParamValue> }[] = [
  { name: 'peak, linked', params: { threshold: -30, ratio: 6, knee: 6 } },
  { name: 'rms, linked, makeup', params: { threshold: -24, detector: 'rms', makeup: 9 } },
  { name: 'peak, unlinked, hard knee', params: { threshold: -20, knee: 0, ratio: 20, link: false } },
  { name: 'rms, unlinked, fast', params: { threshold: -40, detector: 'rms', link: false, attack: 0.1, release: 10 } },
  { name: 'sidechain, mix 0.5', params: { threshold: -30, mix: 0.5 }, sidechain: true },
  { name: 'sidechain, unlinked rms, mix 0', params: { threshold: -50, mix: 0, link: false, detector: 'rms' }, sidechain: true },
  { name: 'peak → rms unlinked mid-render', params: { threshold: -30 }, change: { detector: 'rms', link: false, threshold: -12, makeup: 3 } },
];

describe('compressor WebAssembly: the kernel gives the TypeScript samples', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const blockSize of [1, 127, 1024]) {
        const ts = render(c.params, false, blockSize, c.sidechain === true, c.change);
        const wasm = render(c.params, true, blockSize, c.sidechain === true, c.change);
        expect(firstDifference(wasm.left, ts.left), `left, blocks of ${blockSize}`).toBe(-1);
        expect(firstDifference(wasm.right, ts.right), `right, blocks of ${blockSize}`).toBe(-1);
        // The case compresses (or, at mix 0, passes the dry signal bit-exactly).
        const dry = material(24_000, 5).left;
        const changed = ts.left.some((x, i) => Number.isFinite(dry[i]) && x !== dry[i]);
        expect(changed).toBe(c.params.mix !== 0);
      }
    });
  }

  it('computes the same f64 weights (1 − m) + m·g, frame by frame, not only the same float32 output', () => {
    // The float32 output hides differences under 2^-24 relative; the weights show every bit.
    const block = 250;
    const main = material(block * 40, 11);
    const key = material(block * 40, 12);
    for (const c of cases) {
      setCompressorWasmEnabled(false);
      const ts = createTestKernel(compressorNode, c.params, { blockSize: block, frames: block * 40 }) as unknown as { work: Float64Array; workRight: Float64Array } & Kernel;
      setCompressorWasmEnabled(true);
      const wasm = createTestKernel(compressorNode, c.params, { blockSize: block, frames: block * 40 }) as unknown as { wasm: CompressorWasm } & Kernel;
      expect(wasm.wasm, 'WebAssembly kernel in use').toBeDefined();
      const inBlock = { left: new Float32Array(block), right: new Float32Array(block) };
      const keyBlock = { left: new Float32Array(block), right: new Float32Array(block) };
      const out = { left: new Float32Array(block), right: new Float32Array(block) };
      const unlinked = c.params.link === false || c.change?.link === false;
      for (let b = 0; b < 40; b++) {
        if (b === 20 && c.change) {
          ts.setParams(resolveParams(compressorNode, { ...c.params, ...c.change }));
          wasm.setParams(resolveParams(compressorNode, { ...c.params, ...c.change }));
        }
        inBlock.left.set(main.left.subarray(block * b, block * (b + 1)));
        inBlock.right.set(main.right.subarray(block * b, block * (b + 1)));
        keyBlock.left.set(key.left.subarray(block * b, block * (b + 1)));
        keyBlock.right.set(key.right.subarray(block * b, block * (b + 1)));
        const io = { inputs: [inBlock, keyBlock], inputConnected: [true, c.sidechain === true], outputs: [out], frames: block };
        ts.process(io);
        wasm.process(io);
        const where = `${c.name}, block ${b}`;
        expect(firstDifference(wasm.wasm.weightsLeft.subarray(0, block), ts.work.subarray(0, block)), where).toBe(-1);
        if (unlinked) expect(firstDifference(wasm.wasm.weightsRight.subarray(0, block), ts.workRight.subarray(0, block)), where).toBe(-1);
      }
    }
  });

  it('reports the same gain reduction meter, and reset() returns both to a fresh state', () => {
    const readings = (wasm: boolean): number[] => {
      setCompressorWasmEnabled(wasm);
      const kernel = createTestKernel(compressorNode, { threshold: -30, detector: 'rms', link: false }, { blockSize: 256, frames: 256 * 20 });
      const main = material(256 * 20, 7);
      const out: number[] = [];
      const block = { left: new Float32Array(256), right: new Float32Array(256) };
      const result = { left: new Float32Array(256), right: new Float32Array(256) };
      for (let pass = 0; pass < 2; pass++) {
        for (let b = 0; b < 20; b++) {
          block.left.set(main.left.subarray(256 * b, 256 * b + 256));
          block.right.set(main.right.subarray(256 * b, 256 * b + 256));
          kernel.process({ inputs: [block, block], inputConnected: [true, false], outputs: [result], frames: 256 });
          out.push(kernel.meters?.gainReductionDb ?? NaN, result.left[17], result.right[255]);
        }
        kernel.reset();
      }
      return out;
    };
    const ts = readings(false);
    expect(readings(true)).toEqual(ts);
    expect(Math.max(...ts)).toBeGreaterThan(3);
    expect(ts.slice(0, 60)).toEqual(ts.slice(60)); // after reset() the same as fresh
  });
});
