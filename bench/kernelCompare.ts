/**
 * Speed of each node kernel on its own, in × realtime, on 60 s of stereo 48 kHz pink noise
 * (1024-frame blocks, the offline engine's default) — and, with `--ref DIR`, the same kernels of
 * another checkout (e.g. a clone of `main`) timed in this same process, with a byte-for-byte
 * comparison of their output.
 *
 *   node --import tsx bench/kernelCompare.ts [--ref /tmp/main-clone] [--seconds 60] [--runs 5] [--only reverb]
 *
 * Every case is timed `runs` times after one short warm-up; each block's fastest time over the runs is
 * summed (on a shared machine some run got through each block undisturbed). The ratio
 * column (ours / ref) is the number to read: both sides ran on the same machine, in the same
 * process, interleaved, so the machine's load cancels out. Cases with a mid-render param change
 * exercise the live retune paths (crossfades), which the presets never reach.
 * Exit code 1 when any case's output differs from the reference (that is what `--ref` checks).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Case {
  name: string;
  type: string;
  params: Record<string, unknown>;
  /** Params applied (merged over `params`) at this second of the render, to drive live paths. */
  change?: { atSeconds: number; params: Record<string, unknown> };
  /** Feed the sidechain port (index 1) with a second, different noise. */
  sidechain?: boolean;
  /** false: our reverb or compressor without WebAssembly (its TypeScript loops), to time both in one run. */
  wasm?: false;
  /** Further kernels in series after the first (a chain), each fed by the previous one's output. */
  then?: { type: string; params: Record<string, unknown> }[];
  /**
   * Not a node: the BS.1770 loudness meter (`LoudnessMeter`, as the render's closing report runs
   * it) pushed the same blocks; its output is every reading after each second, compared bit for bit.
   */
  meter?: true;
}

const CASES: Case[] = [
  {
    name: 'chain: 3 peaking EQs → compressor → reverb → limiter',
    type: 'eq',
    params: { p1Gain: 3, p2Gain: -4, p3Gain: 2 },
    then: [
      { type: 'compressor', params: { threshold: -24 } },
      { type: 'reverb', params: {} },
      { type: 'limiter', params: {} },
    ],
  },
  { name: 'reverb (defaults)', type: 'reverb', params: {} },
  { name: 'reverb (defaults, TypeScript loops)', type: 'reverb', params: {}, wasm: false },
  { name: 'reverb (no damping, size 1)', type: 'reverb', params: { damping: 20000, size: 1, decay: 4 } },
  {
    name: 'reverb (live size + predelay change)',
    type: 'reverb',
    params: {},
    change: { atSeconds: 1, params: { size: 0.2, predelay: 80, decay: 1, mix: 0.6 } },
  },
  { name: 'eq (3 peaking bands)', type: 'eq', params: { p1Gain: 3, p2Gain: -4, p3Gain: 2 } },
  {
    name: 'eq (hp24 + shelves + lp24)',
    type: 'eq',
    params: { hpOn: true, hpSlope: 24, lsGain: 2, hsGain: -3, lpOn: true, lpSlope: 24 },
  },
  { name: 'eq (flat)', type: 'eq', params: {} },
  { name: 'compressor (peak, linked)', type: 'compressor', params: { threshold: -30 } },
  { name: 'compressor (rms, linked)', type: 'compressor', params: { threshold: -30, detector: 'rms' } },
  { name: 'compressor (peak, unlinked)', type: 'compressor', params: { threshold: -30, link: false } },
  { name: 'compressor (peak, linked, TypeScript passes)', type: 'compressor', params: { threshold: -30 }, wasm: false },
  { name: 'compressor (rms, unlinked, TypeScript passes)', type: 'compressor', params: { threshold: -30, detector: 'rms', link: false }, wasm: false },
  { name: 'compressor (rms, unlinked)', type: 'compressor', params: { threshold: -30, detector: 'rms', link: false } },
  { name: 'compressor (sidechain, mix 0.5)', type: 'compressor', params: { threshold: -30, mix: 0.5 }, sidechain: true },
  { name: 'delay (defaults)', type: 'delay', params: {} },
  { name: 'delay (fractional 12.345 ms)', type: 'delay', params: { time: 12.345, feedback: 0.7 } },
  { name: 'delay (tone 3 kHz, pingpong)', type: 'delay', params: { tone: 3000, pingpong: true, feedback: 0.6 } },
  {
    name: 'delay (live time change)',
    type: 'delay',
    params: { tone: 3000 },
    change: { atSeconds: 1, params: { time: 400, feedback: 0.5 } },
  },
  { name: 'gain (-3 dB)', type: 'gain', params: { gain: -3 } },
  { name: 'gain (live ramp)', type: 'gain', params: { gain: -3 }, change: { atSeconds: 1, params: { gain: 6 } } },
  { name: 'pan (0.3)', type: 'pan', params: { pan: 0.3 } },
  { name: 'width (1.5)', type: 'width', params: { width: 1.5 } },
  { name: 'tone (pink)', type: 'tone', params: { wave: 'pink' } },
  { name: 'tone (sine)', type: 'tone', params: { wave: 'sine' } },
  { name: 'tone (sweep)', type: 'tone', params: { wave: 'sweep' } },
  { name: 'source (demo:drums)', type: 'source', params: { clip: 'demo:drums' } },
  { name: 'limiter (defaults)', type: 'limiter', params: {} },
  { name: 'limiter (+12 dB, as in the chain)', type: 'limiter', params: { inputGain: 12, ceiling: -1, release: 60, lookahead: 5 } },
  { name: 'limiter (+12 dB, bandLimit off)', type: 'limiter', params: { inputGain: 12, ceiling: -1, bandLimit: false } },
  { name: 'loudness meter (the render report)', type: 'meter', params: {}, meter: true },
];

interface Tree {
  label: string;
  /** Switches the reverb's WebAssembly path (absent in checkouts without one). */
  setReverbWasmEnabled?: (enabled: boolean) => void;
  getNodeDefinition: (type: string) => any;
  resolveParams: (spec: any, params: Record<string, unknown>) => any;
  LoudnessMeter: any;
}

async function loadTree(root: string, label: string): Promise<Tree> {
  const url = (p: string) => pathToFileURL(resolve(root, p)).href;
  const registry = await import(url('src/nodes/registry.ts'));
  const catalog = await import(url('src/graph/catalog.ts'));
  let setReverbWasmEnabled: Tree['setReverbWasmEnabled'];
  try {
    setReverbWasmEnabled = (await import(url('src/dsp/wasm/reverbWasm.ts'))).setReverbWasmEnabled;
  } catch {
    setReverbWasmEnabled = undefined;
  }
  try {
    // A checkout with the compressor in WebAssembly: `wasm: false` switches both off.
    const setCompressorWasmEnabled = (await import(url('src/dsp/wasm/compressorWasm.ts'))).setCompressorWasmEnabled as (on: boolean) => void;
    const setReverb = setReverbWasmEnabled;
    setReverbWasmEnabled = (on: boolean) => {
      setReverb?.(on);
      setCompressorWasmEnabled(on);
    };
  } catch {
    // an older checkout: only the reverb has a switch
  }
  const { LoudnessMeter } = await import(url('src/dsp/loudness/meter.ts'));
  return { label, getNodeDefinition: registry.getNodeDefinition, resolveParams: catalog.resolveParams, setReverbWasmEnabled, LoudnessMeter };
}

/** Stereo pink noise about −14 dBFS RMS: white from an LCG through Kellett's "economy" pink filter. */
function pinkNoise(frames: number, seed: number): { left: Float32Array; right: Float32Array } {
  const out = { left: new Float32Array(frames), right: new Float32Array(frames) };
  let s = seed >>> 0;
  for (const ch of [out.left, out.right]) {
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let i = 0; i < frames; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const w = s / 2147483648 - 1;
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      ch[i] = 0.11 * (b0 + b1 + b2 + w * 0.1848);
    }
  }
  return out;
}

const BLOCK = 1024;
const RATE = 48000;

/** Runs one case through one tree; returns each block's seconds of wall time and, if asked, the output. */
function runCase(
  tree: Tree,
  c: Case,
  input: { left: Float32Array; right: Float32Array },
  key: { left: Float32Array; right: Float32Array },
  frames: number,
  keep: boolean,
): { blockSeconds: Float64Array; left?: Float32Array; right?: Float32Array } {
  if (c.meter) return runMeter(tree, input, frames, keep);
  const def = tree.getNodeDefinition(c.type);
  const ctx = { sampleRate: RATE, maxBlockSize: BLOCK, getClip: () => undefined };
  if (c.wasm === false) tree.setReverbWasmEnabled?.(false);
  const kernel = def.createKernel(ctx, tree.resolveParams(def, c.params));
  tree.setReverbWasmEnabled?.(true);
  const changed = c.change ? tree.resolveParams(def, { ...c.params, ...c.change.params }) : undefined;
  const changeAt = c.change ? Math.round(c.change.atSeconds * RATE) : -1;
  const inBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const keyBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const outBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const inputs = def.inputs.length === 0 ? [] : def.inputs.length === 1 ? [inBlock] : [inBlock, keyBlock];
  const connected = inputs.map((_: unknown, i: number) => i === 0 || c.sidechain === true);
  const io = { inputs, inputConnected: connected, outputs: [outBlock], frames: BLOCK };
  // A chain: each further kernel reads the previous one's output block.
  const stages: { kernel: any; io: any }[] = [];
  let last = outBlock;
  for (const next of c.then ?? []) {
    const d = tree.getNodeDefinition(next.type);
    const block = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
    const ins = d.inputs.length === 1 ? [last] : [last, keyBlock];
    stages.push({
      kernel: d.createKernel(ctx, tree.resolveParams(d, next.params)),
      io: { inputs: ins, inputConnected: ins.map((_: unknown, i: number) => i === 0), outputs: [block], frames: BLOCK },
    });
    last = block;
  }
  const left = keep ? new Float32Array(frames) : undefined;
  const right = keep ? new Float32Array(frames) : undefined;
  const blockSeconds = new Float64Array(Math.ceil(frames / BLOCK));
  for (let done = 0; done < frames; done += BLOCK) {
    const n = Math.min(BLOCK, frames - done);
    if (changed && done <= changeAt && changeAt < done + n) kernel.setParams(changed);
    inBlock.left.set(input.left.subarray(done, done + n));
    inBlock.right.set(input.right.subarray(done, done + n));
    keyBlock.left.set(key.left.subarray(done, done + n));
    keyBlock.right.set(key.right.subarray(done, done + n));
    io.frames = n;
    const t0 = performance.now();
    kernel.process(io);
    for (const stage of stages) {
      stage.io.frames = n;
      stage.kernel.process(stage.io);
    }
    blockSeconds[done / BLOCK] = (performance.now() - t0) / 1000;
    if (left && right) {
      left.set(last.left.subarray(0, n), done);
      right.set(last.right.subarray(0, n), done);
    }
  }
  return { blockSeconds, left, right };
}

/** The meter case: the same blocks pushed into the tree's `LoudnessMeter`; the readings as bytes. */
function runMeter(
  tree: Tree,
  input: { left: Float32Array; right: Float32Array },
  frames: number,
  keep: boolean,
): { blockSeconds: Float64Array; left?: Float32Array; right?: Float32Array } {
  const meter = new tree.LoudnessMeter(RATE, 2);
  const blockSeconds = new Float64Array(Math.ceil(frames / BLOCK));
  const readings: number[] = [];
  for (let done = 0; done < frames; done += BLOCK) {
    const n = Math.min(BLOCK, frames - done);
    const t0 = performance.now();
    meter.push(input.left.subarray(done, done + n), input.right.subarray(done, done + n), n);
    blockSeconds[done / BLOCK] = (performance.now() - t0) / 1000;
    if (keep && Math.floor((done + n) / RATE) > Math.floor(done / RATE)) {
      readings.push(...Object.values(meter.result() as Record<string, number | null>).map((v) => v ?? NaN));
    }
  }
  if (!keep) return { blockSeconds };
  const bytes = new Float64Array(readings).buffer;
  return { blockSeconds, left: new Float32Array(bytes), right: new Float32Array(0) };
}

function digest(left: Float32Array, right: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(left.buffer, left.byteOffset, left.byteLength))
    .update(new Uint8Array(right.buffer, right.byteOffset, right.byteLength))
    .digest('hex')
    .slice(0, 12);
}

/**
 * The time of a render when nothing disturbed it: for each block, the fastest of the runs, summed.
 * On a loaded machine nearly every whole run is preempted somewhere; block by block, some run was
 * not, so this is far steadier than the fastest whole run (and never slower than it).
 */
function fastest(runs: Float64Array[]): number {
  let total = 0;
  for (let b = 0; b < runs[0].length; b++) {
    let best = Infinity;
    for (const run of runs) best = Math.min(best, run[b]);
    total += best;
  }
  return total;
}

/** Largest |a − b| relative to the reference's peak, in dB (−Infinity when identical). */
function residualDb(a: Float32Array, b: Float32Array): number {
  let peak = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    peak = Math.max(peak, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return 20 * Math.log10(diff / peak);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(option('--seconds') ?? 60);
  const runs = Math.max(1, Number(option('--runs') ?? 5));
  const only = option('--only');
  const refRoot = option('--ref');
  const ours = await loadTree(resolve(import.meta.dirname, '..'), 'ours');
  const ref = refRoot ? await loadTree(refRoot, 'ref') : undefined;
  const frames = Math.round(seconds * RATE);
  const input = pinkNoise(frames, 1);
  const key = pinkNoise(frames, 2);
  const warm = pinkNoise(RATE * 2, 3);
  const warmKey = pinkNoise(RATE * 2, 4);
  let mismatches = 0;

  console.log(`kernels on ${seconds} s of stereo ${RATE} Hz pink noise, blocks of ${BLOCK}, per block the fastest of ${runs} runs`);
  console.log(
    ref
      ? '| kernel | ref ×realtime | ours ×realtime | ours/ref | output |\n| --- | ---: | ---: | ---: | --- |'
      : '| kernel | ×realtime |\n| --- | ---: |',
  );
  for (const c of CASES) {
    if (only && !c.name.includes(only)) continue;
    const trees = ref ? [ref, ours] : [ours];
    for (const t of trees) runCase(t, c, warm, warmKey, warm.left.length, false);
    const times = new Map<Tree, Float64Array[]>(trees.map((t) => [t, []]));
    const outputs = new Map<Tree, { left: Float32Array; right: Float32Array }>();
    for (let r = 0; r < runs; r++) {
      for (const t of trees) {
        const res = runCase(t, c, input, key, frames, r === 0);
        times.get(t)!.push(res.blockSeconds);
        if (res.left && res.right) outputs.set(t, { left: res.left, right: res.right });
      }
    }
    const speed = (t: Tree) => seconds / fastest(times.get(t)!);
    if (!ref) {
      console.log(`| ${c.name} | ${speed(ours).toFixed(0)} |`);
      continue;
    }
    const a = outputs.get(ours)!;
    const b = outputs.get(ref)!;
    const same = digest(a.left, a.right) === digest(b.left, b.right);
    let verdict = `identical (${digest(a.left, a.right)})`;
    if (!same) {
      mismatches++;
      const res = Math.max(residualDb(a.left, b.left), residualDb(a.right, b.right));
      verdict = `DIFFERS: residual ${res.toFixed(1)} dB`;
    }
    console.log(
      `| ${c.name} | ${speed(ref).toFixed(0)} | ${speed(ours).toFixed(0)} | ${(speed(ours) / speed(ref)).toFixed(2)} | ${verdict} |`,
    );
  }
  if (mismatches > 0) {
    console.error(`${mismatches} case(s) differ from the reference`);
    process.exitCode = 1;
  }
}

await main();
