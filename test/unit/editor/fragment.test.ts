import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../../src/graph/commands';
import { duplicateSelection, extractFragment, graphOrigin, pasteFragment } from '../../../src/graph/fragment';
import type { Graph } from '../../../src/graph/types';
import { MASTER, sampleGraph, testCatalog as catalog } from './fixtures';

describe('extractFragment', () => {
  it('keeps the selected nodes, only the wires between them, selected notes and groups', () => {
    const g = sampleGraph();
    const fragment = extractFragment(g, { nodes: ['eqd', 'bus'], notes: ['note1'] });
    expect(fragment.nodes.map((n) => n.id)).toEqual(['eqd', 'bus']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['w2']);
    expect(fragment.notes?.map((n) => n.id)).toEqual(['note1']);
    expect(fragment.groups).toBeUndefined();
    expect(fragment.format).toBe('mixgraph');
    expect(fragment.version).toBe(1);
  });

  it('brings a selected group with all of its nodes', () => {
    const fragment = extractFragment(sampleGraph(), { groups: ['group1'] });
    expect(fragment.nodes.map((n) => n.id)).toEqual(['drums', 'eqd']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['w1']);
    expect(fragment.groups).toEqual([{ id: 'group1', label: 'Drums', color: '#4f8cff', nodes: ['drums', 'eqd'] }]);
  });

  it('copies, so editing the fragment leaves the graph alone', () => {
    const g = sampleGraph();
    const fragment = extractFragment(g, { nodes: ['eqd'] });
    fragment.nodes[0].params.p1Gain = 9;
    fragment.nodes[0].position.x = 999;
    expect(g.nodes[1].params.p1Gain).toBe(3);
    expect(g.nodes[1].position.x).toBe(200);
  });
});

describe('pasteFragment', () => {
  it('remaps every id, keeps wires, notes and groups, and shifts positions', () => {
    const g = sampleGraph();
    const fragment = extractFragment(g, { groups: ['group1'], notes: ['note1'] });
    const result = pasteFragment(g, catalog, fragment, { offset: { x: 40, y: 40 } });
    if (!result.ok) throw new Error(result.reason);
    expect(result.ids).toEqual({ nodes: ['drums1', 'eqd1'], edges: ['w4'], notes: ['note2'], groups: ['group2'] });
    const next = applyEdit(g, result.edit);
    expect(next.nodes.slice(5)).toEqual([
      { id: 'drums1', type: 'source', label: 'Drums', position: { x: 40, y: 40 }, params: { clip: 'demo:drums' } },
      { id: 'eqd1', type: 'eq', label: 'Drums EQ', position: { x: 240, y: 40 }, params: { p1Gain: 3 } },
    ]);
    expect(next.edges[3]).toEqual({ id: 'w4', from: { node: 'drums1', port: 'out' }, to: { node: 'eqd1', port: 'in' } });
    expect(next.notes?.[1]).toEqual({ id: 'note2', text: 'Hello', position: { x: 40, y: 440 }, width: 200, height: 80 });
    expect(next.groups?.[1]).toEqual({ id: 'group2', label: 'Drums', color: '#4f8cff', nodes: ['drums1', 'eqd1'] });
    expect(result.edit.label).toBe('Paste 3 items');
  });

  it('keeps ids that are free (pasting into another graph)', () => {
    const empty: Graph = { format: 'mixgraph', version: 1, name: 'Empty', nodes: [], edges: [] };
    const fragment = extractFragment(sampleGraph(), { nodes: ['drums', 'eqd'] });
    const result = pasteFragment(empty, catalog, fragment);
    if (!result.ok) throw new Error(result.reason);
    expect(result.ids.nodes).toEqual(['drums', 'eqd']);
    expect(result.ids.edges).toEqual(['w1']);
  });

  it('places the fragment at a point (its top-left corner lands there)', () => {
    const g = sampleGraph();
    const fragment = extractFragment(g, { nodes: ['eqd', 'bus'] });
    const result = pasteFragment(g, catalog, fragment, { at: { x: 1000, y: 500 } });
    if (!result.ok) throw new Error(result.reason);
    const next = applyEdit(g, result.edit);
    const pasted = next.nodes.filter((n) => result.ids.nodes.includes(n.id));
    expect(graphOrigin({ ...next, nodes: pasted, notes: [] })).toEqual({ x: 1000, y: 500 });
    expect(pasted.map((n) => n.position)).toEqual([{ x: 1000, y: 500 }, { x: 1200, y: 600 }]);
  });

  it('leaves out a second master and its wires, and says so', () => {
    const g = sampleGraph();
    const whole = extractFragment(g, { nodes: g.nodes.map((n) => n.id) });
    const result = pasteFragment(g, catalog, whole, { offset: { x: 0, y: 800 }, masterType: MASTER });
    if (!result.ok) throw new Error(result.reason);
    expect(result.ids.nodes).toEqual(['drums1', 'eqd1', 'bass1', 'bus1']);
    expect(result.ids.edges).toEqual(['w4', 'w5']);
    expect(result.skipped).toEqual(['"Master" was left out: the graph already has its Output node, and a graph has exactly one.']);
    const next = applyEdit(g, result.edit);
    expect(next.nodes.filter((n) => n.type === 'output')).toHaveLength(1);
  });

  it('keeps the master when the graph has none', () => {
    const g = sampleGraph();
    const fragment = extractFragment(g, { nodes: ['master'] });
    const withoutMaster = applyEdit(g, { label: 'x', history: 'record', recipe: (d) => void (d.nodes = d.nodes.filter((n) => n.id !== 'master')) });
    const result = pasteFragment(withoutMaster, catalog, fragment, { masterType: MASTER });
    expect(result.ok && result.ids.nodes).toEqual(['master']);
  });

  it('refuses empty fragments and unknown types', () => {
    const g = sampleGraph();
    const empty: Graph = { format: 'mixgraph', version: 1, name: 'x', nodes: [], edges: [] };
    expect(pasteFragment(g, catalog, empty)).toEqual({ ok: false, reason: 'There is nothing to paste.' });
    const alien: Graph = { ...empty, nodes: [{ id: 'a', type: 'theremin', position: { x: 0, y: 0 }, params: {} }] };
    const result = pasteFragment(g, catalog, alien);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/no node type "theremin"/);
  });

  it('duplicates a selection 40 px down-right as one edit', () => {
    const g = sampleGraph();
    const result = duplicateSelection(g, catalog, { nodes: ['bus'] });
    if (!result.ok) throw new Error(result.reason);
    const next = applyEdit(g, result.edit);
    expect(next.nodes.at(-1)).toEqual({ id: 'bus1', type: 'bus', position: { x: 440, y: 140 }, params: {} });
    expect(result.edit.label).toBe('Duplicate 1 item');
  });
});
