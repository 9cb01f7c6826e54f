/**
 * Editing inside an open module (docs/modules.md, "Open"): the inner nodes show the opened
 * instance's promoted values; a promoted param edited inside changes that instance only, any other
 * edit the definition (every instance); ports added and removed from inside, name and description;
 * mute, solo and bypass across the module boundary on the flattened graph.
 */
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/graph';
import { flattenModules, serializeGraph } from '../../../src/graph';
import { applyEdit, resetParam, setBypass, setParam } from '../../../src/graph/commands';
import { createHistory, execute, undo } from '../../../src/graph/history';
import { addModulePort, describeModule, removeModulePort, renameModule } from '../../../src/graph/modules/commands';
import { silencedFlatWires } from '../../../src/graph/modules/monitoring';
import { silencedWires } from '../../../src/graph/monitoring';
import { openInstanceView, promotionOf, scopeEditToInstance, type OpenStep } from '../../../src/graph/modules/openInstance';
import { parseDocument } from '../../../src/runtime/document';
import { compile, render } from '../../../src/runtime/offline';
import { catalog } from '../../../src/nodes/registry';

const at = { x: 0, y: 0 };

/** Two instances (`a`, `b`) of a strip: gain `g` → pan `p`; `g.gain` promoted as "Level". */
function twoStrips(): Graph {
  const doc = {
    format: 'mixgraph',
    version: 2,
    name: 'Two strips',
    modules: [
      {
        id: 'strip',
        name: 'Strip',
        nodes: [
          { id: 'g', type: 'gain', position: at, params: { gain: -6 } },
          { id: 'p', type: 'pan', position: at, params: { pan: 0 } },
        ],
        edges: [{ id: 'i1', from: { node: 'g', port: 'out' }, to: { node: 'p', port: 'in' } }],
        inputs: [{ id: 'in', node: 'g', port: 'in' }],
        outputs: [{ id: 'out', node: 'p', port: 'out' }],
        params: [{ key: 'level', label: 'Level', node: 'g', param: 'gain' }],
      },
    ],
    nodes: [
      { id: 'src', type: 'tone', position: at, params: { wave: 'sine', freq: 440, level: -20 } },
      { id: 'a', type: 'module', position: at, params: { module: 'strip', level: -12 } },
      { id: 'b', type: 'module', position: at, params: { module: 'strip' } },
      { id: 'bus', type: 'bus', position: at, params: {} },
      { id: 'out', type: 'output', position: at, params: {} },
    ],
    edges: [
      { id: 'e1', from: { node: 'src', port: 'out' }, to: { node: 'a', port: 'in' } },
      { id: 'e2', from: { node: 'src', port: 'out' }, to: { node: 'b', port: 'in' } },
      { id: 'e3', from: { node: 'a', port: 'out' }, to: { node: 'bus', port: 'in' } },
      { id: 'e4', from: { node: 'b', port: 'out' }, to: { node: 'bus', port: 'in' } },
      { id: 'e5', from: { node: 'bus', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
  };
  return valid(doc);
}

function valid(doc: unknown): Graph {
  const parsed = parseDocument(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.graph;
}

const reparse = (graph: Graph) => valid(JSON.parse(serializeGraph(graph)));
const OPEN_A: OpenStep[] = [{ instanceId: 'a', moduleId: 'strip' }];
const OPEN_B: OpenStep[] = [{ instanceId: 'b', moduleId: 'strip' }];
const node = (g: Pick<Graph, 'nodes'>, id: string) => g.nodes.find((n) => n.id === id)!;
const strip = (g: Graph) => g.modules!.find((m) => m.id === 'strip')!;

/** Runs a command built against the open view, as the editor's dispatch does. */
function editInside(graph: Graph, trail: OpenStep[], build: (view: Graph) => ReturnType<typeof setParam>): Graph {
  const view = openInstanceView(graph, trail)!;
  const result = build(view);
  if (!result.ok) throw new Error(result.reason);
  return applyEdit(graph, scopeEditToInstance(result.edit, trail));
}

describe('the open instance', () => {
  it('shows the opened instance’s promoted values on the inner nodes, the definition’s elsewhere', () => {
    const graph = twoStrips();
    expect(node(openInstanceView(graph, OPEN_A)!, 'g').params.gain).toBe(-12);
    expect(node(openInstanceView(graph, OPEN_B)!, 'g').params.gain).toBe(-6); // b has no own value
    expect(promotionOf(graph, OPEN_A, 'g', 'gain')).toEqual({ key: 'level', label: 'Level', levelsOut: 0 });
    expect(promotionOf(graph, OPEN_A, 'p', 'pan')).toBeUndefined();
  });

  it('a promoted param edited inside changes that instance only, in one exactly undoable step', () => {
    const before = twoStrips();
    const view = openInstanceView(before, OPEN_A)!;
    const result = setParam(view, catalog, 'g', 'gain', 3);
    if (!result.ok) throw new Error(result.reason);
    let history = execute(createHistory(before), scopeEditToInstance(result.edit, OPEN_A));
    const after = reparse(history.graph);
    expect(node(after, 'a').params.level).toBe(3);
    expect(node(after, 'b').params.level).toBeUndefined();
    expect(node(strip(after), 'g').params.gain).toBe(-6); // the definition keeps its value
    expect(node(openInstanceView(after, OPEN_A)!, 'g').params.gain).toBe(3);
    expect(history.undoStack).toHaveLength(1);
    history = undo(history);
    expect(history.graph).toEqual(before);
  });

  it('setting the definition’s own value from inside still reaches the instance (the command sees the instance’s value)', () => {
    const after = editInside(twoStrips(), OPEN_A, (view) => setParam(view, catalog, 'g', 'gain', -6));
    expect(node(after, 'a').params.level).toBe(-6);
  });

  it('an instance without its own value gets one; reset inside gives it the module’s value again', () => {
    const set = editInside(twoStrips(), OPEN_B, (view) => setParam(view, catalog, 'g', 'gain', 1));
    expect(node(set, 'b').params.level).toBe(1);
    expect(node(set, 'a').params.level).toBe(-12);
    const reset = editInside(set, OPEN_B, (view) => resetParam(view, catalog, 'g', 'gain'));
    expect(node(reset, 'b').params.level).toBeUndefined();
    expect(node(strip(reset), 'g').params.gain).toBe(-6);
  });

  it('a param that is not promoted changes the definition, so every instance', () => {
    const after = editInside(twoStrips(), OPEN_A, (view) => setParam(view, catalog, 'p', 'pan', 0.5));
    expect(node(strip(after), 'p').params.pan).toBe(0.5);
    expect(node(openInstanceView(after, OPEN_B)!, 'p').params.pan).toBe(0.5);
    expect(node(after, 'a').params).toEqual({ module: 'strip', level: -12 });
  });

  it('follows a promotion through two levels to the outer instance', () => {
    const base = twoStrips();
    // An outer module holding one strip instance `s`, promoting its Level as "Strip level".
    const doc = JSON.parse(serializeGraph(base));
    doc.modules.push({
      id: 'outer',
      name: 'Outer',
      nodes: [{ id: 's', type: 'module', position: at, params: { module: 'strip', level: -3 } }],
      edges: [],
      inputs: [{ id: 'in', node: 's', port: 'in' }],
      outputs: [{ id: 'out', node: 's', port: 'out' }],
      params: [{ key: 'stripLevel', label: 'Strip level', node: 's', param: 'level' }],
    });
    doc.nodes.push({ id: 'o', type: 'module', position: at, params: { module: 'outer', stripLevel: -9 } });
    const graph = valid(doc);
    const trail: OpenStep[] = [
      { instanceId: 'o', moduleId: 'outer' },
      { instanceId: 's', moduleId: 'strip' },
    ];
    expect(node(openInstanceView(graph, trail)!, 'g').params.gain).toBe(-9);
    expect(promotionOf(graph, trail, 'g', 'gain')).toEqual({ key: 'level', label: 'Level', levelsOut: 1 });
    const after = reparse(editInside(graph, trail, (view) => setParam(view, catalog, 'g', 'gain', 2)));
    expect(node(after, 'o').params.stripLevel).toBe(2);
    const outer = after.modules!.find((m) => m.id === 'outer')!;
    expect(outer.nodes[0].params.level).toBe(-3);
    expect(node(strip(after), 'g').params.gain).toBe(-6);
  });
});

describe('the definition from inside', () => {
  it('renames and describes the module, one step each', () => {
    const graph = twoStrips();
    const renamed = renameModule(graph, 'strip', 'Vocal strip');
    const described = describeModule(graph, 'strip', 'EQ and pan');
    if (!renamed.ok || !described.ok) throw new Error('refused');
    expect(strip(reparse(applyEdit(graph, renamed.edit))).name).toBe('Vocal strip');
    expect(strip(reparse(applyEdit(graph, described.edit))).description).toBe('EQ and pan');
    expect(describeModule(graph, 'strip', '').ok).toBe(false); // unchanged: no step
  });

  it('exposes an inner port as a new module port that instances can wire, and removes it again keeping the other wires', () => {
    const graph = twoStrips();
    const added = addModulePort(graph, catalog, 'strip', 'outputs', 'g', 'out');
    if (!added.ok) throw new Error(added.reason);
    expect(added.portId).toBe('out-g');
    const withPort = applyEdit(graph, added.edit);
    expect(strip(withPort).outputs[1]).toEqual({ id: 'out-g', label: 'Out (g)', node: 'g', port: 'out' });
    expect(addModulePort(withPort, catalog, 'strip', 'outputs', 'g', 'out').ok).toBe(false); // already a port
    // Wire the new port of instance a to the bus: valid, and it sounds (the flattened wire exists).
    const doc = JSON.parse(serializeGraph(withPort));
    doc.edges.push({ id: 'e6', from: { node: 'a', port: 'out-g' }, to: { node: 'bus', port: 'in' } });
    const wired = valid(doc);
    const flat = flattenModules(wired);
    expect(flat.ok && flat.graph.edges.find((e) => e.id === 'e6')?.from).toEqual({ node: 'a/g', port: 'out' });

    const removed = removeModulePort(wired, 'strip', 'outputs', 'out-g');
    if (!removed.ok) throw new Error(removed.reason);
    let history = execute(createHistory(wired), removed.edit);
    const after = reparse(history.graph);
    expect(strip(after).outputs.map((p) => p.id)).toEqual(['out']);
    expect(after.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    history = undo(history);
    expect(history.graph).toEqual(wired);
  });
});

describe('mute, solo and bypass across the module boundary', () => {
  it('a muted inner node silences its wires inside that instance only; a muted instance equals the top-level rule', () => {
    const graph = twoStrips();
    expect([...silencedFlatWires(graph, catalog, new Set(['a/g']), new Set())]).toEqual(['a/i1']);
    // Muting the whole instance silences what leaves it: the same wire ids as on the unflattened graph.
    const whole = silencedFlatWires(graph, catalog, new Set(['a']), new Set());
    expect([...whole]).toEqual([...silencedWires(graph, catalog, new Set(['a']), new Set())]);
    expect([...whole]).toEqual(['e3']);
  });

  it('solo of an inner node keeps its own path to the master and silences the other instance', () => {
    const silenced = silencedFlatWires(twoStrips(), catalog, new Set(), new Set(['a/p']));
    // b's output wire joins the bus, which is downstream of the solo: silenced; a's inner feed is kept.
    expect([...silenced].sort()).toEqual(['e4']);
    // Solo of the whole instance a is the same as soloing every node in it.
    expect([...silencedFlatWires(twoStrips(), catalog, new Set(), new Set(['a']))].sort()).toEqual(['e4']);
  });

  it('a bypassed instance bypasses every node inside; offline it renders as the dry signal', async () => {
    const graph = twoStrips();
    const bypass = setBypass(graph, catalog, 'a', true);
    if (!bypass.ok) throw new Error(bypass.reason);
    const bypassed = reparse(applyEdit(graph, bypass.edit));
    const flat = flattenModules(bypassed);
    if (!flat.ok) throw new Error('flatten');
    expect(flat.graph.nodes.filter((n) => n.id.startsWith('a/')).every((n) => n.bypass === true)).toBe(true);
    expect(flat.graph.nodes.filter((n) => n.id.startsWith('b/')).some((n) => n.bypass === true)).toBe(false);
    // Only instance a to the master: bypassed, gain and pan pass the tone unchanged, so the render
    // equals the tone wired straight to the master, sample for sample.
    const onlyA = (g: Graph): Graph => ({ ...g, edges: g.edges.filter((e) => e.id !== 'e2' && e.id !== 'e4') });
    const direct: Graph = { ...graph, nodes: graph.nodes.filter((n) => n.id !== 'a' && n.id !== 'b'), edges: [...graph.edges.filter((e) => e.id === 'e5'), { id: 'd', from: { node: 'src', port: 'out' }, to: { node: 'bus', port: 'in' } }] };
    const renderOf = async (g: Graph) => {
      const compiled = compile(g);
      if (!compiled.ok) throw new Error(compiled.errors[0].message);
      return render(compiled.plan, { seconds: 0.25 });
    };
    const a = await renderOf(onlyA(bypassed));
    const b = await renderOf(direct);
    expect(Array.from(a.left)).toEqual(Array.from(b.left));
    expect(Array.from(a.right)).toEqual(Array.from(b.right));
    // The control: not bypassed, the instance's −12 dB is heard.
    const c = await renderOf(onlyA(graph));
    let ratio = 0;
    for (let i = 100; i < c.left.length; i++) ratio = Math.max(ratio, Math.abs(c.left[i]) / Math.max(1e-9, Math.abs(b.left[i])));
    expect(20 * Math.log10(ratio)).toBeLessThan(-11);
  });
});
