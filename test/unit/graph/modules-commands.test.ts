/**
 * Module commands on the real catalog: each is one undo step with an exact undo, and every result
 * is a document `parseDocument` accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/graph';
import { flattenModules, serializeGraph } from '../../../src/graph';
import { applyEdit, removeElements, setParam } from '../../../src/graph/commands';
import { extractFragment, pasteFragment } from '../../../src/graph/fragment';
import { createHistory, execute, redo, undo } from '../../../src/graph/history';
import { addModuleInstance, makeModule, makeUnique, moduleView, promoteParam, renameModulePort, scopeEdit, unpackModule } from '../../../src/graph/modules/commands';
import { decodeShareFragment, encodeShareFragment } from '../../../src/graph/shareLink';
import { parseDocument } from '../../../src/runtime/document';
import { catalog, MASTER_NODE_TYPE } from '../../../src/nodes/registry';

function load(path: string): Graph {
  const parsed = parseDocument(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.graph;
}

function valid(graph: Graph): Graph {
  const parsed = parseDocument(JSON.parse(serializeGraph(graph)));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.graph;
}

const demo = () => load('presets/demo-mix-flat.json');
const VOCAL_STRIP = ['eq-vocals', 'comp-vocals', 'vocals-verb-send'];

describe('makeModule', () => {
  it('turns three nodes into one instance with ports from the crossing wires, as one exactly undoable step', () => {
    const before = demo();
    const result = makeModule(before, catalog, VOCAL_STRIP, { masterType: MASTER_NODE_TYPE, name: 'Vocal strip' });
    if (!result.ok) throw new Error(result.reason);
    let history = execute(createHistory(before), result.edit);
    const executed = history.graph;
    const after = valid(executed);
    const definition = after.modules![0];
    expect(definition.id).toBe('vocal-strip');
    expect(definition.nodes.map((n) => n.id)).toEqual(VOCAL_STRIP);
    expect(definition.inputs).toEqual([{ id: 'in', label: 'In', node: 'eq-vocals', port: 'in' }]);
    // Two inner outputs are read outside: the compressor's (mix bus, delay send) and the reverb send's.
    expect(definition.outputs).toEqual([
      { id: 'out', label: 'Out', node: 'comp-vocals', port: 'out' },
      { id: 'out-vocals-verb-send', label: 'Out (Vocals → reverb)', node: 'vocals-verb-send', port: 'out' },
    ]);
    const instance = after.nodes.find((n) => n.type === 'module')!;
    expect(instance.position).toEqual({ x: 240, y: 520 }); // the selection's top-left corner
    expect(after.nodes.some((n) => VOCAL_STRIP.includes(n.id))).toBe(false);
    // The graph sounds the same: flattening gives back the same nodes under instance ids.
    const flat = flattenModules(after);
    expect(flat.ok && flat.graph.nodes.filter((n) => n.id.startsWith(`${instance.id}/`)).length).toBe(3);

    history = undo(history);
    expect(history.graph).toEqual(before);
    history = redo(history);
    expect(history.graph).toEqual(executed);
  });

  it('exposes a sidechain as its own (optional) input, and refuses the master', () => {
    const ducking = load('presets/sidechain-ducking.json');
    const comp = ducking.nodes.find((n) => n.type === 'compressor')!;
    const result = makeModule(ducking, catalog, [comp.id]);
    if (!result.ok) throw new Error(result.reason);
    const after = valid(applyEdit(ducking, result.edit));
    expect(after.modules![0].inputs.map((p) => [p.id, p.port])).toEqual(expect.arrayContaining([['in', 'in'], ['sidechain', 'sidechain']]));
    expect(makeModule(ducking, catalog, ['master'], { masterType: MASTER_NODE_TYPE }).ok).toBe(false);
  });

  it('renames a port (label only, wires stay) in one step', () => {
    const made = makeModule(demo(), catalog, VOCAL_STRIP, { name: 'Vocal strip' });
    if (!made.ok) throw new Error(made.reason);
    const graph = applyEdit(demo(), made.edit);
    const renamed = renameModulePort(graph, 'vocal-strip', 'outputs', 'out-vocals-verb-send', 'Reverb send');
    if (!renamed.ok) throw new Error(renamed.reason);
    const after = valid(applyEdit(graph, renamed.edit));
    expect(after.modules![0].outputs[1]).toEqual({ id: 'out-vocals-verb-send', label: 'Reverb send', node: 'vocals-verb-send', port: 'out' });
    expect(after.edges).toEqual(graph.edges);
  });
});

describe('unpack, make unique, edits inside, promotion', () => {
  function withStrip(): { graph: Graph; instance: string } {
    const made = makeModule(demo(), catalog, VOCAL_STRIP, { name: 'Vocal strip' });
    if (!made.ok) throw new Error(made.reason);
    return { graph: valid(applyEdit(demo(), made.edit)), instance: made.instanceId };
  }

  it('unpack gives back the original nodes, positions and wires, as one exactly undoable step', () => {
    const { graph, instance } = withStrip();
    const result = unpackModule(graph, instance);
    if (!result.ok) throw new Error(result.reason);
    let history = execute(createHistory(graph), result.edit);
    const after = valid(history.graph);
    const original = demo();
    const sortById = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sortById(after.nodes)).toEqual(sortById(original.nodes));
    expect(sortById(after.edges)).toEqual(sortById(original.edges));
    history = undo(history);
    expect(history.graph).toEqual(graph);
  });

  it('unpack remaps ids already taken and writes the instance\u2019s promoted values into the nodes', () => {
    const { graph, instance } = withStrip();
    const promoted = promoteParam(graph, catalog, 'vocal-strip', 'comp-vocals', 'ratio', 'Ratio');
    if (!promoted.ok) throw new Error(promoted.reason);
    const g1 = applyEdit(graph, promoted.edit);
    const setOnFace = setParam(g1, catalog, instance, 'ratio', 8);
    if (!setOnFace.ok) throw new Error(setOnFace.reason);
    const g2 = valid(applyEdit(g1, setOnFace.edit));
    // A second instance: its nodes must get fresh ids when both are unpacked.
    const added = addModuleInstance(g2, 'vocal-strip', { x: 0, y: 1000 });
    if (!added.ok) throw new Error(added.reason);
    const g3 = valid(applyEdit(g2, added.edit));
    const first = unpackModule(g3, instance);
    if (!first.ok) throw new Error(first.reason);
    const g4 = valid(applyEdit(g3, first.edit));
    expect(g4.nodes.find((n) => n.id === 'comp-vocals')!.params.ratio).toBe(8);
    const second = unpackModule(g4, added.id);
    if (!second.ok) throw new Error(second.reason);
    expect(second.ids).toEqual(['eq-vocals1', 'comp-vocals1', 'vocals-verb-send1']);
    const g5 = valid(applyEdit(g4, second.edit));
    expect(g5.nodes.find((n) => n.id === 'comp-vocals1')!.params.ratio).toBe(4);
    // Layout kept: the same offsets from the selection's top-left corner as in the original.
    const strip = demo().nodes.filter((n) => VOCAL_STRIP.includes(n.id));
    const corner = { x: Math.min(...strip.map((n) => n.position.x)), y: Math.min(...strip.map((n) => n.position.y)) };
    const eq = strip.find((n) => n.id === 'eq-vocals')!.position;
    expect(g5.nodes.find((n) => n.id === 'eq-vocals1')!.position).toEqual({ x: eq.x - corner.x, y: 1000 + eq.y - corner.y });
  });

  it('an edit inside the definition changes every instance, in one undo step', () => {
    const { graph, instance } = withStrip();
    const added = addModuleInstance(graph, 'vocal-strip', { x: 0, y: 1000 });
    if (!added.ok) throw new Error(added.reason);
    const two = valid(applyEdit(graph, added.edit));
    const inner = setParam(moduleView(two, 'vocal-strip')!, catalog, 'comp-vocals', 'threshold', -40);
    if (!inner.ok) throw new Error(inner.reason);
    let history = execute(createHistory(two), scopeEdit(inner.edit, 'vocal-strip'));
    const flat = flattenModules(valid(history.graph));
    if (!flat.ok) throw new Error('flatten');
    const thresholds = flat.graph.nodes.filter((n) => n.id.endsWith('/comp-vocals')).map((n) => [n.id, n.params.threshold]);
    expect(thresholds).toEqual([[`${instance}/comp-vocals`, -40], [`${added.id}/comp-vocals`, -40]]);
    history = undo(history);
    expect(history.graph).toEqual(two);
  });

  it('deleting an inner node inside drops its ports and the instances\u2019 wires to them, keeping the document valid', () => {
    const { graph, instance } = withStrip();
    const removed = removeElements(moduleView(graph, 'vocal-strip')!, { nodes: ['vocals-verb-send'], edges: [], notes: [], groups: [] });
    if (!removed.ok) throw new Error(removed.reason);
    const after = valid(applyEdit(graph, scopeEdit(removed.edit, 'vocal-strip')));
    expect(after.modules![0].outputs.map((p) => p.id)).toEqual(['out']);
    expect(after.edges.some((e) => e.from.node === instance && e.from.port === 'out-vocals-verb-send')).toBe(false);
  });

  it('make unique gives one instance its own definition; edits there leave the other instance alone', () => {
    const { graph, instance } = withStrip();
    const added = addModuleInstance(graph, 'vocal-strip', { x: 0, y: 1000 });
    if (!added.ok) throw new Error(added.reason);
    const two = valid(applyEdit(graph, added.edit));
    const unique = makeUnique(two, added.id);
    if (!unique.ok) throw new Error(unique.reason);
    let history = execute(createHistory(two), unique.edit);
    const g = valid(history.graph);
    expect(unique.moduleId).toBe('vocal-strip1');
    expect(g.modules!.map((m) => m.name)).toEqual(['Vocal strip', `Vocal strip (Vocal strip)`]);
    const inner = setParam(moduleView(g, unique.moduleId)!, catalog, 'comp-vocals', 'ratio', 10);
    if (!inner.ok) throw new Error(inner.reason);
    const flat = flattenModules(valid(applyEdit(g, scopeEdit(inner.edit, unique.moduleId))));
    if (!flat.ok) throw new Error('flatten');
    expect(flat.graph.nodes.find((n) => n.id === `${instance}/comp-vocals`)!.params.ratio).toBe(4);
    expect(flat.graph.nodes.find((n) => n.id === `${added.id}/comp-vocals`)!.params.ratio).toBe(10);
    history = undo(history);
    expect(history.graph).toEqual(two);
  });

  it('refuses an instance inside its own definition', () => {
    const { graph } = withStrip();
    const result = addModuleInstance(moduleView(graph, 'vocal-strip')!, 'vocal-strip', { x: 0, y: 0 }, { inside: 'vocal-strip' });
    expect(result.ok ? '' : result.reason).toMatch(/cannot go inside itself/);
  });
});

describe('definitions travel with the document', () => {
  it('a share link round-trips a graph with modules', () => {
    const withModules = load('presets/demo-mix.json');
    const decoded = decodeShareFragment(encodeShareFragment(withModules), catalog, { masterType: MASTER_NODE_TYPE });
    expect(decoded.ok && decoded.graph).toEqual(withModules);
  });

  it('copy and paste carries the definition; a different definition with the same id is renamed, an equal one reused', () => {
    const withModules = load('presets/demo-mix.json');
    const fragment = extractFragment(withModules, { nodes: ['vocals'] });
    expect(fragment.modules!.map((m) => m.id)).toEqual(['channel-strip']);
    expect(fragment.version).toBe(2);
    // Into the same document: the definition is reused.
    const same = pasteFragment(withModules, catalog, fragment, { offset: { x: 40, y: 40 } });
    if (!same.ok) throw new Error(same.reason);
    expect(valid(applyEdit(withModules, same.edit)).modules!.length).toBe(1);
    // Into a document whose "channel-strip" is something else: renamed on the way in.
    const made = makeModule(demo(), catalog, ['eq-bass'], { name: 'Channel strip' });
    if (!made.ok) throw new Error(made.reason);
    const other = valid(applyEdit(demo(), made.edit));
    const pasted = pasteFragment(other, catalog, fragment, { offset: { x: 0, y: 900 } });
    if (!pasted.ok) throw new Error(pasted.reason);
    const after = valid(applyEdit(other, pasted.edit));
    expect(after.modules!.map((m) => m.id)).toEqual(['channel-strip', 'channel-strip1']);
    expect(after.nodes.find((n) => n.id === pasted.ids.nodes[0])!.params.module).toBe('channel-strip1');
  });
});
