import { describe, expect, it } from 'vitest';
import { silencedWires } from '../../../src/graph/monitoring';
import type { Graph } from '../../../src/graph/types';
import { sampleGraph, testCatalog as catalog } from './fixtures';

/**
 * drums → eqd → bus → master, bass → bus, drums → comp.sidechain, eqd → comp → master.
 * Which sources reach the master through which wires is worked out by hand below.
 */
function mix(): Graph {
  const g = sampleGraph();
  g.nodes.push({ id: 'comp', type: 'compressor', position: { x: 0, y: 0 }, params: {} });
  g.edges.push(
    { id: 'w4', from: { node: 'bass', port: 'out' }, to: { node: 'bus', port: 'in' } },
    { id: 'w5', from: { node: 'bass', port: 'out' }, to: { node: 'comp', port: 'in' } },
    { id: 'w6', from: { node: 'drums', port: 'out' }, to: { node: 'comp', port: 'sidechain' } },
    { id: 'w7', from: { node: 'comp', port: 'out' }, to: { node: 'master', port: 'in' } },
  );
  return g;
}

const ids = (s: Set<string>) => [...s].sort();

/** The sources whose signal reaches the master over wires that are not silenced (sidechains carry no audio out). */
function heardSources(g: Graph, silenced: Set<string>): string[] {
  const heard = new Set<string>();
  const walk = (id: string, source: string) => {
    if (id === 'master') heard.add(source);
    for (const e of g.edges) if (e.from.node === id && !silenced.has(e.id) && e.to.port !== 'sidechain') walk(e.to.node, source);
  };
  for (const s of ['drums', 'bass']) walk(s, s);
  return [...heard].sort();
}

describe('silencedWires', () => {
  it('nothing muted or soloed silences nothing', () => {
    expect(ids(silencedWires(mix(), catalog, new Set(), new Set()))).toEqual([]);
    expect(heardSources(mix(), new Set())).toEqual(['bass', 'drums']);
  });

  it('mute silences the wires out of a node (into the master for the master)', () => {
    expect(ids(silencedWires(mix(), catalog, new Set(['bass']), new Set()))).toEqual(['w4', 'w5']);
    expect(heardSources(mix(), silencedWires(mix(), catalog, new Set(['bass']), new Set()))).toEqual(['drums']);
    expect(ids(silencedWires(mix(), catalog, new Set(['master']), new Set()))).toEqual(['w3', 'w7']);
  });

  it('solo keeps only the soloed path; its sidechain key and its own inputs stay', () => {
    // Solo the compressor: bass feeds it (kept), drums key it (kept), the bus path is cut at the master.
    const s = silencedWires(mix(), catalog, new Set(), new Set(['comp']));
    expect(ids(s)).toEqual(['w3']);
    expect(heardSources(mix(), s)).toEqual(['bass']);
  });

  it('solo of a source hears that source alone, even through a shared bus', () => {
    const s = silencedWires(mix(), catalog, new Set(), new Set(['drums']));
    // Into the bus (downstream of drums) only eqd's wire stays: bass → bus goes. The compressor is
    // only keyed by drums (a sidechain carries nothing onwards), so its wire into the master goes.
    expect(ids(s)).toEqual(['w4', 'w7']);
    expect(heardSources(mix(), s)).toEqual(['drums']);
  });

  it('several solos add', () => {
    const s = silencedWires(mix(), catalog, new Set(), new Set(['drums', 'bass']));
    expect(heardSources(mix(), s)).toEqual(['bass', 'drums']);
    expect(ids(s)).toEqual([]);
  });

  it('mute wins over solo, and unknown ids are ignored', () => {
    const s = silencedWires(mix(), catalog, new Set(['eqd', 'gone']), new Set(['drums', 'nope']));
    expect(heardSources(mix(), s)).toEqual([]);
  });
});
