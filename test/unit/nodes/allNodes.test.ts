/**
 * Every registered node type runs the shared kernel suite and carries complete, consistent
 * metadata (the inspector, the validator and the docs all read it). The port ids and param keys
 * of DESIGN.md's catalog are the public contract; they are written out here from the design, so a
 * renamed key fails this test. The last block tests the suite itself on purposely broken kernels,
 * so a green suite means something.
 */
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../src/graph/catalog';
import { gainNode } from '../../../src/nodes/gain';
import { nodeDefinitions } from '../../../src/nodes/registry';
import type { Kernel, KernelIO, NodeDefinition } from '../../../src/nodes/types';
import { SUITE_CHECKS, runKernelSuite, suiteSetup, type SuiteSetup } from './kernelSuite';

/** DESIGN.md "Node catalog, version 1": ports and param keys per type. */
const DESIGN_CATALOG: Readonly<Record<string, { inputs: string[]; outputs: string[]; keys: string[] }>> = {
  source: { inputs: [], outputs: ['out'], keys: ['clip', 'gain', 'loop', 'offset'] },
  tone: { inputs: [], outputs: ['out'], keys: ['wave', 'freq', 'level'] },
  gain: { inputs: ['in'], outputs: ['out'], keys: ['gain', 'invert', 'mute'] },
  pan: { inputs: ['in'], outputs: ['out'], keys: ['pan'] },
  width: { inputs: ['in'], outputs: ['out'], keys: ['width'] },
  eq: {
    inputs: ['in'],
    outputs: ['out'],
    keys: [
      'hpOn', 'hpFreq', 'hpSlope', 'lsFreq', 'lsGain',
      'p1Freq', 'p1Gain', 'p1Q', 'p2Freq', 'p2Gain', 'p2Q', 'p3Freq', 'p3Gain', 'p3Q',
      'hsFreq', 'hsGain', 'lpOn', 'lpFreq', 'lpSlope',
    ],
  },
  compressor: {
    inputs: ['in', 'sidechain'],
    outputs: ['out'],
    keys: ['threshold', 'ratio', 'knee', 'attack', 'release', 'makeup', 'mix'],
  },
  delay: { inputs: ['in'], outputs: ['out'], keys: ['time', 'feedback', 'mix', 'tone'] },
  reverb: { inputs: ['in'], outputs: ['out'], keys: ['decay', 'predelay', 'damping', 'size', 'mix'] },
  bus: { inputs: ['in'], outputs: ['out'], keys: ['gain', 'mute'] },
  limiter: { inputs: ['in'], outputs: ['out'], keys: ['ceiling', 'release', 'lookahead', 'inputGain'] },
  output: { inputs: ['in'], outputs: [], keys: ['gain'] },
  autotune: {
    inputs: ['in'],
    outputs: ['out'],
    keys: ['key', 'scale', 'notes', 'speed', 'humanize', 'amount', 'low', 'high', 'formant', 'mix'],
  },
};

const CATEGORIES = ['Sources', 'Mixing', 'EQ', 'Dynamics', 'Space', 'Output'];
const SCALES = ['linear', 'log', 'db'];

/** Problems with one param's metadata (empty = fine). */
function paramProblems(p: ParamSpec): string[] {
  const problems: string[] = [];
  const where = `param "${p.key}"`;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(p.key)) problems.push(`${where}: key is not a plain identifier`);
  if (p.label.trim() === '') problems.push(`${where}: no label`);
  if (!/^\S.*\.$/.test(p.help.trim())) problems.push(`${where}: help "${p.help}" is not a sentence ending in '.'`);
  switch (p.kind) {
    case 'number':
      if (typeof p.unit !== 'string') problems.push(`${where}: no unit`);
      if (!Number.isFinite(p.min) || !Number.isFinite(p.max) || !(p.min < p.max)) {
        problems.push(`${where}: range ${p.min}..${p.max} is not a finite, non-empty range`);
      }
      if (!(p.default >= p.min && p.default <= p.max)) problems.push(`${where}: default ${p.default} outside ${p.min}..${p.max}`);
      if (!SCALES.includes(p.scale)) problems.push(`${where}: unknown scale ${p.scale}`);
      if (p.scale === 'log' && !(p.min > 0)) problems.push(`${where}: log scale needs min > 0`);
      if (p.step !== undefined && !(p.step > 0)) problems.push(`${where}: step ${p.step} is not positive`);
      break;
    case 'bool':
      if (typeof p.default !== 'boolean') problems.push(`${where}: default is not a boolean`);
      break;
    case 'enum':
      if (p.options.length === 0) problems.push(`${where}: no options`);
      if (!p.options.includes(p.default)) problems.push(`${where}: default ${p.default} is not an option`);
      if (new Set(p.options).size !== p.options.length) problems.push(`${where}: duplicate options`);
      break;
    case 'string':
      if (typeof p.default !== 'string') problems.push(`${where}: default is not a string`);
      if (p.pattern && !p.pattern.test(p.default)) problems.push(`${where}: default "${p.default}" fails its own pattern`);
      break;
  }
  return problems;
}

describe('node registry', () => {
  it('has unique types and covers the DESIGN.md catalog', () => {
    const types = nodeDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(DESIGN_CATALOG, `"${type}" is not in DESIGN.md's catalog table here`).toHaveProperty(type);
  });
});

for (const def of nodeDefinitions) {
  const design = DESIGN_CATALOG[def.type];

  describe(`${def.type}: metadata`, () => {
    it('has a label, a category and a one-sentence help', () => {
      expect(def.label.trim()).not.toBe('');
      expect(CATEGORIES).toContain(def.category);
      expect(def.help.trim()).toMatch(/^\S.*\.$/);
    });

    it('gives every param a label, unit, range, default within range and a help sentence', () => {
      const problems = def.params.flatMap(paramProblems);
      expect(problems, problems.join('\n')).toEqual([]);
      const keys = def.params.map((p) => p.key);
      expect(new Set(keys).size, `duplicate keys in ${keys.join(', ')}`).toBe(keys.length);
    });

    it('keeps the param keys of DESIGN.md', () => {
      const keys = def.params.map((p) => p.key);
      for (const key of design?.keys ?? []) expect(keys, `missing param "${key}"`).toContain(key);
    });

    it('has a valid main input for bypass', () => {
      const main = def.mainInput ?? 0;
      if (def.inputs.length > 0) expect(main >= 0 && main < def.inputs.length).toBe(true);
    });
  });

  runKernelSuite(def, design ? { ports: { inputs: design.inputs, outputs: design.outputs } } : {});
}

// ---------------------------------------------------------------------------------------------
// The suite, tested: each check must catch the fault it exists for.

/** A stateless in → out node whose kernel misbehaves in one chosen way. */
function brokenNode(type: string, makeKernel: () => Kernel, ports?: Partial<NodeDefinition>): NodeDefinition {
  return {
    type,
    label: type,
    category: 'Mixing',
    help: 'A purposely broken node.',
    inputs: [{ id: 'in', label: 'In' }],
    outputs: [{ id: 'out', label: 'Out' }],
    params: [],
    createKernel: () => makeKernel(),
    ...ports,
  };
}

/** Builds a kernel from a per-block function; `state` persists across blocks. */
function kernelFrom(
  processBlock: (io: KernelIO, state: { y: number; block: number }) => void,
  extra: { latencySamples?: number; resetsState?: boolean } = {},
): () => Kernel {
  return () => {
    const state = { y: 0, block: 0 };
    return {
      latencySamples: extra.latencySamples ?? 0,
      setParams: () => {},
      process: (io) => {
        processBlock(io, state);
        state.block++;
      },
      reset: () => {
        if (extra.resetsState !== false) {
          state.y = 0;
          state.block = 0;
        }
      },
    };
  };
}

const passThrough = (io: KernelIO): void => {
  for (const ch of ['left', 'right'] as const) {
    for (let i = 0; i < io.frames; i++) io.outputs[0][ch][i] = io.inputs[0][ch][i];
  }
};

/** One-pole low-pass y = 0.5·y + x on both channels (shared state: only for tests). */
const onePole = (io: KernelIO, state: { y: number }): void => {
  for (let i = 0; i < io.frames; i++) {
    state.y = 0.5 * state.y + io.inputs[0].left[i];
    io.outputs[0].left[i] = state.y;
    io.outputs[0].right[i] = state.y;
  }
};

/** Slow leaky integrator y = 0.999·y + 0.001·x, flushed: state that clearly outlives a block. */
const slowPole = (io: KernelIO, state: { y: number }): void => {
  for (let i = 0; i < io.frames; i++) {
    state.y = 0.999 * state.y + 0.001 * io.inputs[0].left[i];
    if (Math.abs(state.y) < 1e-30) state.y = 0;
    io.outputs[0].left[i] = state.y;
    io.outputs[0].right[i] = state.y;
  }
};

const BROKEN: [string, NodeDefinition, (setup: SuiteSetup) => string[]][] = [
  [
    'duplicate port ids',
    brokenNode('dup-ports', kernelFrom(passThrough), {
      outputs: [
        { id: 'out', label: 'Out' },
        { id: 'out', label: 'Out 2' },
      ],
    }),
    SUITE_CHECKS[0][1],
  ],
  ['a fractional latency', brokenNode('frac-latency', kernelFrom(passThrough, { latencySamples: 1.5 })), SUITE_CHECKS[1][1]],
  [
    'per-block gain (block-size dependent)',
    brokenNode(
      'per-block',
      kernelFrom((io, state) => {
        passThrough(io);
        // A "smoothing" step once per block: depends on where the blocks fall.
        io.outputs[0].left[0] *= state.block === 0 ? 1 : 0.5;
      }),
    ),
    SUITE_CHECKS[2][1],
  ],
  [
    'NaN on silence (0/0)',
    brokenNode(
      'nan',
      kernelFrom((io) => {
        for (const ch of ['left', 'right'] as const) {
          for (let i = 0; i < io.frames; i++) io.outputs[0][ch][i] = io.inputs[0][ch][i] / io.inputs[0][ch][i];
        }
      }),
    ),
    SUITE_CHECKS[3][1],
  ],
  [
    'unwritten output samples',
    brokenNode(
      'half-written',
      kernelFrom((io) => {
        for (const ch of ['left', 'right'] as const) {
          for (let i = 0; i < io.frames >> 1; i++) io.outputs[0][ch][i] = io.inputs[0][ch][i];
        }
      }),
    ),
    SUITE_CHECKS[3][1],
  ],
  ['a recursive filter that decays into subnormals', brokenNode('no-flush', kernelFrom(onePole)), SUITE_CHECKS[4][1]],
  [
    'a DC offset on silence',
    brokenNode(
      'dc',
      kernelFrom((io) => {
        passThrough(io);
        for (let i = 0; i < io.frames; i++) io.outputs[0].left[i] += 1e-3;
      }),
    ),
    SUITE_CHECKS[5][1],
  ],
  ['reset() that keeps state', brokenNode('no-reset', kernelFrom(slowPole, { resetsState: false })), SUITE_CHECKS[6][1]],
];

describe('the kernel suite catches broken kernels', () => {
  it.each(BROKEN)('%s', (_name, def, check) => {
    const setup = suiteSetup(def, { frames: 3000, randomParamSets: 0 });
    expect(check(setup).length).toBeGreaterThan(0);
  });

  it('and passes a correct kernel (gain) on every check', () => {
    const setup = suiteSetup(gainNode, { frames: 3000, randomParamSets: 1 });
    for (const [name, check] of SUITE_CHECKS) expect(check(setup), name).toEqual([]);
  });
});
