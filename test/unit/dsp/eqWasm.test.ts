/**
 * The EQ's WebAssembly cascade: built from asm/eq.ts by the project's own script, and giving the
 * same samples as the TypeScript loops — for one to nine sections (every way the cascade groups
 * them in threes, pairs and singles), through a live retune, a band switched off and on, odd block
 * sizes, decaying tails reaching the denormal flush, and a NaN in the input.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEqWasm, setEqWasmEnabled } from '../../../src/dsp/wasm/eqWasm';
import { EQ_WASM_BASE64 } from '../../../src/dsp/wasm/eqWasmBytes';
import { SeededRandom } from '../../../src/dsp/noise';
import { eqNode } from '../../../src/nodes/eq';
import { resolveParams } from '../../../src/graph/catalog';
import type { Kernel } from '../../../src/nodes/types';
import type { ParamValue } from '../../../src/graph/types';

const RATE = 48000;
const root = resolve(import.meta.dirname, '../../..');

/** Section sets of 1…9 active sections (hp/lp at 24 dB/oct are two sections each). */
const SETTINGS: Record<string, ParamValue>[] = [
  { p1Gain: 6 },
  { p1Gain: 6, p2Gain: -4 },
  { p1Gain: 3, p2Gain: -4, p3Gain: 2 },
  { hpOn: true, p1Gain: 3, p2Gain: -4, p3Gain: 2 },
  { hpOn: true, lsGain: 2, p1Gain: 3, p2Gain: -4, p3Gain: 2 },
  { hpOn: true, lsGain: 2, p1Gain: 3, p2Gain: -4, p3Gain: 2, hsGain: -3 },
  { hpOn: true, hpSlope: 24, lsGain: 2, p1Gain: 3, p2Gain: -4, p3Gain: 2, hsGain: -3 },
  { hpOn: true, hpSlope: 24, lsGain: 2, p1Gain: 3, p2Gain: -4, p3Gain: 2, hsGain: -3, lpOn: true },
  { hpOn: true, hpSlope: 24, lsGain: 2, p1Gain: 3, p2Gain: -4, p3Gain: 2, hsGain: -3, lpOn: true, lpSlope: 24 },
];

/** Noise bursts with gaps (tails decay into the flush), a NaN at frame 5000, blocks of `block`. */
function render(useWasm: boolean, params: Record<string, ParamValue>, frames: number, block: number): Float32Array[] {
  setEqWasmEnabled(useWasm);
  const ctx = { sampleRate: RATE, maxBlockSize: block, getClip: () => undefined };
  const kernel: Kernel = eqNode.createKernel(ctx, resolveParams(eqNode, params));
  setEqWasmEnabled(true);
  const random = new SeededRandom(11);
  const out = [new Float32Array(frames), new Float32Array(frames)];
  const io = {
    inputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    inputConnected: [true],
    outputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    frames: block,
  };
  for (let done = 0; done < frames; done += block) {
    const n = Math.min(block, frames - done);
    // A live retune, then the first band switched off and back on (its state cleared).
    if (done <= frames / 3 && frames / 3 < done + n) kernel.setParams(resolveParams(eqNode, { ...params, p1Freq: 2500, p1Q: 4 }));
    if (done <= frames / 2 && frames / 2 < done + n) kernel.setParams(resolveParams(eqNode, { ...params, p1Gain: 0 }));
    if (done <= (2 * frames) / 3 && (2 * frames) / 3 < done + n) kernel.setParams(resolveParams(eqNode, params));
    for (let i = 0; i < n; i++) {
      const on = Math.floor((done + i) / 7000) % 3 !== 2;
      io.inputs[0].left[i] = done + i === 5000 ? Number.NaN : on ? 0.5 * random.bipolar() : 0;
      io.inputs[0].right[i] = on ? 0.5 * random.bipolar() : 0;
    }
    io.frames = n;
    kernel.process(io);
    out[0].set(io.outputs[0].left.subarray(0, n), done);
    out[1].set(io.outputs[0].right.subarray(0, n), done);
  }
  return out;
}

describe('EQ WebAssembly cascade', () => {
  afterEach(() => setEqWasmEnabled(true));

  it('loads in Node', () => {
    expect(createEqWasm(128, 9)).toBeDefined();
  });

  it.each(SETTINGS.map((params, i) => [i + 1, params] as const))(
    'gives bit-identical samples to the TypeScript loops with %i section(s)',
    (_count, params) => {
      const frames = 30000;
      const block = 333;
      const [wl, wr] = render(true, params, frames, block);
      const [tl, tr] = render(false, params, frames, block);
      expect(wl.some((v) => v !== 0)).toBe(true);
      let differing = 0;
      for (let i = 0; i < frames; i++) if (!Object.is(wl[i], tl[i]) || !Object.is(wr[i], tr[i])) differing++;
      expect(differing).toBe(0);
    },
  );

  it('is what `npm run build:wasm` compiles from asm/eq.ts', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print', 'eq'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/dsp/wasm/eqWasmBytes.ts is stale: run `npm run build:wasm`').toBe(EQ_WASM_BASE64);
  }, 60_000);
});
