/**
 * The 24-bit encoder in WebAssembly (asm/wavEncode.ts) against the TypeScript encoder it replaces
 * in `createWavStreamEncoder`: the same bytes, clip count and peak for every kind of sample —
 * NaN, ±∞, ±0, values past full scale, the rounding boundaries of 2^−24 — in odd block sizes.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClipStats, encodeStereoFrames } from '../../../src/runtime/audio-io/wavEncode';
import { createEncode24Wasm, setEncode24WasmEnabled } from '../../../src/runtime/audio-io/wavEncodeWasm';
import { WAV_ENCODE_WASM_BASE64 } from '../../../src/runtime/audio-io/wavEncodeWasmBytes';
import { createWavStreamEncoder } from '../../../src/runtime/audio-io/wavWriter';

const root = resolve(__dirname, '../../..');

/** Samples that test every branch: specials, boundaries of the rounding and clipping, noise. */
function nastySamples(n: number, seed: number): Float32Array {
  const special = [
    NaN, -NaN, Infinity, -Infinity, 0, -0, 1, -1, 1.5, -1.5, 3e38, -3e38,
    (8388607 + 0.5) / 8388608, (8388607 + 0.49) / 8388608, (-8388608 - 0.5) / 8388608, -(1 + 2 ** -23),
    0.5 / 8388608, -0.5 / 8388608, 1.5 / 8388608, -1.5 / 8388608, 2 ** -30, -(2 ** -30), 1e-45,
  ];
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    x[i] = i % 7 === 3 ? special[(s >>> 8) % special.length] : ((s / 2 ** 32) * 2 - 1) * 1.2;
  }
  return x;
}

afterEach(() => setEncode24WasmEnabled(true));

describe('24-bit WAV encode in WebAssembly', () => {
  it('loads here (Node has WebAssembly SIMD)', () => {
    expect(createEncode24Wasm(16)).toBeDefined();
  });

  for (const frames of [0, 1, 2, 3, 17, 4096, 5001]) {
    it(`gives the TypeScript encoder's bytes, clip count and peak (${frames} frames)`, () => {
      const left = nastySamples(frames, 1 + frames);
      const right = nastySamples(frames, 99 + frames);
      const expected = new Uint8Array(6 * frames);
      const expectedStats = createClipStats();
      expectedStats.peak = 0.25;
      encodeStereoFrames(left, right, frames, 24, null, expected, 0, expectedStats);
      const wasm = createEncode24Wasm(Math.max(frames, 1))!;
      wasm.left.set(left);
      wasm.right.set(right);
      const stats = createClipStats();
      stats.peak = 0.25;
      const bytes = wasm.run(frames, stats);
      expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
      expect(stats).toEqual(expectedStats);
      if (frames > 100) expect(stats.clippedSamples).toBeGreaterThan(0);
    });
  }

  it('a stream encoder gives the same bytes and stats with and without WebAssembly, block by block', () => {
    const blocks = [4096, 1, 333, 4096, 8192, 7];
    const run = (wasm: boolean) => {
      setEncode24WasmEnabled(wasm);
      const encoder = createWavStreamEncoder({ sampleRate: 48000, channels: 2, bits: 24, container: 'wav' });
      const chunks = blocks.map((n, k) => Buffer.from(encoder.encode(nastySamples(n + 3, k), nastySamples(n + 5, 50 + k), n)));
      return { bytes: Buffer.concat(chunks), stats: { ...encoder.clipStats } };
    };
    const viaWasm = run(true);
    const viaTs = run(false);
    expect(viaWasm.bytes.equals(viaTs.bytes)).toBe(true);
    expect(viaWasm.stats).toEqual(viaTs.stats);
    expect(viaWasm.stats.peak).toBe(Infinity);
  });

  it('is what `npm run build:wasm` compiles from asm/wavEncode.ts', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print', 'wavEncode'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/runtime/audio-io/wavEncodeWasmBytes.ts is stale: run `npm run build:wasm`').toBe(WAV_ENCODE_WASM_BASE64);
  }, 60_000);
});
