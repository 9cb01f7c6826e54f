/**
 * The reverb kernel with its WebAssembly loops vs its TypeScript loops, in one process, runs
 * interleaved (wasm, TS, wasm, TS, …) so the machine's load hits both alike; 30 s of stereo 48 kHz
 * noise per run, 1024-frame blocks. Prints × realtime (best and median of 7) and the ratio.
 * The two paths give the same samples (test/unit/dsp/reverbWasm.test.ts).
 *
 *   node --import tsx bench/reverbWasm.ts
 */
import { reverbNode } from '../src/nodes/reverb';
import { resolveParams } from '../src/graph/catalog';
import { setReverbWasmEnabled } from '../src/dsp/wasm/reverbWasm';

const RATE = 48000;
const BLOCK = 1024;
const SECONDS = 30;
const RUNS = 7;
const frames = RATE * SECONDS;
const inLeft = new Float32Array(frames);
const inRight = new Float32Array(frames);
let seed = 1;
const next = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
for (let i = 0; i < frames; i++) {
  inLeft[i] = next();
  inRight[i] = next();
}

/** × realtime of one 30 s run through a fresh reverb (defaults), with or without WebAssembly. */
function run(wasm: boolean): number {
  setReverbWasmEnabled(wasm);
  const ctx = { sampleRate: RATE, maxBlockSize: BLOCK, getClip: () => undefined };
  const kernel = reverbNode.createKernel(ctx, resolveParams(reverbNode, {}));
  setReverbWasmEnabled(true);
  const block = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const io = { inputs: [block], inputConnected: [true], outputs: [{ left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) }], frames: BLOCK };
  let busy = 0;
  for (let done = 0; done < frames; done += BLOCK) {
    const n = Math.min(BLOCK, frames - done);
    block.left.set(inLeft.subarray(done, done + n));
    block.right.set(inRight.subarray(done, done + n));
    io.frames = n;
    const t0 = performance.now();
    kernel.process(io);
    busy += performance.now() - t0;
  }
  return SECONDS / (busy / 1000);
}

run(true);
run(false);
const wasm: number[] = [];
const ts: number[] = [];
for (let r = 0; r < RUNS; r++) {
  wasm.push(run(true));
  ts.push(run(false));
}
const best = (xs: number[]): number => Math.max(...xs);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| reverb (defaults) | best ×realtime | median ×realtime |\n| --- | ---: | ---: |');
console.log(`| WebAssembly | ${best(wasm).toFixed(0)} | ${median(wasm).toFixed(0)} |`);
console.log(`| TypeScript loops | ${best(ts).toFixed(0)} | ${median(ts).toFixed(0)} |`);
console.log(`| ratio | ${(best(wasm) / best(ts)).toFixed(2)} | ${(median(wasm) / median(ts)).toFixed(2)} |`);
