import { describe, expect, it } from 'vitest';
import { flattenModules, parseGraph, serializeGraph, type Graph } from '../../../src/graph';
import { MASTER, deepFreeze, testCatalog } from './helpers';

/**
 * A strip module: filter → comp (with the comp's sidechain exposed as a second input, and a send
 * output taken after the filter), threshold promoted as "Thresh".
 */
function stripModule(): Record<string, unknown> {
  return {
    id: 'strip',
    name: 'Strip',
    description: 'Filter then compressor.',
    version: 1,
    nodes: [
      { id: 'hp', type: 'filter', position: { x: 0, y: 0 }, params: { freq: 100, mode: 'highpass' } },
      { id: 'comp', type: 'comp', position: { x: 200, y: 0 }, params: { ratio: 3 } },
    ],
    edges: [{ id: 'w1', from: { node: 'hp', port: 'out' }, to: { node: 'comp', port: 'in' } }],
    inputs: [
      { id: 'in', node: 'hp', port: 'in' },
      { id: 'key', label: 'Key', node: 'comp', port: 'sidechain' },
    ],
    outputs: [
      { id: 'out', node: 'comp', port: 'out' },
      { id: 'send', node: 'hp', port: 'out' },
    ],
    params: [
      { key: 'thresh', label: 'Thresh', node: 'comp', param: 'threshold' },
      { key: 'cut', node: 'hp', param: 'freq' },
    ],
  };
}

function docWith(modules: unknown[], nodes: unknown[], edges: unknown[]): Record<string, unknown> {
  return { format: 'mixgraph', version: 2, name: 'Modules', nodes, edges, modules };
}

const at = (x: number) => ({ x, y: 0 });

/** Two strip instances on two sources, the second keyed by the first source, both summed. */
function twoStrips(): Record<string, unknown> {
  return docWith(
    [stripModule()],
    [
      { id: 'a', type: 'gen', position: at(0), params: { clip: 'demo:drums' } },
      { id: 'b', type: 'gen', position: at(0), params: { clip: 'demo:bass' } },
      { id: 's1', type: 'module', position: at(200), params: { module: 'strip', thresh: -30 } },
      { id: 's2', type: 'module', position: at(200), params: { module: 'strip', cut: 40 } },
      { id: 'sum', type: 'mix', position: at(400), params: {} },
      { id: 'out', type: 'master', position: at(600), params: {} },
    ],
    [
      { id: 'e1', from: { node: 'a', port: 'out' }, to: { node: 's1', port: 'in' } },
      { id: 'e2', from: { node: 'b', port: 'out' }, to: { node: 's2', port: 'in' } },
      { id: 'e3', from: { node: 'a', port: 'out' }, to: { node: 's2', port: 'key' } },
      { id: 'e4', from: { node: 's1', port: 'out' }, to: { node: 'sum', port: 'a' } },
      { id: 'e5', from: { node: 's2', port: 'send' }, to: { node: 'sum', port: 'b' } },
      { id: 'e6', from: { node: 'sum', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
  );
}

function parsed(doc: unknown): Graph {
  const result = parseGraph(doc, testCatalog, { masterType: MASTER });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.graph;
}

function errorsOf(doc: unknown): string[] {
  const result = parseGraph(doc, testCatalog, { masterType: MASTER });
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('format version 2: modules', () => {
  it('parses definitions and instances, and round-trips through serializeGraph byte for byte', () => {
    const graph = parsed(deepFreeze(twoStrips()));
    expect(graph.version).toBe(2);
    expect(graph.modules?.map((m) => m.id)).toEqual(['strip']);
    const text = serializeGraph(graph);
    expect(JSON.parse(text).version).toBe(2);
    const again = parsed(JSON.parse(text));
    expect(again).toEqual(graph);
    expect(serializeGraph(again)).toBe(text);
  });

  it('writes version 1 for a document without modules, so older readers still open it', () => {
    const doc = docWith([], [{ id: 'out', type: 'master', position: at(0), params: {} }], []);
    delete doc.modules;
    const graph = parsed(doc);
    expect(graph.version).toBe(1);
    expect(JSON.parse(serializeGraph(graph)).version).toBe(1);
  });

  it('opens a version-1 document unchanged and without an upgrade warning', () => {
    const v1 = {
      format: 'mixgraph', version: 1, name: 'Old',
      nodes: [
        { id: 'g', type: 'gen', position: at(0), params: { clip: 'demo:drums' } },
        { id: 'out', type: 'master', position: at(1), params: {} },
      ],
      edges: [{ id: 'e', from: { node: 'g', port: 'out' }, to: { node: 'out', port: 'in' } }],
    };
    const result = parseGraph(deepFreeze(v1), testCatalog, { masterType: MASTER });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(JSON.parse(serializeGraph(result.graph))).toEqual(v1);
  });

  it('refuses an unknown param inside a module with the path into the module', () => {
    const m = stripModule();
    (m.nodes as { params: Record<string, unknown> }[])[1].params.ratio = 40;
    expect(errorsOf(docWith([m], [{ id: 'out', type: 'master', position: at(0), params: {} }], []))).toEqual([
      'modules["strip"].nodes["comp"].params.ratio: 40 is above the maximum 20:1',
    ]);
  });

  it('checks instance params against the promoted params, with the inner range', () => {
    const doc = twoStrips();
    (doc.nodes as { params: Record<string, unknown> }[])[2].params.thresh = 5;
    (doc.nodes as { params: Record<string, unknown> }[])[3].params.ratio = 2;
    const errors = errorsOf(doc);
    expect(errors).toContain('nodes[2] "s1".params.thresh: 5 is above the maximum 0 dB');
    expect(errors.some((e) => e.startsWith('nodes[3] "s2".params.ratio: unknown param'))).toBe(true);
  });

  it('names an unknown or missing definition, and a port the module does not have', () => {
    const doc = twoStrips();
    (doc.nodes as { params: Record<string, unknown> }[])[2].params.module = 'strp';
    delete (doc.nodes as { params: Record<string, unknown> }[])[3].params.module;
    const errors = errorsOf(doc);
    expect(errors).toContain('nodes[2] "s1".params.module: unknown module "strp"; did you mean "strip"? (modules: strip)');
    expect(errors).toContain('nodes[3] "s2".params.module: missing; a module node names its definition (modules: strip)');

    const wrongPort = twoStrips();
    (wrongPort.edges as { to: { port: string } }[])[0].to.port = 'side';
    expect(errorsOf(wrongPort)[0]).toMatch(/^edges\[0\] "e1": "s1" \(module\) has no input port "side"/);
  });

  it('refuses ports and promoted params that name missing inner nodes, ports or params', () => {
    const m = stripModule();
    (m.inputs as { port: string }[])[0].port = 'out';
    (m.outputs as { node: string }[])[1].node = 'hpp';
    (m.params as { param: string }[])[1].param = 'freqq';
    const errors = errorsOf(docWith([m], [{ id: 'out', type: 'master', position: at(0), params: {} }], []));
    expect(errors).toEqual([
      'modules["strip"].inputs["in"].port: "hp" (filter) has no input port "out" (its inputs: in)',
      'modules["strip"].outputs["send"].node: inner node "hpp" does not exist; did you mean "hp"?',
      'modules["strip"].params["cut"].param: "hp" (filter) has no param "freqq"; did you mean "freq"?',
    ]);
  });

  it('refuses a module that contains itself, naming the chain', () => {
    const a = { id: 'a', name: 'A', nodes: [{ id: 'x', type: 'module', position: at(0), params: { module: 'b' } }], edges: [] };
    const b = { id: 'b', name: 'B', nodes: [{ id: 'y', type: 'module', position: at(0), params: { module: 'a' } }], edges: [] };
    const self = { id: 'c', name: 'C', nodes: [{ id: 'z', type: 'module', position: at(0), params: { module: 'c' } }], edges: [] };
    const errors = errorsOf(docWith([a, b, self], [{ id: 'out', type: 'master', position: at(0), params: {} }], []));
    expect(errors).toEqual(['modules["c"]: a module cannot contain itself: c → c', 'modules["a"]: a module cannot contain itself: a → b → a']);
  });

  it('refuses the master inside a module and loops inside a module', () => {
    const m = {
      id: 'm', name: 'M',
      nodes: [
        { id: 'o', type: 'master', position: at(0), params: {} },
        { id: 'p', type: 'filter', position: at(0), params: {} },
        { id: 'q', type: 'filter', position: at(0), params: {} },
      ],
      edges: [
        { id: 'w1', from: { node: 'p', port: 'out' }, to: { node: 'q', port: 'in' } },
        { id: 'w2', from: { node: 'q', port: 'out' }, to: { node: 'p', port: 'in' } },
      ],
    };
    expect(errorsOf(docWith([m], [{ id: 'out', type: 'master', position: at(0), params: {} }], []))).toEqual([
      'modules["m"].nodes["o"]: a module cannot contain the master node; the graph has exactly one, outside every module',
      'modules["m"].edges: cycle: p → q → p; audio cannot flow in a loop, remove one of the wires w1, w2',
    ]);
  });

  it('refuses __proto__ keys inside a definition', () => {
    const m = JSON.parse('{"id":"m","name":"M","nodes":[],"edges":[],"__proto__":{"x":1}}');
    expect(errorsOf(docWith([m], [{ id: 'out', type: 'master', position: at(0), params: {} }], []))[0]).toMatch(/^modules\["m"\]: key "__proto__" is not allowed/);
  });
});

describe('flattenModules', () => {
  it('replaces each instance by its inner nodes, namespaced, with ports, sidechain and promoted values', () => {
    const flat = flattenModules(parsed(twoStrips()));
    expect(flat.ok).toBe(true);
    if (!flat.ok) return;
    const g = flat.graph;
    expect(g.modules).toBeUndefined();
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b', 's1/hp', 's1/comp', 's2/hp', 's2/comp', 'sum', 'out']);
    const params = Object.fromEntries(g.nodes.map((n) => [n.id, n.params]));
    // Promoted values override the definition's inner values; the rest come from the definition.
    expect(params['s1/comp']).toEqual({ ratio: 3, threshold: -30 });
    expect(params['s1/hp']).toEqual({ freq: 100, mode: 'highpass' });
    expect(params['s2/hp']).toEqual({ freq: 40, mode: 'highpass' });
    expect(params['s2/comp']).toEqual({ ratio: 3 });
    const wires = g.edges.map((e) => `${e.id}: ${e.from.node}.${e.from.port} → ${e.to.node}.${e.to.port}`);
    expect(wires).toEqual([
      's1/w1: s1/hp.out → s1/comp.in',
      's2/w1: s2/hp.out → s2/comp.in',
      'e1: a.out → s1/hp.in',
      'e2: b.out → s2/hp.in',
      'e3: a.out → s2/comp.sidechain',
      'e4: s1/comp.out → sum.a',
      'e5: s2/hp.out → sum.b',
      'e6: sum.out → out.in',
    ]);
  });

  it('flattens nested modules, promoting through both levels', () => {
    const outer = {
      id: 'pair', name: 'Pair',
      nodes: [
        { id: 'first', type: 'module', position: at(0), params: { module: 'strip', thresh: -12 } },
        { id: 'second', type: 'module', position: at(200), params: { module: 'strip' } },
      ],
      edges: [{ id: 'link', from: { node: 'first', port: 'out' }, to: { node: 'second', port: 'in' } }],
      inputs: [{ id: 'in', node: 'first', port: 'in' }],
      outputs: [{ id: 'out', node: 'second', port: 'out' }],
      params: [{ key: 'lastThresh', label: 'Last threshold', node: 'second', param: 'thresh' }],
    };
    const doc = docWith(
      [outer, stripModule()],
      [
        { id: 'g', type: 'gen', position: at(0), params: {} },
        { id: 'p', type: 'module', position: at(0), params: { module: 'pair', lastThresh: -40 } },
        { id: 'out', type: 'master', position: at(0), params: {} },
      ],
      [
        { id: 'e1', from: { node: 'g', port: 'out' }, to: { node: 'p', port: 'in' } },
        { id: 'e2', from: { node: 'p', port: 'out' }, to: { node: 'out', port: 'in' } },
      ],
    );
    const graph = parsed(doc);
    const flat = flattenModules(graph);
    if (!flat.ok) throw new Error(flat.errors[0].message);
    const byId = new Map(flat.graph.nodes.map((n) => [n.id, n]));
    expect([...byId.keys()]).toEqual(['g', 'p/first/hp', 'p/first/comp', 'p/second/hp', 'p/second/comp', 'out']);
    expect(byId.get('p/first/comp')!.params).toEqual({ ratio: 3, threshold: -12 });
    expect(byId.get('p/second/comp')!.params).toEqual({ ratio: 3, threshold: -40 });
    expect(flat.graph.edges.map((e) => `${e.from.node}→${e.to.node}`)).toEqual([
      'p/first/hp→p/first/comp',
      'p/second/hp→p/second/comp',
      'p/first/comp→p/second/hp',
      'g→p/first/hp',
      'p/second/comp→out',
    ]);
    // The promoted spec of the outer module keeps the inner range and takes its own label.
    const result = parseGraph({ ...doc, nodes: [{ ...(doc.nodes as object[])[1], params: { module: 'pair', lastThresh: -61 } }] }, testCatalog);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toContain('nodes[0] "p".params.lastThresh: -61 is below the minimum -60 dB');
  });

  it('bypasses every inner node of a bypassed instance', () => {
    const doc = twoStrips();
    (doc.nodes as { bypass?: boolean }[])[2].bypass = true;
    const flat = flattenModules(parsed(doc));
    if (!flat.ok) throw new Error('flatten failed');
    expect(flat.graph.nodes.filter((n) => n.bypass === true).map((n) => n.id)).toEqual(['s1/hp', 's1/comp']);
  });

  it('returns a graph without instances as the same object, and never mutates its input', () => {
    const plain = parsed({ ...twoStrips(), nodes: [{ id: 'out', type: 'master', position: at(0), params: {} }], edges: [] });
    expect(flattenModules(plain)).toEqual({ ok: true, graph: plain });
    const graph = deepFreeze(parsed(twoStrips()));
    expect(flattenModules(graph).ok).toBe(true);
  });

  it('refuses, with the chain, a self-containing module built in code (not parsed)', () => {
    const graph: Graph = {
      format: 'mixgraph', version: 2, name: 'loop',
      nodes: [{ id: 'i', type: 'module', position: at(0), params: { module: 'm' } }],
      edges: [],
      modules: [{ id: 'm', name: 'M', nodes: [{ id: 'j', type: 'module', position: at(0), params: { module: 'm' } }], edges: [], inputs: [], outputs: [], params: [] }],
    };
    expect(flattenModules(graph)).toEqual({
      ok: false,
      errors: [{ path: 'modules["m"].nodes "i/j"', nodeId: 'i', message: 'modules["m"].nodes "i/j": a module cannot contain itself: m → m' }],
    });
    const unknown: Graph = { ...graph, modules: [] };
    const result = flattenModules(unknown);
    expect(result.ok ? '' : result.errors[0].message).toBe('nodes "i": module "m" is not defined in this document');
  });
});

describe('limits', () => {
  it('refuses nesting that would expand past the node limit, before expanding anything', () => {
    // Ten levels, each holding ten instances of the next: 10^10 nodes if expanded.
    const modules = Array.from({ length: 10 }, (_, level) => ({
      id: `m${level}`,
      name: `Level ${level}`,
      nodes: Array.from({ length: 10 }, (_, i) =>
        level === 9 ? { id: `n${i}`, type: 'filter', position: at(i), params: {} } : { id: `n${i}`, type: 'module', position: at(i), params: { module: `m${level + 1}` } },
      ),
      edges: [],
    }));
    const doc = docWith(modules, [
      { id: 'top', type: 'module', position: at(0), params: { module: 'm0' } },
      { id: 'out', type: 'master', position: at(0), params: {} },
    ], []);
    const started = Date.now();
    expect(errorsOf(doc)).toEqual(['nodes: the module instances expand to more than 20000 nodes, more than a graph may hold; use fewer or smaller modules']);
    expect(Date.now() - started).toBeLessThan(5000); // a hang would time the test out instead
    const graph: Graph = { format: 'mixgraph', version: 2, name: 'x', nodes: doc.nodes as Graph['nodes'], edges: [], modules: modules.map((m) => ({ ...m, inputs: [], outputs: [], params: [] })) as Graph['modules'] };
    const flat = flattenModules(graph);
    expect(flat.ok ? '' : flat.errors[0].message).toMatch(/^nodes: the module instances expand to more than 20000 nodes/);
  });
});
