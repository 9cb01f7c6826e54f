/**
 * `npx tsx bench/truePeak.ts [srcRoot …]`: × realtime of the limiter kernel and of the loudness
 * meter on 60 s of stereo 48 kHz pink noise (−14 dBFS RMS), block size 1024. The limiter runs with
 * its defaults and +14 dB input gain (ceiling −1 dBTP), as in issue 9's table. Each `srcRoot`
 * (default `../src`) is another checkout's `src` (e.g. `git archive main src | tar -x -C /tmp/main`),
 * so before and after are measured in one process, runs interleaved, median of 5 each; with two
 * roots it also prints the time ratio second/first.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { musicLike } from '../test/helpers/masteringSignals';

const SR = 48000;
const SECONDS = 60;
const BLOCK = 1024;

interface Subject {
  root: string;
  timeMeter: () => number;
  timeMeterMusic: () => number;
  timeLimiter: () => number;
}

async function subject(root: string, left: Float32Array, right: Float32Array, music: { left: Float32Array; right: Float32Array }): Promise<Subject> {
  const load = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(root, p)).href);
  const { LoudnessMeter } = (await load('dsp/loudness/meter.ts')) as {
    LoudnessMeter: new (sr: number, ch: number) => { push(l: Float32Array, r: Float32Array, n: number): void; result(): unknown };
  };
  const { limiterNode } = (await load('nodes/limiter/index.ts')) as {
    limiterNode: { createKernel: (c: unknown, p: unknown) => { process(io: unknown): void } };
  };
  const { resolveParams } = (await load('graph/catalog.ts')) as { resolveParams: (n: unknown, p: unknown) => unknown };
  const frames = left.length;
  const timeMeterOn = (l: Float32Array, r: Float32Array): number => {
    const meter = new LoudnessMeter(SR, 2);
    const t0 = performance.now();
    for (let s = 0; s < frames; s += BLOCK) {
      const n = Math.min(BLOCK, frames - s);
      meter.push(l.subarray(s, s + n), r.subarray(s, s + n), n);
    }
    meter.result();
    return performance.now() - t0;
  };
  return {
    root,
    timeMeter: () => timeMeterOn(left, right),
    timeMeterMusic: () => timeMeterOn(music.left, music.right),
    timeLimiter: () => {
      const ctx = { sampleRate: SR, maxBlockSize: BLOCK, getClip: () => undefined };
      const kernel = limiterNode.createKernel(ctx, resolveParams(limiterNode, { ceiling: -1, inputGain: 14 }));
      const out = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
      const t0 = performance.now();
      for (let s = 0; s < frames; s += BLOCK) {
        const n = Math.min(BLOCK, frames - s);
        const block = { left: left.subarray(s, s + n), right: right.subarray(s, s + n) };
        kernel.process({ inputs: [block], inputConnected: [true], outputs: [out], frames: n });
      }
      return performance.now() - t0;
    },
  };
}

async function main(): Promise<void> {
  const roots = process.argv.length > 2 ? process.argv.slice(2).map((r) => path.resolve(r)) : [path.join(import.meta.dirname, '../src')];
  const { NoiseSource } = (await import(pathToFileURL(path.join(roots[0], 'dsp/noise.ts')).href)) as {
    NoiseSource: new (seed: number) => { pink(): number };
  };
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
  // The music-like mix of the tests (saw pads, kick, noise hats): material with dynamics.
  const music = musicLike(frames, SR);
  const subjects = await Promise.all(roots.map((r) => subject(r, left, right, music)));
  // Runs interleaved (every subject once per round) so machine load hits all alike.
  const meterTimes = subjects.map(() => [] as number[]);
  const musicTimes = subjects.map(() => [] as number[]);
  const limiterTimes = subjects.map(() => [] as number[]);
  for (let round = 0; round < 5; round++) {
    subjects.forEach((s, i) => {
      meterTimes[i].push(s.timeMeter());
      musicTimes[i].push(s.timeMeterMusic());
      limiterTimes[i].push(s.timeLimiter());
    });
  }
  const median = (t: number[]): number => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
  subjects.forEach((s, i) => {
    const meterMs = median(meterTimes[i]);
    const limiterMs = median(limiterTimes[i]);
    console.log(`source: ${s.root}`);
    console.log(`  loudness meter: ${((SECONDS * 1000) / meterMs).toFixed(0)}× realtime (${meterMs.toFixed(0)} ms for ${SECONDS} s stereo)`);
    const musicMs = median(musicTimes[i]);
    console.log(`  loudness meter, music-like: ${((SECONDS * 1000) / musicMs).toFixed(0)}× realtime`);
    console.log(`  limiter kernel: ${((SECONDS * 1000) / limiterMs).toFixed(0)}× realtime (${limiterMs.toFixed(0)} ms for ${SECONDS} s stereo)`);
  });
  if (subjects.length === 2) {
    console.log(`ratio second/first (time): meter ${(median(meterTimes[1]) / median(meterTimes[0])).toFixed(2)}, meter on music ${(median(musicTimes[1]) / median(musicTimes[0])).toFixed(2)}, limiter ${(median(limiterTimes[1]) / median(limiterTimes[0])).toFixed(2)}`);
  }
}

void main();
