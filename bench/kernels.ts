/**
 * Section `kernels`: each node type's kernel alone, in process, on stereo pink noise — how many
 * times faster than realtime its `process` runs, block by block (1024 frames) as the engine calls
 * it. Params are the chain's where the type is in the chain, else a setting that makes the kernel
 * work (a flat EQ or a centred pan could skip its arithmetic). Sources play the pink noise as a
 * bound clip; `tone` makes its own pink noise.
 *
 * Exported as {@link benchKernels} so the speed work can call it alone.
 */
import { resolveParams } from '../src/graph/catalog';
import type { ParamValue } from '../src/graph/types';
import { nodeDefinitions } from '../src/nodes/registry';
import type { KernelContext, StereoBlock } from '../src/nodes/types';
import { chainGraph } from './chainSettings';
import { pinkClip } from './pinkClip';
import { median } from './stats';

/** One kernel's speed. */
export interface KernelSpeed {
  type: string;
  /** Audio seconds processed per wall second. */
  realtime: number;
  /** Wall seconds (median of the runs). */
  seconds: number;
}

const RATE = 48000;
const BLOCK = 1024;

/** Params per node type: the chain's node of that type, or these. Unlisted types use defaults. */
function benchParams(): Record<string, Record<string, ParamValue>> {
  const params: Record<string, Record<string, ParamValue>> = {
    source: { clip: 'file:pink' },
    tone: { wave: 'pink' },
    gain: { gain: -3 },
    pan: { pan: 0.3 },
    width: { width: 1.5 },
    bus: { gain: -3 },
    output: { gain: -1 },
  };
  for (const node of chainGraph().nodes) if (node.type !== 'source' && node.type !== 'output') params[node.type] = { ...node.params };
  return params;
}

/**
 * Times every registered kernel on `seconds` of stereo 48 kHz pink noise; median of `runs`
 * (each after one untimed pass that warms the JIT).
 */
export function benchKernels(options: { seconds: number; runs: number }): KernelSpeed[] {
  const frames = Math.round(options.seconds * RATE);
  const pink = pinkClip(frames, 1);
  const ctx: KernelContext = { sampleRate: RATE, maxBlockSize: BLOCK, getClip: (name) => (name === 'pink' ? pink : undefined) };
  const silence: StereoBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const output: StereoBlock = { left: new Float32Array(BLOCK), right: new Float32Array(BLOCK) };
  const allParams = benchParams();
  // Views into the noise, made once: the timed loop neither copies nor allocates.
  const blocks: StereoBlock[] = [];
  for (let done = 0; done < frames; done += BLOCK) {
    const end = Math.min(frames, done + BLOCK);
    blocks.push({ left: pink.left.subarray(done, end), right: pink.right.subarray(done, end) });
  }
  const speeds: KernelSpeed[] = [];
  for (const def of nodeDefinitions) {
    const kernel = def.createKernel(ctx, resolveParams(def, allParams[def.type] ?? {}));
    const inputs = def.inputs.map((_, i) => (i === 0 ? blocks[0] : silence));
    const io = { inputs, inputConnected: def.inputs.map((_, i) => i === 0), outputs: def.outputs.map(() => output), frames: BLOCK };
    const pass = (): number => {
      kernel.reset();
      const t0 = performance.now();
      for (const block of blocks) {
        if (inputs.length > 0) inputs[0] = block;
        io.frames = block.left.length;
        kernel.process(io);
      }
      return (performance.now() - t0) / 1000;
    };
    pass();
    const times = Array.from({ length: options.runs }, pass);
    const seconds = median(times);
    speeds.push({ type: def.type, realtime: options.seconds / seconds, seconds });
  }
  return speeds;
}
