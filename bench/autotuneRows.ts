/**
 * Rows for the autotune node (issue 15): its kernel alone, in process, tuning one stereo voice at
 * 48 kHz — the demo stem `vocals-offkey` (a sung line with breaths, so detection, voicing and the
 * PSOLA shifter all work) — in 1024-frame blocks as the engine calls it, hard tune to A minor.
 * Target: ≥ 50× realtime. Median of the runs, each after one untimed pass that warms the JIT.
 *
 * Wired into the `kernels` section by `withAutotuneRows` (bench/run.ts).
 */
import { resolveParams } from '../src/graph/catalog';
import { autotuneNode } from '../src/nodes/autotune';
import { getDemoStem } from '../src/nodes/source/demo';
import type { StereoBlock } from '../src/nodes/types';
import type { BenchOptions } from './options';
import { median, spread } from './stats';
import type { Row, SectionResult } from './types';

const RATE = 48000;
const BLOCK = 1024;

/** Times the autotune kernel on `seconds` of the off-key vocal (looped); returns ×realtime per run. */
export function benchAutotune(options: { seconds: number; runs: number }): number[] {
  const stem = getDemoStem('vocals-offkey', RATE);
  const frames = Math.round(options.seconds * RATE);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i += stem.left.length) {
    left.set(stem.left.subarray(0, Math.min(stem.left.length, frames - i)), i);
    right.set(stem.right.subarray(0, Math.min(stem.right.length, frames - i)), i);
  }
  const blocks: StereoBlock[] = [];
  for (let done = 0; done < frames; done += BLOCK) {
    const end = Math.min(frames, done + BLOCK);
    blocks.push({ left: left.subarray(done, end), right: right.subarray(done, end) });
  }
  const output: StereoBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const kernel = autotuneNode.createKernel(
    { sampleRate: RATE, maxBlockSize: BLOCK, getClip: () => undefined },
    resolveParams(autotuneNode, { key: 'A', scale: 'minor', speed: 0 }),
  );
  const io = { inputs: [blocks[0]], inputConnected: [true], outputs: [output], frames: BLOCK };
  const pass = (): number => {
    kernel.reset();
    const t0 = performance.now();
    for (const block of blocks) {
      io.inputs[0] = block;
      io.frames = block.left.length;
      kernel.process(io);
    }
    return options.seconds / ((performance.now() - t0) / 1000);
  };
  pass();
  return Array.from({ length: options.runs }, pass);
}

/** The autotune row: 60 s of voice (20 s with --quick), median of 3 runs (1). */
export function autotuneRows(options: BenchOptions): SectionResult {
  const seconds = options.quick ? 20 : 60;
  const runs = options.quick ? 1 : 3;
  const speeds = benchAutotune({ seconds, runs });
  const row: Row = {
    section: 'kernels',
    name: 'autotune kernel, one stereo voice (vocals-offkey, hard tune)',
    value: median(speeds),
    unit: '×realtime',
    target: { op: '>=', limit: 50 },
    detail: `runs ${spread(speeds, 0)}×`,
  };
  return {
    rows: [row],
    commands: [{ section: 'kernels', label: 'autotune', command: `in process: benchAutotune({ seconds: ${seconds}, runs: ${runs} }) (bench/autotuneRows.ts)` }],
  };
}

/** `result` (a section's rows) with the autotune row appended. */
export function withAutotuneRows(result: SectionResult, options: BenchOptions): SectionResult {
  const extra = autotuneRows(options);
  return { rows: [...result.rows, ...extra.rows], commands: [...result.commands, ...extra.commands] };
}
