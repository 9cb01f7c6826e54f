/**
 * The reverb's WebAssembly loops: built from asm/reverb.ts by the project's own script, and giving
 * the same samples as the TypeScript loops they replace.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReverbWasm, setReverbWasmEnabled } from '../../../src/dsp/wasm/reverbWasm';
import { REVERB_WASM_BASE64 } from '../../../src/dsp/wasm/reverbWasmBytes';
import { SeededRandom } from '../../../src/dsp/noise';
import { reverbNode } from '../../../src/nodes/reverb';
import { resolveParams } from '../../../src/graph/catalog';
import type { Kernel } from '../../../src/nodes/types';
import { FreeverbChannel } from '../../../src/dsp/reverb/freeverbChannel';
import { allocateFreeverbWasmScratch, processFreeverbStereoWasm } from '../../../src/dsp/reverb/freeverbStereoWasm';
import { onePoleLowpassCoefficients } from '../../../src/dsp/onePoleLowpass';

const RATE = 48000;
const root = resolve(import.meta.dirname, '../../..');

/** Renders stereo noise through a reverb, changing params at `changeAt`; blocks of `block` frames. */
function render(useWasm: boolean, frames: number, block: number, changeAt: number): Float32Array[] {
  setReverbWasmEnabled(useWasm);
  const ctx = { sampleRate: RATE, maxBlockSize: block, getClip: () => undefined };
  const kernel: Kernel = reverbNode.createKernel(ctx, resolveParams(reverbNode, { decay: 3, damping: 6000 }));
  setReverbWasmEnabled(true);
  const random = new SeededRandom(7);
  const outL = new Float32Array(frames);
  const outR = new Float32Array(frames);
  const io = {
    inputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    inputConnected: [true],
    outputs: [{ left: new Float32Array(block), right: new Float32Array(block) }],
    frames: block,
  };
  for (let done = 0; done < frames; done += block) {
    const n = Math.min(block, frames - done);
    if (done <= changeAt && changeAt < done + n) {
      // A live change: size and pre-delay crossfade (the per-sample path), damping off, new mix.
      kernel.setParams(resolveParams(reverbNode, { decay: 1.2, damping: 20000, size: 0.25, predelay: 70, mix: 0.7 }));
    }
    for (let i = 0; i < n; i++) {
      // Noise bursts with silent gaps, so the tails decay towards the denormal flush too.
      const on = Math.floor((done + i) / 9000) % 3 !== 2;
      io.inputs[0].left[i] = on ? 0.5 * random.bipolar() : 0;
      io.inputs[0].right[i] = on ? 0.5 * random.bipolar() : 0;
    }
    io.frames = n;
    kernel.process(io);
    outL.set(io.outputs[0].left.subarray(0, n), done);
    outR.set(io.outputs[0].right.subarray(0, n), done);
  }
  return [outL, outR];
}

describe('reverb WebAssembly', () => {
  afterEach(() => setReverbWasmEnabled(true));

  it('loads in Node', () => {
    expect(createReverbWasm(16)).toBeDefined();
  });

  it('gives bit-identical samples to the TypeScript loops, across a live size change', () => {
    const frames = 3 * RATE;
    const [wl, wr] = render(true, frames, 1000, RATE);
    const [tl, tr] = render(false, frames, 1000, RATE);
    expect(wl.some((v) => v !== 0)).toBe(true);
    let differing = 0;
    for (let i = 0; i < frames; i++) if (!Object.is(wl[i], tl[i]) || !Object.is(wr[i], tr[i])) differing++;
    expect(differing).toBe(0);
  });

  it('gives the TypeScript loops\' wet sums bit for bit in double precision, four comb pairs per call', () => {
    // The kernel's output is float32, which could hide a last-bit difference in the double
    // sums and lines; here the channels' own double outputs are compared, block after block.
    const chunk = 512;
    const wasm = createReverbWasm(FreeverbChannel.storageSamples(RATE, false) + FreeverbChannel.storageSamples(RATE, true) + 4 * chunk + 64)!;
    const storage = (length: number) => wasm.allocate(length);
    const input = wasm.allocate(chunk);
    const scratch = allocateFreeverbWasmScratch(wasm, input, chunk);
    const damping = onePoleLowpassCoefficients(5000, RATE);
    const channels = [new FreeverbChannel(RATE, false, 1, storage), new FreeverbChannel(RATE, true, 1, storage)];
    const plain = [new FreeverbChannel(RATE, false), new FreeverbChannel(RATE, true)];
    for (const c of [...channels, ...plain]) c.configure(0.8, 2.5, damping);
    const plainOut = [new Float64Array(chunk), new Float64Array(chunk)];
    const random = new SeededRandom(11);
    let differing = 0;
    let compared = 0;
    for (let block = 0; block < 60; block++) {
      const n = block % 7 === 3 ? 97 : chunk; // odd lengths too
      for (let i = 0; i < n; i++) input[i] = block % 20 < 12 ? random.bipolar() : 0;
      processFreeverbStereoWasm(channels[0], channels[1], wasm, scratch, n);
      plain[0].processBlock(input, plainOut[0], n);
      plain[1].processBlock(input, plainOut[1], n);
      for (let i = 0; i < n; i++) {
        compared++;
        if (!Object.is(scratch.wet[2 * i], plainOut[0][i]) || !Object.is(scratch.wet[2 * i + 1], plainOut[1][i])) differing++;
      }
    }
    expect(compared).toBeGreaterThan(20000);
    expect(differing).toBe(0);
  });

  it('is what `npm run build:wasm` compiles from asm/reverb.ts', () => {
    const fresh = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print'], { cwd: root, encoding: 'utf8' }).trim();
    expect(fresh, 'src/dsp/wasm/reverbWasmBytes.ts is stale: run `npm run build:wasm`').toBe(REVERB_WASM_BASE64);
  }, 60_000);
});
