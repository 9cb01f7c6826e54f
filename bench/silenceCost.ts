/**
 * Part of section `kernels`: the cost of silence. A feedback loop or a release that decays towards
 * zero for ever passes through subnormal numbers, which cost some CPUs a hundred times a normal
 * operation; so a kernel fed silence after loud material must not run much slower than on noise.
 * The tests check what is observable without a clock (no subnormal output, the meters reach exact
 * zero); the speed itself is measured here, as a ratio of two runs in the same process.
 */
import { resolveParams } from '../src/graph/catalog';
import type { ParamValue } from '../src/graph/types';
import { nodeDefinitions } from '../src/nodes/registry';
import type { KernelContext, StereoBlock } from '../src/nodes/types';
import { pinkClip } from './pinkClip';
import { median } from './stats';
import type { Row } from './types';

const RATE = 48000;
const BLOCK = 1024;

/** The kernels with a decaying state, set so the tail lasts (long feedback, long release). */
const CASES: Array<{ type: string; params: Record<string, ParamValue> }> = [
  { type: 'delay', params: { time: 250, feedback: 0.6, mix: 1, tone: 3000 } },
  { type: 'reverb', params: { decay: 1.8, mix: 1 } },
  { type: 'compressor', params: { threshold: -40, ratio: 8, detector: 'rms', release: 2000, makeup: 12 } },
  { type: 'limiter', params: { ceiling: -1, inputGain: 12, release: 1000 } },
];

/**
 * For each case: seconds of one pass over `seconds` of silence that follows 1 s of loud pink noise,
 * divided by one pass over `seconds` of the noise itself (median of `runs`, each after a warm-up).
 */
export function silenceCostRows(options: { seconds: number; runs: number }): Row[] {
  const frames = Math.round(options.seconds * RATE);
  const loud = pinkClip(frames, 5);
  for (const ch of [loud.left, loud.right]) for (let i = 0; i < frames; i++) ch[i] *= 4; // ≈ −2 dBFS RMS
  const quiet: StereoBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const output: StereoBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const ctx: KernelContext = { sampleRate: RATE, maxBlockSize: BLOCK, getClip: () => undefined };
  const rows: Row[] = [];
  for (const { type, params } of CASES) {
    const def = nodeDefinitions.find((d) => d.type === type);
    if (!def) throw new Error(`bench: no node type ${type}`);
    const kernel = def.createKernel(ctx, resolveParams(def, params));
    const inputs: StereoBlock[] = def.inputs.map(() => quiet);
    const io = { inputs, inputConnected: def.inputs.map((_, i) => i === 0), outputs: [output], frames: BLOCK };
    const blockOfLoud = (start: number): StereoBlock => ({ left: loud.left.subarray(start, start + BLOCK), right: loud.right.subarray(start, start + BLOCK) });
    const loudBlocks = Array.from({ length: Math.floor(frames / BLOCK) }, (_, b) => blockOfLoud(b * BLOCK));
    const primeBlocks = loudBlocks.slice(0, Math.ceil(RATE / BLOCK));
    /** Seconds for one pass of `timed` after `prime` (untimed) from a reset kernel. */
    const pass = (timed: 'noise' | 'silence'): number => {
      kernel.reset();
      for (const b of primeBlocks) { inputs[0] = b; kernel.process(io); }
      const t0 = performance.now();
      if (timed === 'noise') for (const b of loudBlocks) { inputs[0] = b; kernel.process(io); }
      else { inputs[0] = quiet; for (let b = 0; b < loudBlocks.length; b++) kernel.process(io); }
      return (performance.now() - t0) / 1000;
    };
    pass('noise');
    pass('silence');
    const noise: number[] = [];
    const silent: number[] = [];
    for (let r = 0; r < options.runs; r++) { noise.push(pass('noise')); silent.push(pass('silence')); }
    const ratio = median(silent) / median(noise);
    rows.push({
      section: 'kernels',
      name: `${type}: silence after loud / noise`,
      value: ratio,
      unit: 'ratio',
      target: { op: '<=', limit: 3 },
      detail: `${median(silent).toFixed(3)} s / ${median(noise).toFixed(3)} s for ${options.seconds} s`,
    });
  }
  return rows;
}
