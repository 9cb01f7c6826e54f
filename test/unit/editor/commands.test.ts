import { describe, expect, it } from 'vitest';
import {
  type EditResult,
  addGroup,
  addNode,
  addNote,
  applyEdit,
  canBypass,
  combineEdits,
  connect,
  connectEnds,
  connectToNode,
  disconnect,
  moveElements,
  moveGroup,
  removeElements,
  removeGroup,
  resetParam,
  setBypass,
  setDocumentInfo,
  setLabel,
  setParam,
  setParams,
  updateGroup,
  updateNote,
} from '../../../src/graph/commands';
import type { Graph } from '../../../src/graph/types';
import { MASTER, sampleGraph, testCatalog as catalog } from './fixtures';

/** Applies an accepted command's edit; fails the test with the reason if it was refused. */
function run(graph: Graph, result: EditResult): Graph {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return applyEdit(graph, result.edit);
}

function reason(result: EditResult): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

describe('addNode', () => {
  it('adds a node with a fresh id made from the type, the given label, params and position', () => {
    const g = sampleGraph();
    const result = addNode(g, catalog, { type: 'eq', position: { x: 10, y: 20 }, label: ' Vox EQ ', params: { hpFreq: 120 } });
    const next = run(g, result);
    expect(result.ok && result.id).toBe('eq1');
    expect(next.nodes[next.nodes.length - 1]).toEqual({ id: 'eq1', type: 'eq', label: 'Vox EQ', position: { x: 10, y: 20 }, params: { hpFreq: 120 } });
    expect(g.nodes).toHaveLength(5); // the input is untouched
  });

  it('skips ids taken by nodes, notes or groups (one namespace)', () => {
    const g = sampleGraph();
    const result = addNode(g, catalog, { type: 'bus', id: 'note1', position: { x: 0, y: 0 } });
    expect(result.ok && result.id).toBe('note2');
    const second = addNode(g, catalog, { type: 'bus', position: { x: 0, y: 0 } });
    expect(second.ok && second.id).toBe('bus1');
  });

  it('refuses an unknown type, an unknown param, an out-of-range value and a second master', () => {
    const g = sampleGraph();
    expect(reason(addNode(g, catalog, { type: 'theremin', position: { x: 0, y: 0 } }))).toMatch(/no node type "theremin"/);
    expect(reason(addNode(g, catalog, { type: 'eq', position: { x: 0, y: 0 }, params: { wobble: 1 } }))).toMatch(/no param "wobble"/);
    expect(reason(addNode(g, catalog, { type: 'eq', position: { x: 0, y: 0 }, params: { hpFreq: 5 } }))).toMatch(/High-pass: .*below the minimum 20/);
    expect(reason(addNode(g, catalog, { type: 'output', position: { x: 0, y: 0 } }, { masterType: MASTER }))).toMatch(/already has its Output node "Master"/);
    expect(reason(addNode(g, catalog, { type: 'bus', position: { x: Number.NaN, y: 0 } }))).toMatch(/finite/);
  });
});

describe('removeElements', () => {
  it('removes nodes with their wires and group memberships, dropping a group left empty', () => {
    const g = sampleGraph();
    const next = run(g, removeElements(g, { nodes: ['eqd'] }));
    expect(next.nodes.map((n) => n.id)).toEqual(['drums', 'bass', 'bus', 'master']);
    expect(next.edges.map((e) => e.id)).toEqual(['w3']);
    expect(next.groups).toEqual([{ id: 'group1', label: 'Drums', color: '#4f8cff', nodes: ['drums'] }]);
    const both = run(g, removeElements(g, { nodes: ['eqd', 'drums'] }));
    expect(both.groups).toBeUndefined();
  });

  it('removes wires, notes and groups (a group goes, its nodes stay)', () => {
    const g = sampleGraph();
    const next = run(g, removeElements(g, { edges: ['w2'], notes: ['note1'], groups: ['group1'] }));
    expect(next.edges.map((e) => e.id)).toEqual(['w1', 'w3']);
    expect(next.notes).toBeUndefined();
    expect(next.groups).toBeUndefined();
    expect(next.nodes).toHaveLength(5);
    const result = removeElements(g, { edges: ['w2'], notes: ['note1'] });
    expect(result.ok && result.edit.label).toBe('Delete 1 wire, 1 note');
  });

  it('refuses when nothing that exists is selected', () => {
    expect(reason(removeElements(sampleGraph(), { nodes: ['ghost'] }))).toMatch(/Nothing/);
  });
});

describe('moveElements, setLabel, setBypass', () => {
  it('moves nodes and notes to absolute positions; a drag merges under one key', () => {
    const g = sampleGraph();
    const result = moveElements(g, { nodes: { bus: { x: 420, y: 120 } }, notes: { note1: { x: 5, y: 6 } } }, { merge: true });
    const next = run(g, result);
    expect(next.nodes.find((n) => n.id === 'bus')?.position).toEqual({ x: 420, y: 120 });
    expect(next.notes?.[0].position).toEqual({ x: 5, y: 6 });
    expect(result.ok && result.edit.history).toBe('merge');
    expect(result.ok && result.edit.mergeKey).toBe('move:bus,note:note1');
    const plain = moveElements(g, { nodes: { bus: { x: 1, y: 1 } } });
    expect(plain.ok && plain.edit.history).toBe('record');
    expect(plain.ok && plain.edit.label).toBe('Move bus');
    expect(reason(moveElements(g, { nodes: { bus: { x: Infinity, y: 0 } } }))).toMatch(/finite/);
  });

  it('sets and clears a label', () => {
    const g = sampleGraph();
    const named = run(g, setLabel(g, 'bus', '  Mix bus '));
    expect(named.nodes.find((n) => n.id === 'bus')?.label).toBe('Mix bus');
    const cleared = run(named, setLabel(named, 'bus', ''));
    expect(cleared.nodes.find((n) => n.id === 'bus')).not.toHaveProperty('label');
  });

  it('bypasses nodes with an input and an output only', () => {
    const g = sampleGraph();
    const on = run(g, setBypass(g, catalog, 'eqd', true));
    expect(on.nodes.find((n) => n.id === 'eqd')?.bypass).toBe(true);
    const off = run(on, setBypass(on, catalog, 'eqd', false));
    expect(off.nodes.find((n) => n.id === 'eqd')).not.toHaveProperty('bypass');
    expect(reason(setBypass(g, catalog, 'drums', true))).toMatch(/cannot be bypassed/);
    expect(reason(setBypass(g, catalog, 'master', true))).toMatch(/cannot be bypassed/);
    expect(canBypass(catalog, 'eq')).toBe(true);
    expect(canBypass(catalog, 'source')).toBe(false);
  });
});

describe('params', () => {
  it('sets a checked value; a slider drag merges per node and key', () => {
    const g = sampleGraph();
    const result = setParam(g, catalog, 'eqd', 'hpFreq', 150, { merge: true });
    expect(run(g, result).nodes[1].params).toEqual({ p1Gain: 3, hpFreq: 150 });
    expect(result.ok && result.edit.mergeKey).toBe('params:eqd:hpFreq');
    expect(result.ok && result.edit.label).toBe('Set Drums EQ · High-pass');
  });

  it('refuses unknown params, wrong kinds and out-of-range values with the limit', () => {
    const g = sampleGraph();
    expect(reason(setParam(g, catalog, 'eqd', 'q', 1))).toMatch(/has no param "q"/);
    expect(reason(setParam(g, catalog, 'eqd', 'p1Gain', 30))).toBe('Band 1 gain: 30 is above the maximum 24 dB.');
    expect(reason(setParam(g, catalog, 'eqd', 'hpOn', 1))).toMatch(/expected true or false/);
    expect(reason(setParam(g, catalog, 'drums', 'clip', 'http://x'))).toMatch(/not valid/);
    expect(reason(setParam(g, catalog, 'ghost', 'gain', 1))).toMatch(/no node "ghost"/);
  });

  it('sets several params in one edit (an EQ handle moves frequency and gain)', () => {
    const g = sampleGraph();
    const result = setParams(g, catalog, 'eqd', { p1Freq: 500, p1Gain: -6 }, { merge: true });
    expect(run(g, result).nodes[1].params).toEqual({ p1Gain: -6, p1Freq: 500 });
    expect(result.ok && result.edit.mergeKey).toBe('params:eqd:p1Freq,p1Gain');
  });

  it('resets a param by removing it (missing params take the default)', () => {
    const g = sampleGraph();
    expect(run(g, resetParam(g, catalog, 'eqd', 'p1Gain')).nodes[1].params).toEqual({});
    expect(reason(resetParam(g, catalog, 'eqd', 'nope'))).toMatch(/no param/);
  });
});

describe('wiring', () => {
  it('connects an output to an input with a fresh edge id', () => {
    const g = sampleGraph();
    const result = connect(g, catalog, { node: 'bass', port: 'out' }, { node: 'bus', port: 'in' });
    const next = run(g, result);
    expect(result.ok && result.id).toBe('w4');
    expect(next.edges[3]).toEqual({ id: 'w4', from: { node: 'bass', port: 'out' }, to: { node: 'bus', port: 'in' } });
  });

  it('refuses a wire into a source, naming it', () => {
    const g = sampleGraph();
    const why = reason(connect(g, catalog, { node: 'eqd', port: 'out' }, { node: 'bass', port: 'in' }));
    expect(why).toMatch(/"Bass" is a source with no input/);
  });

  it('refuses output to output and input to input, and orients input→output drags', () => {
    const g = sampleGraph();
    expect(reason(connectEnds(g, catalog, { node: 'bass', port: 'out', side: 'output' }, { node: 'eqd', port: 'out', side: 'output' }))).toMatch(/^Output to output/);
    expect(reason(connectEnds(g, catalog, { node: 'bus', port: 'in', side: 'input' }, { node: 'eqd', port: 'in', side: 'input' }))).toMatch(/^Input to input/);
    const reversed = connectEnds(g, catalog, { node: 'bus', port: 'in', side: 'input' }, { node: 'bass', port: 'out', side: 'output' });
    expect(run(g, reversed).edges[3]).toMatchObject({ from: { node: 'bass', port: 'out' }, to: { node: 'bus', port: 'in' } });
  });

  it('refuses a duplicate wire and a wire out of a node without outputs', () => {
    const g = sampleGraph();
    expect(reason(connect(g, catalog, { node: 'drums', port: 'out' }, { node: 'eqd', port: 'in' }))).toBe('"Drums" is already wired to "Drums EQ".');
    expect(reason(connect(g, catalog, { node: 'master', port: 'out' }, { node: 'bus', port: 'in' }))).toMatch(/"Master" \(Output\) has no output/);
  });

  it('refuses a loop, naming every node on it in wire order', () => {
    const g = sampleGraph();
    expect(reason(connect(g, catalog, { node: 'bus', port: 'out' }, { node: 'eqd', port: 'in' }))).toBe(
      'That wire would make a loop: bus → Drums EQ → bus. Audio cannot feed back into itself here.',
    );
    expect(reason(connect(g, catalog, { node: 'eqd', port: 'out' }, { node: 'eqd', port: 'in' }))).toMatch(/into itself/);
  });

  it('wires a drop on a node body into its main input, or refuses if it has none', () => {
    const g = run(sampleGraph(), addNode(sampleGraph(), catalog, { type: 'compressor', id: 'comp', position: { x: 0, y: 0 } }));
    const into = connectToNode(g, catalog, { node: 'bass', port: 'out', side: 'output' }, 'comp');
    expect(run(g, into).edges.at(-1)).toMatchObject({ to: { node: 'comp', port: 'in' } });
    const sidechain = connect(g, catalog, { node: 'bass', port: 'out' }, { node: 'comp', port: 'sidechain' });
    expect(run(g, sidechain).edges.at(-1)).toMatchObject({ to: { node: 'comp', port: 'sidechain' } });
    expect(reason(connectToNode(g, catalog, { node: 'eqd', port: 'out', side: 'output' }, 'drums'))).toMatch(/"Drums" is a source with no input/);
    const fromInput = connectToNode(g, catalog, { node: 'comp', port: 'in', side: 'input' }, 'bass');
    expect(run(g, fromInput).edges.at(-1)).toMatchObject({ from: { node: 'bass', port: 'out' }, to: { node: 'comp', port: 'in' } });
  });

  it('disconnects wires by id', () => {
    const g = sampleGraph();
    expect(run(g, disconnect(g, ['w1', 'w3'])).edges.map((e) => e.id)).toEqual(['w2']);
    expect(reason(disconnect(g, ['zz']))).toMatch(/No wire/);
  });
});

describe('notes and groups', () => {
  it('adds, edits and removes notes', () => {
    const g = sampleGraph();
    const added = addNote(g, { position: { x: 1, y: 2 }, text: 'Why' });
    const withNote = run(g, added);
    expect(added.ok && added.id).toBe('note2');
    expect(withNote.notes?.[1]).toEqual({ id: 'note2', text: 'Why', position: { x: 1, y: 2 }, width: 240, height: 120 });
    const edited = run(withNote, updateNote(withNote, 'note2', { text: 'Because', width: 300 }));
    expect(edited.notes?.[1]).toMatchObject({ text: 'Because', width: 300, height: 120 });
    expect(reason(updateNote(g, 'note1', { height: -1 }))).toMatch(/non-negative/);
    const empty: Graph = { ...g, notes: undefined };
    expect(run(empty, addNote(empty, { position: { x: 0, y: 0 } })).notes).toHaveLength(1);
  });

  it('groups nodes, taking them out of their old group; a group left empty goes', () => {
    const g = sampleGraph();
    const result = addGroup(g, ['drums', 'eqd', 'ghost']);
    const next = run(g, result);
    expect(result.ok && result.id).toBe('group2');
    expect(next.groups).toEqual([{ id: 'group2', label: 'Group 2', color: '#38b28a', nodes: ['drums', 'eqd'] }]);
    const partial = run(g, addGroup(g, ['eqd', 'bus'], { label: 'Tail', color: '#d9634c' }));
    expect(partial.groups).toEqual([
      { id: 'group1', label: 'Drums', color: '#4f8cff', nodes: ['drums'] },
      { id: 'group2', label: 'Tail', color: '#d9634c', nodes: ['eqd', 'bus'] },
    ]);
    expect(reason(addGroup(g, []))).toMatch(/Select one or more nodes/);
  });

  it('renames, recolours and ungroups', () => {
    const g = sampleGraph();
    expect(run(g, updateGroup(g, 'group1', { label: 'Kit', color: '#abc' })).groups?.[0]).toMatchObject({ label: 'Kit', color: '#abc' });
    expect(reason(updateGroup(g, 'group1', { color: 'url(x)' }))).toMatch(/not a colour/);
    expect(reason(updateGroup(g, 'group1', { label: '  ' }))).toMatch(/needs a label/);
    const ungrouped = run(g, removeGroup(g, 'group1'));
    expect(ungrouped.groups).toBeUndefined();
    expect(ungrouped.nodes).toHaveLength(5);
  });

  it('moves a group by moving its nodes', () => {
    const g = sampleGraph();
    const next = run(g, moveGroup(g, 'group1', { x: 30, y: -10 }));
    expect(next.nodes.find((n) => n.id === 'drums')?.position).toEqual({ x: 30, y: -10 });
    expect(next.nodes.find((n) => n.id === 'eqd')?.position).toEqual({ x: 230, y: -10 });
    expect(next.nodes.find((n) => n.id === 'bus')?.position).toEqual({ x: 400, y: 100 });
  });
});

describe('document info and combined edits', () => {
  it('renames the graph and sets or clears the description', () => {
    const g = sampleGraph();
    const next = run(g, setDocumentInfo(g, { name: ' New ', description: 'About' }));
    expect(next.name).toBe('New');
    expect(next.description).toBe('About');
    expect(run(next, setDocumentInfo(next, { description: '' }))).not.toHaveProperty('description');
    expect(reason(setDocumentInfo(g, { name: '' }))).toMatch(/needs a name/);
  });

  it('combines edits built one after the other into one edit', () => {
    const g = sampleGraph();
    const add = addNode(g, catalog, { type: 'eq', position: { x: 0, y: 0 } });
    if (!add.ok) throw new Error(add.reason);
    const afterAdd = applyEdit(g, add.edit);
    const wire = connect(afterAdd, catalog, { node: 'bass', port: 'out' }, { node: add.id, port: 'in' });
    if (!wire.ok) throw new Error(wire.reason);
    const both = combineEdits('Add EQ wired', [add.edit, wire.edit]);
    expect(applyEdit(g, both)).toEqual(applyEdit(afterAdd, wire.edit));
    expect(both.history).toBe('record');
  });
});
