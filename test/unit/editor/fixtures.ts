/**
 * A small catalog and graph for the editor's command tests. It mirrors the shapes of the real
 * node types (a source without inputs, an EQ, a compressor with a sidechain, a bus, the master)
 * but is written here so the tests pin the commands' behaviour, not the node folders' details.
 */
import type { Catalog, NodeTypeSpec } from '../../../src/graph/catalog';
import type { Graph } from '../../../src/graph/types';

const source: NodeTypeSpec = {
  type: 'source',
  label: 'Source',
  category: 'Sources',
  help: 'Plays a clip.',
  inputs: [],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'string', key: 'clip', label: 'Clip', help: 'Which clip.', default: 'demo:drums', pattern: /^(demo|file):[a-z]+$/ },
    { kind: 'number', key: 'gain', label: 'Gain', help: 'Level.', unit: 'dB', min: -60, max: 24, default: 0, scale: 'db' },
  ],
};

const eq: NodeTypeSpec = {
  type: 'eq',
  label: 'EQ',
  category: 'EQ',
  help: 'Shapes tone.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'bool', key: 'hpOn', label: 'High-pass on', help: 'Cuts lows.', default: false },
    { kind: 'number', key: 'hpFreq', label: 'High-pass', help: 'Corner.', unit: 'Hz', min: 20, max: 20000, default: 80, scale: 'log' },
    { kind: 'number', key: 'p1Gain', label: 'Band 1 gain', help: 'Boost or cut.', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db' },
    { kind: 'number', key: 'p1Freq', label: 'Band 1 freq', help: 'Centre.', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log' },
  ],
};

const compressor: NodeTypeSpec = {
  type: 'compressor',
  label: 'Compressor',
  category: 'Dynamics',
  help: 'Turns loud parts down.',
  inputs: [
    { id: 'in', label: 'In' },
    { id: 'sidechain', label: 'Sidechain', optional: true },
  ],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [
    { kind: 'number', key: 'threshold', label: 'Threshold', help: 'Level.', unit: 'dB', min: -60, max: 0, default: -18, scale: 'db' },
  ],
};

const bus: NodeTypeSpec = {
  type: 'bus',
  label: 'Bus',
  category: 'Mixing',
  help: 'Sums.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [{ kind: 'number', key: 'gain', label: 'Gain', help: 'Level.', unit: 'dB', min: -60, max: 24, default: 0, scale: 'db' }],
};

const output: NodeTypeSpec = {
  type: 'output',
  label: 'Output',
  category: 'Output',
  help: 'The master.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [],
  params: [{ kind: 'number', key: 'gain', label: 'Gain', help: 'Level.', unit: 'dB', min: -60, max: 24, default: 0, scale: 'db' }],
};

export const testCatalog: Catalog = new Map([source, eq, compressor, bus, output].map((s) => [s.type, s]));

export const MASTER = 'output';

/** drums → eqd → bus → master, plus bass (unwired), a note and a group around drums+eqd. */
export function sampleGraph(): Graph {
  return {
    format: 'mixgraph',
    version: 1,
    name: 'Sample',
    nodes: [
      { id: 'drums', type: 'source', label: 'Drums', position: { x: 0, y: 0 }, params: { clip: 'demo:drums' } },
      { id: 'eqd', type: 'eq', label: 'Drums EQ', position: { x: 200, y: 0 }, params: { p1Gain: 3 } },
      { id: 'bass', type: 'source', label: 'Bass', position: { x: 0, y: 200 }, params: {} },
      { id: 'bus', type: 'bus', position: { x: 400, y: 100 }, params: {} },
      { id: 'master', type: 'output', label: 'Master', position: { x: 600, y: 100 }, params: {} },
    ],
    edges: [
      { id: 'w1', from: { node: 'drums', port: 'out' }, to: { node: 'eqd', port: 'in' } },
      { id: 'w2', from: { node: 'eqd', port: 'out' }, to: { node: 'bus', port: 'in' } },
      { id: 'w3', from: { node: 'bus', port: 'out' }, to: { node: 'master', port: 'in' } },
    ],
    notes: [{ id: 'note1', text: 'Hello', position: { x: 0, y: 400 }, width: 200, height: 80 }],
    groups: [{ id: 'group1', label: 'Drums', color: '#4f8cff', nodes: ['drums', 'eqd'] }],
  };
}
