/**
 * A small fake node catalog for the graph-layer tests (the real one lives in src/nodes, which
 * src/graph must not depend on), valid-document builders, a seeded PRNG and fast-check
 * generators of valid documents.
 */
import fc from 'fast-check';
import type { Catalog, NodeTypeSpec, ParamSpec } from '../../../src/graph/catalog';

const gen: NodeTypeSpec = {
  type: 'gen',
  label: 'Generator',
  category: 'Sources',
  help: 'Plays a clip.',
  inputs: [],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    {
      kind: 'string',
      key: 'clip',
      label: 'Clip',
      help: 'Which clip plays.',
      default: 'demo:drums',
      // The `g` flag is deliberate: validation must not depend on RegExp lastIndex state.
      pattern: /^(demo:(drums|bass)|file:[A-Za-z0-9_. -]{1,100})$/g,
      patternHint: 'demo:<stem> or file:<name>',
    },
    { kind: 'number', key: 'level', label: 'Level', help: 'How loud.', unit: 'dB', min: -80, max: 0, default: -18, scale: 'db' },
    { kind: 'bool', key: 'loop', label: 'Loop', help: 'Repeat.', default: true },
  ],
};

const filter: NodeTypeSpec = {
  type: 'filter',
  label: 'Filter',
  category: 'EQ',
  help: 'Filters.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'number', key: 'freq', label: 'Frequency', help: 'Corner.', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log' },
    { kind: 'enum', key: 'mode', label: 'Mode', help: 'Shape.', options: ['lowpass', 'highpass', 'bandpass'], default: 'lowpass' },
    { kind: 'enum', key: 'slope', label: 'Slope', help: 'Steepness.', options: [12, 24], default: 12, unit: 'dB/oct' },
    { kind: 'bool', key: 'on', label: 'On', help: 'Active.', default: true },
  ],
};

const comp: NodeTypeSpec = {
  type: 'comp',
  label: 'Compressor',
  category: 'Dynamics',
  help: 'Compresses.',
  inputs: [
    { id: 'in', label: 'In' },
    { id: 'sidechain', label: 'Sidechain', optional: true },
  ],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'number', key: 'threshold', label: 'Threshold', help: 'Level.', unit: 'dB', min: -60, max: 0, default: -18, scale: 'db' },
    { kind: 'number', key: 'ratio', label: 'Ratio', help: 'Strength.', unit: ':1', min: 1, max: 20, default: 4, scale: 'linear' },
  ],
};

const mix: NodeTypeSpec = {
  type: 'mix',
  label: 'Mixer',
  category: 'Mixing',
  help: 'Sums two inputs.',
  inputs: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'number', key: 'gain', label: 'Gain', help: 'Level.', unit: 'dB', min: -100, max: 24, default: 0, scale: 'db', minIsOff: true },
  ],
};

const master: NodeTypeSpec = {
  type: 'master',
  label: 'Master',
  category: 'Output',
  help: 'What you hear.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [],
  params: [{ kind: 'number', key: 'gain', label: 'Gain', help: 'Level.', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db' }],
};

/** A node type with no params at all. */
const scope: NodeTypeSpec = {
  type: 'scope',
  label: 'Scope',
  category: 'Output',
  help: 'Shows the waveform.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [],
  params: [],
};

export const testSpecs: readonly NodeTypeSpec[] = [gen, filter, comp, mix, master, scope];
export const testCatalog: Catalog = new Map(testSpecs.map((s) => [s.type, s]));
export const MASTER = 'master';

/** A small valid document: gen → filter → master, with a note and a group. */
export function validDoc(): Record<string, unknown> {
  return {
    format: 'mixgraph',
    version: 1,
    name: 'Test chain',
    description: 'A generator through a filter.',
    nodes: [
      { id: 'src', type: 'gen', label: 'Drums', position: { x: 0, y: 0 }, params: { clip: 'demo:drums', level: -6 } },
      { id: 'eq1', type: 'filter', position: { x: 240, y: 0 }, bypass: false, params: { freq: 80, mode: 'highpass' } },
      { id: 'out', type: 'master', position: { x: 480, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'e1', from: { node: 'src', port: 'out' }, to: { node: 'eq1', port: 'in' } },
      { id: 'e2', from: { node: 'eq1', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
    notes: [{ id: 'note1', text: 'High-pass first.', position: { x: 0, y: 200 }, width: 160, height: 80 }],
    groups: [{ id: 'grp1', label: 'Front end', color: '#ffcc00', nodes: ['src', 'eq1'] }],
  };
}

/** Mulberry32: a tiny seeded PRNG returning floats in [0, 1). Deterministic across runs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep-frozen copy helper for asserting "parse does not mutate its input". */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

const idArb = fc.stringMatching(/^[A-Za-z0-9_.-]{1,10}$/);
const finiteArb = fc.double({ noNaN: true, noDefaultInfinity: true });
const positionArb = fc.record({ x: finiteArb, y: finiteArb });

function paramValueArb(spec: ParamSpec): fc.Arbitrary<number | boolean | string> {
  switch (spec.kind) {
    case 'number':
      return fc.double({ min: spec.min, max: spec.max, noNaN: true });
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...spec.options);
    case 'string':
      return fc.constantFrom('demo:drums', 'demo:bass', 'file:take 1.wav', 'file:a');
  }
}

const nodeBodyArb = fc.constantFrom(...testSpecs).chain((spec) =>
  fc.record({
    type: fc.constant(spec.type),
    label: fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: undefined }),
    position: positionArb,
    bypass: fc.option(fc.boolean(), { nil: undefined }),
    params: fc
      .subarray([...spec.params])
      .chain((chosen) => fc.tuple(...chosen.map(paramValueArb)).map((values) => Object.fromEntries(chosen.map((p, i) => [p.key, values[i]])))),
  }),
);

/** Drops keys whose value is undefined (as JSON would). */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Valid documents over the test catalog: up to 10 nodes, wires only from a lower to a higher
 * node index (so acyclic) between real output and input ports, no duplicate wires, optional
 * notes and groups. No master constraint (parse these without `masterType`).
 */
export const validDocArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({ nodeCount: fc.integer({ min: 0, max: 10 }), noteCount: fc.integer({ min: 0, max: 3 }), groupCount: fc.integer({ min: 0, max: 3 }) })
  .chain(({ nodeCount, noteCount, groupCount }) => {
    const idCount = nodeCount + noteCount + groupCount;
    return fc.record({
      ids: fc.uniqueArray(idArb, { minLength: idCount, maxLength: idCount }),
      edgeIds: fc.uniqueArray(idArb, { minLength: 20, maxLength: 20 }),
      bodies: fc.array(nodeBodyArb, { minLength: nodeCount, maxLength: nodeCount }),
      picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 20 }),
      notes: fc.array(
        fc.record({ text: fc.string({ unit: 'binary', maxLength: 40 }), position: positionArb, width: fc.double({ min: 0, max: 1e6, noNaN: true }), height: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
        { minLength: noteCount, maxLength: noteCount },
      ),
      groups: fc.array(
        fc.record({ label: fc.string({ maxLength: 20 }), color: fc.constantFrom('#abc', '#AABBCC', '#11223344', 'teal'), members: fc.array(fc.nat(), { maxLength: 5 }) }),
        { minLength: groupCount, maxLength: groupCount },
      ),
      name: fc.string({ unit: 'binary', maxLength: 30 }),
      description: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      withNotes: fc.boolean(),
      withGroups: fc.boolean(),
    }).map((r) => {
      const nodes = r.bodies.map((body, i) => compact({ id: r.ids[i], ...body }));
      const specOf = (i: number): NodeTypeSpec => testCatalog.get(r.bodies[i].type) as NodeTypeSpec;
      const edges: Record<string, unknown>[] = [];
      const seen = new Set<string>();
      for (const [a, b, pa, pb] of r.picks) {
        if (nodeCount < 2) break;
        const i = a % nodeCount;
        const j = b % nodeCount;
        if (i === j) continue;
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        const outs = specOf(lo).outputs;
        const ins = specOf(hi).inputs;
        if (outs.length === 0 || ins.length === 0) continue;
        const from = { node: r.ids[lo], port: outs[pa % outs.length].id };
        const to = { node: r.ids[hi], port: ins[pb % ins.length].id };
        const key = JSON.stringify([from, to]);
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ id: r.edgeIds[edges.length], from, to });
      }
      const notes = r.notes.map((n, k) => ({ id: r.ids[nodeCount + k], ...n }));
      const groups = r.groups.map((g, k) => ({
        id: r.ids[nodeCount + noteCount + k],
        label: g.label,
        color: g.color,
        nodes: nodeCount === 0 ? [] : [...new Set(g.members.map((m) => r.ids[m % nodeCount]))],
      }));
      return compact({
        format: 'mixgraph',
        version: 1,
        name: r.name,
        description: r.description,
        nodes,
        edges,
        notes: r.withNotes ? notes : undefined,
        groups: r.withGroups ? groups : undefined,
      });
    });
  });
