/**
 * `npx tsx bench/truePeak.ts [srcRoot …]`: × realtime of the limiter kernel and of the loudness
 * meter on 60 s of stereo 48 kHz pink noise (−14 dBFS RMS), on the music-like mix of the tests and
 * on the demo mix's master (`demo-mix` rendered once, 60 s), block size 1024. The limiter runs with
 * its defaults and +14 dB input gain (ceiling −1 dBTP), as in issue 9's table (+6 dB on the demo
 * master, which is limited already), with `bandLimit` on (the default since issue 9) and off (a
 * root without that param ignores it: the limiter before the band limit). Each `srcRoot`
 * (default `../src`) is another checkout's `src` (e.g. `git archive main src | tar -x -C /tmp/main`),
 * so before and after are measured in one process, runs interleaved, median of 5 each (user CPU time); with two
 * roots it also prints the time ratio second/first.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { musicLike } from '../test/helpers/masteringSignals';

const SR = 48000;

/**
 * User CPU time of this process, ms. Used instead of the wall clock: on the shared 2-core machine
 * (load 15–25 while this was written) wall-clock runs of the same code swung by ±20 %, CPU time
 * by a few per cent.
 */
function cpuMs(): number {
  return process.cpuUsage().user / 1000;
}
const SECONDS = 60;
const BLOCK = 1024;

type Stereo = { left: Float32Array; right: Float32Array };

interface Subject {
  root: string;
  timeMeter: (signal: Stereo) => number;
  timeLimiter: (signal: Stereo, inputGain: number, bandLimit: boolean) => number;
}

async function subject(root: string): Promise<Subject> {
  const load = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(root, p)).href);
  const { LoudnessMeter } = (await load('dsp/loudness/meter.ts')) as {
    LoudnessMeter: new (sr: number, ch: number) => { push(l: Float32Array, r: Float32Array, n: number): void; result(): unknown };
  };
  const { limiterNode } = (await load('nodes/limiter/index.ts')) as {
    limiterNode: { createKernel: (c: unknown, p: unknown) => { process(io: unknown): void } };
  };
  const { resolveParams } = (await load('graph/catalog.ts')) as { resolveParams: (n: unknown, p: unknown) => unknown };
  const timeMeterOn = (l: Float32Array, r: Float32Array): number => {
    const frames = l.length;
    const meter = new LoudnessMeter(SR, 2);
    const t0 = cpuMs();
    for (let s = 0; s < frames; s += BLOCK) {
      const n = Math.min(BLOCK, frames - s);
      meter.push(l.subarray(s, s + n), r.subarray(s, s + n), n);
    }
    meter.result();
    return cpuMs() - t0;
  };
  const hasBandLimit = JSON.stringify(limiterNode).includes('bandLimit');
  return {
    root,
    timeMeter: (signal) => timeMeterOn(signal.left, signal.right),
    timeLimiter: ({ left, right }, inputGain, bandLimit) => {
      const frames = left.length;
      const ctx = { sampleRate: SR, maxBlockSize: BLOCK, getClip: () => undefined };
      const params = hasBandLimit ? { ceiling: -1, inputGain, bandLimit } : { ceiling: -1, inputGain };
      const kernel = limiterNode.createKernel(ctx, resolveParams(limiterNode, params));
      const out = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
      const t0 = cpuMs();
      for (let s = 0; s < frames; s += BLOCK) {
        const n = Math.min(BLOCK, frames - s);
        const block = { left: left.subarray(s, s + n), right: right.subarray(s, s + n) };
        kernel.process({ inputs: [block], inputConnected: [true], outputs: [out], frames: n });
      }
      return cpuMs() - t0;
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
  const demo = await demoMaster(path.join(import.meta.dirname, '../src'), frames);
  const subjects = await Promise.all(roots.map((r) => subject(r)));
  const pink = { left, right };
  // Rows: what is measured, and how. Runs interleaved (every subject once per round) so machine
  // load hits all alike; median of 5.
  const rows: [string, (s: Subject) => number][] = [
    ['loudness meter, pink noise', (s) => s.timeMeter(pink)],
    ['loudness meter, music-like', (s) => s.timeMeter(music)],
    ['loudness meter, demo-mix master', (s) => s.timeMeter(demo)],
    ['limiter, pink noise +14 dB, bandLimit on', (s) => s.timeLimiter(pink, 14, true)],
    ['limiter, pink noise +14 dB, bandLimit off', (s) => s.timeLimiter(pink, 14, false)],
    ['limiter, demo-mix master +6 dB, bandLimit on', (s) => s.timeLimiter(demo, 6, true)],
    ['limiter, demo-mix master +6 dB, bandLimit off', (s) => s.timeLimiter(demo, 6, false)],
  ];
  const times = rows.map(() => subjects.map(() => [] as number[]));
  for (let round = 0; round < 5; round++) {
    rows.forEach(([, run], r) => subjects.forEach((s, i) => times[r][i].push(run(s))));
  }
  const median = (t: number[]): number => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
  subjects.forEach((s, i) => console.log(`source ${i + 1}: ${s.root}`));
  rows.forEach(([name], r) => {
    const cells = subjects.map((_, i) => `${((SECONDS * 1000) / median(times[r][i])).toFixed(0)}×`);
    const ratio = subjects.length === 2 ? `   time ratio 2/1: ${(median(times[r][1]) / median(times[r][0])).toFixed(2)}` : '';
    console.log(`  ${name.padEnd(48)} ${cells.join('  →  ')} realtime${ratio}`);
  });
}

/** The demo mix's master, `frames` long, rendered once by this checkout's engine. */
async function demoMaster(root: string, frames: number): Promise<Stereo> {
  const load = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(root, p)).href);
  const { findBuiltInPreset } = (await load('runtime/presets.ts')) as { findBuiltInPreset: (n: string) => { document: unknown } };
  const { parseDocument } = (await load('runtime/document.ts')) as { parseDocument: (d: unknown) => { ok: boolean; graph: unknown } };
  const { renderGraph } = (await load('runtime/render.ts')) as {
    renderGraph: (g: unknown, r: unknown, sink: (l: Float32Array, r: Float32Array, n: number) => void) => Promise<unknown>;
  };
  const parsed = parseDocument(findBuiltInPreset('demo-mix').document);
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  let at = 0;
  await renderGraph(parsed.graph, { sampleRate: SR, seconds: frames / SR }, (l, r, n) => {
    const take = Math.min(n, frames - at);
    out.left.set(l.subarray(0, take), at);
    out.right.set(r.subarray(0, take), at);
    at += take;
  });
  return out;
}

void main();
