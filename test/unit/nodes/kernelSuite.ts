/**
 * The shared kernel suite every node type runs before its own tests (after Tone.js's
 * `EffectTests`: first the things every node must do, then what makes each node itself), plus the
 * small harness node tests use to push whole arrays through a kernel block by block.
 *
 * What the suite checks (DESIGN.md "Signal semantics"):
 *  - the declared ports (ids unique, labels present, the expected ids when given);
 *  - block-size independence: blocks of 128, 4096 and 1000 frames give bitwise-identical output;
 *  - no NaN/Inf for silence, DC, full-scale noise and denormal-level input;
 *  - denormals flushed: after denormal input or a decaying signal, a tail of silence produces
 *    exact zeros or normal float32 numbers, never subnormals;
 *  - silence in → silence out (except generators, which have no inputs);
 *  - `latencySamples` is a non-negative integer;
 *  - `reset()` restores the initial state (same output as a fresh kernel).
 *
 * Params: the defaults, every param at its minimum, every param at its maximum, and a few seeded
 * random sets within the ranges (log-uniform on log-scaled params).
 */
import { describe, expect, it } from 'vitest';
import { resolveParams, type ParamSpec, type ResolvedParams } from '../../../src/graph/catalog';
import type { ParamValue } from '../../../src/graph/types';
import type { ClipAudio, Kernel, KernelContext, NodeDefinition, StereoBlock } from '../../../src/nodes/types';

/** A whole stereo signal (any length). */
export interface StereoAudio {
  left: Float32Array;
  right: Float32Array;
}

export interface RenderOptions {
  /** Frames per `process` call (the last block may be shorter). */
  blockSize: number;
  /** Total frames to render. */
  frames: number;
  /** Hz; 48000 when omitted. */
  sampleRate?: number;
  /** `file:<name>` clips the kernel may look up, by name. */
  clips?: Readonly<Record<string, ClipAudio>>;
}

export const DEFAULT_SAMPLE_RATE = 48000;

/** Smallest positive normal float32, 2^−126; anything non-zero below it in magnitude is subnormal. */
export const FLOAT32_MIN_NORMAL = 2 ** -126;

/** A stereo signal of `frames` zeros. */
export function silence(frames: number): StereoAudio {
  return { left: new Float32Array(frames), right: new Float32Array(frames) };
}

/** A stereo signal whose channels are copies of one mono array (how a mono clip arrives). */
export function dualMono(mono: Float32Array): StereoAudio {
  return { left: Float32Array.from(mono), right: Float32Array.from(mono) };
}

/** The context the harness hands to `createKernel`. */
export function testContext(
  sampleRate: number,
  maxBlockSize: number,
  clips: Readonly<Record<string, ClipAudio>> = {},
): KernelContext {
  return {
    sampleRate,
    maxBlockSize,
    getClip: (name) => (Object.prototype.hasOwnProperty.call(clips, name) ? clips[name] : undefined),
  };
}

/**
 * Number of output blocks the engine hands a kernel: one per output port, and for a node without
 * output ports (the `output` master) the one master block it writes into.
 */
export function outputBlockCount(def: NodeDefinition): number {
  return Math.max(def.outputs.length, 1);
}

/**
 * Renders `frames` of a fresh kernel of `def` with `params` (missing keys take their defaults).
 * @param inputs one whole signal per input port, in port order; a missing entry is an
 *   unconnected port (silence, `inputConnected` false).
 * @returns one whole signal per output block (see `outputBlockCount`).
 */
export function renderKernel(
  def: NodeDefinition,
  params: Readonly<Record<string, ParamValue>>,
  inputs: readonly (StereoAudio | undefined)[],
  options: RenderOptions,
): StereoAudio[] {
  const kernel = createTestKernel(def, params, options);
  return runKernel(kernel, def, inputs, options);
}

/** A kernel of `def` built the way the engine builds it (params resolved, context sized). */
export function createTestKernel(
  def: NodeDefinition,
  params: Readonly<Record<string, ParamValue>>,
  options: RenderOptions,
): Kernel {
  const ctx = testContext(options.sampleRate ?? DEFAULT_SAMPLE_RATE, options.blockSize, options.clips);
  return def.createKernel(ctx, resolveParams(def, params));
}

/**
 * Runs an existing kernel over whole signals in blocks of `options.blockSize`, like the engine:
 * inputs are copied into engine-owned blocks, outputs are read back from engine-owned blocks.
 * To catch kernels that read past `frames` or leave samples unwritten, unused input samples and
 * every output sample are set to NaN before each call.
 */
export function runKernel(
  kernel: Kernel,
  def: NodeDefinition,
  inputs: readonly (StereoAudio | undefined)[],
  options: RenderOptions,
): StereoAudio[] {
  const { blockSize, frames } = options;
  const inputBlocks = def.inputs.map(() => stereoBlock(blockSize));
  const outputBlocks = Array.from({ length: outputBlockCount(def) }, () => stereoBlock(blockSize));
  const inputConnected = def.inputs.map((_, i) => inputs[i] !== undefined);
  const results = outputBlocks.map(() => silence(frames));
  for (let start = 0; start < frames; start += blockSize) {
    const n = Math.min(blockSize, frames - start);
    inputBlocks.forEach((block, port) => {
      const source = inputs[port];
      fillBlock(block.left, source?.left, start, n);
      fillBlock(block.right, source?.right, start, n);
    });
    for (const block of outputBlocks) {
      block.left.fill(Number.NaN);
      block.right.fill(Number.NaN);
    }
    kernel.process({ inputs: inputBlocks, inputConnected, outputs: outputBlocks, frames: n });
    outputBlocks.forEach((block, port) => {
      results[port].left.set(block.left.subarray(0, n), start);
      results[port].right.set(block.right.subarray(0, n), start);
    });
  }
  return results;
}

function stereoBlock(size: number): StereoBlock {
  return { left: new Float32Array(size), right: new Float32Array(size) };
}

function fillBlock(block: Float32Array, source: Float32Array | undefined, start: number, n: number): void {
  for (let i = 0; i < n; i++) block[i] = source ? source[start + i] : 0;
  block.fill(Number.NaN, n);
}

// ---------------------------------------------------------------------------------------------
// Test signals and params

/** Seeded uniform PRNG on [0, 1) (xorshift32), so every run of the suite sees the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/**
 * The suite's program material, different on each channel: noise + sines (60 Hz, 1 kHz, 13 kHz)
 * + a DC offset, then full-scale bursts (a ±1 square wave, full-scale noise, a step to +1), then a
 * short impulse, then silence for the last eighth so recursive state decays. Clamped to ±1.
 */
export function suiteSignal(frames: number, sampleRate: number, seed = 1): StereoAudio {
  const rand = seededRandom(seed);
  const out = silence(frames);
  const burstStart = Math.floor(frames * 0.5);
  const impulseAt = Math.floor(frames * 0.8);
  const silenceStart = Math.floor(frames * 0.875);
  const channels = [out.left, out.right];
  channels.forEach((x, ch) => {
    const dc = ch === 0 ? 0.1 : -0.05;
    for (let n = 0; n < frames; n++) {
      const t = n / sampleRate;
      let v: number;
      if (n < burstStart) {
        v =
          0.2 * (2 * rand() - 1) +
          0.25 * Math.sin(2 * Math.PI * 60 * t + ch) +
          0.2 * Math.sin(2 * Math.PI * 1000 * t) +
          0.1 * Math.sin(2 * Math.PI * 13000 * t + 2 * ch) +
          dc;
      } else if (n < impulseAt) {
        const phase = (n - burstStart) % 400;
        const third = Math.floor(((n - burstStart) * 3) / (impulseAt - burstStart));
        v = third === 0 ? (phase < 200 ? 1 : -1) : third === 1 ? 2 * rand() - 1 : 1;
      } else if (n === impulseAt + ch * 7) {
        v = ch === 0 ? 1 : -1;
      } else {
        v = 0;
      }
      x[n] = Math.max(-1, Math.min(1, v));
    }
  });
  return out;
}

/** A constant stereo signal. */
export function constantSignal(frames: number, value: number): StereoAudio {
  const out = silence(frames);
  out.left.fill(value);
  out.right.fill(value);
  return out;
}

/** Uniform noise in [−1, 1) on both channels (independent). */
export function fullScaleNoise(frames: number, seed = 7): StereoAudio {
  const rand = seededRandom(seed);
  const out = silence(frames);
  for (let n = 0; n < frames; n++) {
    out.left[n] = 2 * rand() - 1;
    out.right[n] = 2 * rand() - 1;
  }
  return out;
}

/**
 * Denormal-level input: ±1e−40 (a float32 subnormal) with random signs for the first half, then
 * silence. Any subnormal in the second half of the output is a failure to flush.
 */
export function denormalSignal(frames: number, seed = 11): StereoAudio {
  const rand = seededRandom(seed);
  const out = silence(frames);
  const half = Math.floor(frames / 2);
  for (let n = 0; n < half; n++) {
    out.left[n] = rand() < 0.5 ? 1e-40 : -1e-40;
    out.right[n] = rand() < 0.5 ? 1e-40 : -1e-40;
  }
  return out;
}

/** Value of one param in the "all at minimum" (`end` 0) or "all at maximum" (`end` 1) set. */
function extremeValue(spec: ParamSpec, end: 0 | 1): ParamValue {
  switch (spec.kind) {
    case 'number':
      return end === 0 ? spec.min : spec.max;
    case 'bool':
      return end === 1;
    case 'enum':
      return spec.options[end === 0 ? 0 : spec.options.length - 1];
    case 'string':
      return spec.default;
  }
}

function randomValue(spec: ParamSpec, rand: () => number): ParamValue {
  switch (spec.kind) {
    case 'number': {
      if (spec.scale === 'log' && spec.min > 0) {
        return spec.min * Math.pow(spec.max / spec.min, rand());
      }
      return spec.min + (spec.max - spec.min) * rand();
    }
    case 'bool':
      return rand() < 0.5;
    case 'enum':
      return spec.options[Math.min(spec.options.length - 1, Math.floor(rand() * spec.options.length))];
    case 'string':
      // Strings (clip references) have no range to draw from; the default is always valid.
      return spec.default;
  }
}

/** A named param set the suite renders with. */
export interface SuiteParamSet {
  name: string;
  params: ResolvedParams;
}

/** Defaults, all-minimum, all-maximum, then `randomCount` seeded random sets, plus `extra`. */
export function suiteParamSets(
  def: NodeDefinition,
  randomCount: number,
  extra: readonly Readonly<Record<string, ParamValue>>[] = [],
  seed = 12345,
): SuiteParamSet[] {
  const rand = seededRandom(seed);
  const fromEntries = (value: (p: ParamSpec) => ParamValue): ResolvedParams =>
    Object.fromEntries(def.params.map((p) => [p.key, value(p)]));
  const sets: SuiteParamSet[] = [
    { name: 'defaults', params: resolveParams(def, {}) },
    { name: 'all at minimum', params: fromEntries((p) => extremeValue(p, 0)) },
    { name: 'all at maximum', params: fromEntries((p) => extremeValue(p, 1)) },
  ];
  for (let i = 0; i < randomCount; i++) {
    sets.push({ name: `random #${i + 1}`, params: fromEntries((p) => randomValue(p, rand)) });
  }
  extra.forEach((params, i) => sets.push({ name: `extra #${i + 1}`, params: resolveParams(def, params) }));
  return sets;
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/** Index of the first sample whose float32 bits differ, or −1 when the arrays are identical. */
export function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return i;
  return -1;
}

/** Index of the first NaN/±Inf sample, or −1. */
export function firstNonFinite(x: Float32Array): number {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return i;
  return -1;
}

/** Index of the first subnormal float32 sample at or after `from`, or −1. */
export function firstSubnormal(x: Float32Array, from = 0): number {
  for (let i = from; i < x.length; i++) {
    const v = x[i];
    if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) return i;
  }
  return -1;
}

/** Index of the first non-zero sample, or −1. */
export function firstNonZero(x: Float32Array): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return i;
  return -1;
}

function problemAt(label: string, channel: string, index: number, x: Float32Array): string {
  return `${label}: ${channel}[${index}] = ${x[index]}`;
}

// ---------------------------------------------------------------------------------------------
// The checks. Each returns a list of human-readable problems (empty = pass), so the suite can be
// tested on purposely broken kernels (see allNodes.test.ts) as well as run on real ones.

export interface KernelSuiteOptions {
  /** Expected port ids, in order (checked against the definition). */
  ports?: { inputs: readonly string[]; outputs: readonly string[] };
  /** A generator makes sound without input; default: a node with no input ports. */
  generator?: boolean;
  /** Seeded random param sets besides defaults/min/max (default 3). */
  randomParamSets?: number;
  /** Extra param sets to run (partial; defaults fill the rest). */
  extraParams?: readonly Readonly<Record<string, ParamValue>>[];
  /** Frames of each test render (default 9000: not a multiple of any block size used). */
  frames?: number;
  /** Hz (default 48000). */
  sampleRate?: number;
  /** Clips for `file:` references. */
  clips?: Readonly<Record<string, ClipAudio>>;
}

/** The suite's options with defaults filled in, and the param sets it renders with. */
export interface SuiteSetup {
  def: NodeDefinition;
  frames: number;
  sampleRate: number;
  generator: boolean;
  paramSets: SuiteParamSet[];
  clips: Readonly<Record<string, ClipAudio>> | undefined;
  ports: KernelSuiteOptions['ports'];
}

export function suiteSetup(def: NodeDefinition, options: KernelSuiteOptions = {}): SuiteSetup {
  return {
    def,
    frames: options.frames ?? 9000,
    sampleRate: options.sampleRate ?? DEFAULT_SAMPLE_RATE,
    generator: options.generator ?? def.inputs.length === 0,
    paramSets: suiteParamSets(def, options.randomParamSets ?? 3, options.extraParams),
    clips: options.clips,
    ports: options.ports,
  };
}

export const SUITE_BLOCK_SIZES = [128, 4096, 1000] as const;
const CHANNELS = ['left', 'right'] as const;

function optionsFor(setup: SuiteSetup, blockSize: number, frames = setup.frames): RenderOptions {
  return { blockSize, frames, sampleRate: setup.sampleRate, clips: setup.clips };
}

/** The same whole signal on every input port (a generator gets none). */
function feed(setup: SuiteSetup, signal: StereoAudio): StereoAudio[] {
  return setup.def.inputs.map(() => signal);
}

/** Port ids unique, labels present, the expected ids when given, an input unless a generator. */
export function checkPorts(setup: SuiteSetup): string[] {
  const { def } = setup;
  const problems: string[] = [];
  for (const [side, ports] of [['input', def.inputs], ['output', def.outputs]] as const) {
    const ids = ports.map((p) => p.id);
    if (new Set(ids).size !== ids.length) problems.push(`duplicate ${side} port id in ${ids.join(', ')}`);
    for (const p of ports) if (p.label.trim() === '') problems.push(`${side} port "${p.id}" has no label`);
  }
  if (setup.ports) {
    const inputs = def.inputs.map((p) => p.id).join(',');
    const outputs = def.outputs.map((p) => p.id).join(',');
    if (inputs !== setup.ports.inputs.join(',')) problems.push(`inputs are [${inputs}], expected [${setup.ports.inputs.join(',')}]`);
    if (outputs !== setup.ports.outputs.join(',')) problems.push(`outputs are [${outputs}], expected [${setup.ports.outputs.join(',')}]`);
  }
  if (!setup.generator && def.inputs.length === 0) problems.push('a processing node needs an input port');
  return problems;
}

/** `latencySamples` is a non-negative integer, after creation and after `setParams`. */
export function checkLatency(setup: SuiteSetup): string[] {
  const problems: string[] = [];
  for (const set of setup.paramSets) {
    const kernel = createTestKernel(setup.def, set.params, optionsFor(setup, 128));
    const before = kernel.latencySamples;
    kernel.setParams(set.params);
    for (const latency of [before, kernel.latencySamples]) {
      if (!Number.isInteger(latency) || latency < 0) problems.push(`${set.name}: latencySamples = ${latency}`);
    }
  }
  return problems;
}

/** Blocks of 128, 4096 and 1000 frames give bitwise-identical output on the program signal. */
export function checkBlockSizeIndependence(setup: SuiteSetup): string[] {
  const problems: string[] = [];
  const signal = suiteSignal(setup.frames, setup.sampleRate);
  for (const set of setup.paramSets) {
    const renders = SUITE_BLOCK_SIZES.map((size) =>
      renderKernel(setup.def, set.params, feed(setup, signal), optionsFor(setup, size)),
    );
    for (let r = 1; r < renders.length; r++) {
      renders[0].forEach((reference, port) => {
        for (const channel of CHANNELS) {
          const other = renders[r][port][channel];
          const at = firstBitDifference(reference[channel], other);
          if (at >= 0) {
            problems.push(
              `${set.name}, output ${port} ${channel}[${at}]: ${reference[channel][at]} with blocks of ` +
                `${SUITE_BLOCK_SIZES[0]} but ${other[at]} with blocks of ${SUITE_BLOCK_SIZES[r]}`,
            );
          }
        }
      });
    }
  }
  return problems;
}

/** No NaN/Inf for silence, ±1 DC, full-scale noise, denormal-level input and the program. */
export function checkFiniteOutput(setup: SuiteSetup): string[] {
  const { frames } = setup;
  const problems: string[] = [];
  const signals: [string, StereoAudio][] = [
    ['silence', silence(frames)],
    ['DC at +1', constantSignal(frames, 1)],
    ['DC at -1', constantSignal(frames, -1)],
    ['full-scale noise', fullScaleNoise(frames)],
    ['denormal-level input', denormalSignal(frames)],
    ['program', suiteSignal(frames, setup.sampleRate)],
  ];
  for (const set of setup.paramSets) {
    for (const [name, signal] of signals) {
      const outputs = renderKernel(setup.def, set.params, feed(setup, signal), optionsFor(setup, 1000));
      outputs.forEach((out, port) => {
        for (const channel of CHANNELS) {
          const at = firstNonFinite(out[channel]);
          if (at >= 0) problems.push(problemAt(`${set.name}, ${name}, output ${port}`, channel, at, out[channel]));
        }
      });
    }
  }
  return problems;
}

/**
 * After denormal-level input, and after the program followed by two seconds of silence (where
 * recursive state decays through the subnormal range unless flushed), the silent tail's output
 * holds only exact zeros or normal float32 numbers. Generators have no input: no check.
 */
export function checkDenormalFlush(setup: SuiteSetup): string[] {
  if (setup.generator) return [];
  const { frames, sampleRate } = setup;
  const problems: string[] = [];
  const program = suiteSignal(frames, sampleRate);
  const decaying = silence(frames + 2 * sampleRate);
  decaying.left.set(program.left);
  decaying.right.set(program.right);
  const cases: [string, StereoAudio, number][] = [
    ['denormal-level input', denormalSignal(frames), Math.floor(frames / 2)],
    ['decay after program', decaying, frames],
  ];
  for (const set of setup.paramSets) {
    // Latency delays the end of the input; the tail starts after it.
    const latency = createTestKernel(setup.def, set.params, optionsFor(setup, 128)).latencySamples;
    for (const [name, signal, tailStart] of cases) {
      const outputs = renderKernel(setup.def, set.params, feed(setup, signal), optionsFor(setup, 1000, signal.left.length));
      outputs.forEach((out, port) => {
        for (const channel of CHANNELS) {
          const at = firstSubnormal(out[channel], tailStart + latency);
          if (at >= 0) problems.push(problemAt(`${set.name}, ${name}, output ${port} (subnormal)`, channel, at, out[channel]));
        }
      });
    }
  }
  return problems;
}

/** Silence in → exact silence out (generators excepted). */
export function checkSilence(setup: SuiteSetup): string[] {
  if (setup.generator) return [];
  const problems: string[] = [];
  for (const set of setup.paramSets) {
    const outputs = renderKernel(setup.def, set.params, feed(setup, silence(setup.frames)), optionsFor(setup, 128));
    outputs.forEach((out, port) => {
      for (const channel of CHANNELS) {
        const at = firstNonZero(out[channel]);
        if (at >= 0) problems.push(problemAt(`${set.name}, silence in, output ${port}`, channel, at, out[channel]));
      }
    });
  }
  return problems;
}

/** After other material and `reset()`, a kernel renders exactly what a fresh kernel renders. */
export function checkReset(setup: SuiteSetup): string[] {
  const problems: string[] = [];
  const signal = suiteSignal(setup.frames, setup.sampleRate, 3);
  // Material that ends loud, so any state that reset() forgets is still ringing.
  const before = fullScaleNoise(setup.frames, 4);
  const options = optionsFor(setup, 1000);
  for (const set of setup.paramSets) {
    const fresh = renderKernel(setup.def, set.params, feed(setup, signal), options);
    const kernel = createTestKernel(setup.def, set.params, options);
    runKernel(kernel, setup.def, feed(setup, before), options);
    kernel.reset();
    const afterReset = runKernel(kernel, setup.def, feed(setup, signal), options);
    fresh.forEach((reference, port) => {
      for (const channel of CHANNELS) {
        const at = firstBitDifference(reference[channel], afterReset[port][channel]);
        if (at >= 0) {
          problems.push(
            `${set.name}, output ${port} ${channel}[${at}]: fresh kernel ${reference[channel][at]}, ` +
              `after reset() ${afterReset[port][channel][at]}`,
          );
        }
      }
    });
  }
  return problems;
}

/** Every check of the suite, by the name its test carries. */
export const SUITE_CHECKS: readonly (readonly [string, (setup: SuiteSetup) => string[]])[] = [
  ['declares its ports', checkPorts],
  ['reports a non-negative integer latency for every param set', checkLatency],
  ['gives bitwise-identical output with blocks of 128, 4096 and 1000 frames', checkBlockSizeIndependence],
  ['never outputs NaN or Inf (silence, DC, full-scale noise, denormal-level input)', checkFiniteOutput],
  ['flushes denormals: silent tails after denormal or decaying input hold no subnormals', checkDenormalFlush],
  ['turns silence into silence (unless a generator)', checkSilence],
  ['reset() restores the initial state', checkReset],
];

/** Registers the shared kernel suite for `def` with vitest (call at the top level of a test file). */
export function runKernelSuite(def: NodeDefinition, options: KernelSuiteOptions = {}): void {
  const setup = suiteSetup(def, options);
  describe(`${def.type}: shared kernel suite`, () => {
    for (const [name, check] of SUITE_CHECKS) {
      it(name, () => {
        const problems = check(setup);
        expect(problems, problems.slice(0, 5).join('\n')).toEqual([]);
      });
    }
  });
}
