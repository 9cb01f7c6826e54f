/**
 * `npx tsx bench/truePeak.ts [srcRoot]`: × realtime of the limiter kernel and of the loudness
 * meter on 60 s of stereo 48 kHz pink noise (−14 dBFS RMS), block size 1024. The limiter runs with
 * its defaults and +14 dB input gain (ceiling −1 dBTP), as in issue 9's table. `srcRoot` (default
 * `../src`) lets the same script time another checkout (e.g. `git archive main src`), so before
 * and after are measured by the same command on the same machine. Prints the median of 5 runs.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const SR = 48000;
const SECONDS = 60;
const BLOCK = 1024;

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../src'));
  const load = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(root, p)).href);
  const { NoiseSource } = (await load('dsp/noise.ts')) as { NoiseSource: new (seed: number) => { pink(): number } };
  const { LoudnessMeter } = (await load('dsp/loudness/meter.ts')) as {
    LoudnessMeter: new (sr: number, ch: number) => { push(l: Float32Array, r: Float32Array, n: number): void; result(): unknown };
  };
  const { limiterNode } = (await load('nodes/limiter/index.ts')) as { limiterNode: { createKernel: (c: unknown, p: unknown) => { process(io: unknown): void } } };
  const { resolveParams } = (await load('graph/catalog.ts')) as { resolveParams: (n: unknown, p: unknown) => unknown };

  const frames = SR * SECONDS;
  const noiseL = new NoiseSource(1);
  const noiseR = new NoiseSource(2);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const level = Math.pow(10, -14 / 20);
  for (let i = 0; i < frames; i++) {
    left[i] = level * noiseL.pink();
    right[i] = level * noiseR.pink();
  }

  const timeMeter = (): number => {
    const meter = new LoudnessMeter(SR, 2);
    const t0 = performance.now();
    for (let s = 0; s < frames; s += BLOCK) {
      const n = Math.min(BLOCK, frames - s);
      meter.push(left.subarray(s, s + n), right.subarray(s, s + n), n);
    }
    meter.result();
    return performance.now() - t0;
  };
  const timeLimiter = (): number => {
    const ctx = { sampleRate: SR, maxBlockSize: BLOCK, getClip: () => undefined };
    const kernel = limiterNode.createKernel(ctx, resolveParams(limiterNode, { ceiling: -1, inputGain: 14 }));
    const out = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
    const t0 = performance.now();
    for (let s = 0; s < frames; s += BLOCK) {
      const n = Math.min(BLOCK, frames - s);
      kernel.process({ inputs: [{ left: left.subarray(s, s + n), right: right.subarray(s, s + n) }], inputConnected: [true], outputs: [out], frames: n });
    }
    return performance.now() - t0;
  };
  const median = (f: () => number): number => {
    const t = [f(), f(), f(), f(), f()].sort((a, b) => a - b);
    return t[2];
  };
  const meterMs = median(timeMeter);
  const limiterMs = median(timeLimiter);
  console.log(`source: ${root}`);
  console.log(`loudness meter: ${((SECONDS * 1000) / meterMs).toFixed(0)}× realtime (${meterMs.toFixed(0)} ms for ${SECONDS} s stereo)`);
  console.log(`limiter kernel: ${((SECONDS * 1000) / limiterMs).toFixed(0)}× realtime (${limiterMs.toFixed(0)} ms for ${SECONDS} s stereo)`);
}

void main();
