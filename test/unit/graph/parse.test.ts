import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../../src/graph/parse';
import type { GraphIssueDetail } from '../../../src/graph/issues';
import type { ParseResult } from '../../../src/graph/types';
import { MASTER, deepFreeze, testCatalog, validDoc } from './helpers';

type Doc = Record<string, unknown>;
type NodeDoc = Record<string, unknown> & { params: Record<string, unknown> };

function parse(doc: unknown, masterType?: string): ParseResult {
  return parseGraph(doc, testCatalog, masterType === undefined ? {} : { masterType });
}

function errorsOf(doc: unknown, masterType?: string): GraphIssueDetail[] {
  const result = parse(doc, masterType);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}

function messagesOf(doc: unknown, masterType?: string): string[] {
  return errorsOf(doc, masterType).map((e) => e.message);
}

/** A valid document with one change applied to a fresh copy. */
function withChange(change: (doc: Doc & { nodes: NodeDoc[]; edges: Doc[] }) => void): Doc {
  const doc = validDoc() as Doc & { nodes: NodeDoc[]; edges: Doc[] };
  change(doc);
  return doc;
}

describe('parseGraph: a valid document', () => {
  it('parses to the same data, sparse params kept sparse', () => {
    const doc = validDoc();
    const result = parse(doc, MASTER);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph).toEqual(doc);
    expect(result.warnings).toEqual([]);
    // Params not given are not filled in by parse (resolveParams does that).
    expect(Object.keys(result.graph.nodes[2].params)).toEqual([]);
  });

  it('returns fresh objects: later changes to the input cannot reach the graph', () => {
    const doc = validDoc() as Doc & { nodes: NodeDoc[]; groups: { nodes: string[] }[] };
    const result = parse(doc);
    if (!result.ok) throw new Error('valid');
    const g = result.graph;
    expect(g.nodes[0]).not.toBe(doc.nodes[0]);
    expect(g.nodes[0].params).not.toBe(doc.nodes[0].params);
    expect(g.nodes[0].position).not.toBe(doc.nodes[0].position);
    expect(g.groups?.[0].nodes).not.toBe(doc.groups[0].nodes);
    doc.nodes[0].params.level = -40;
    (doc.nodes[0].position as { x: number }).x = 999;
    doc.groups[0].nodes.push('out');
    doc.nodes.pop();
    expect(g.nodes[0].params.level).toBe(-6);
    expect(g.nodes[0].position.x).toBe(0);
    expect(g.groups?.[0].nodes).toEqual(['src', 'eq1']);
    expect(g.nodes).toHaveLength(3);
  });

  it('does not modify its input (a deep-frozen document parses)', () => {
    const doc = deepFreeze(validDoc());
    const before = JSON.stringify(doc);
    expect(parse(doc, MASTER).ok).toBe(true);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('accepts a node without params (all defaults) and turns -0 into 0', () => {
    const doc = withChange((d) => {
      delete (d.nodes[2] as Doc).params;
      (d.nodes[0].position as { x: number }).x = -0;
      d.nodes[1].params.freq = 20; // the minimum itself is allowed
    });
    const result = parse(doc);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    expect(result.graph.nodes[2].params).toEqual({});
    expect(Object.is(result.graph.nodes[0].position.x, 0)).toBe(true);
  });

  it('parses the same catalog pattern many times (no RegExp lastIndex state)', () => {
    for (let i = 0; i < 5; i++) expect(parse(validDoc()).ok).toBe(true);
  });
});

describe('parseGraph: warnings', () => {
  it('a missing name becomes "Untitled" with a warning', () => {
    const doc = withChange((d) => delete d.name);
    const result = parse(doc);
    if (!result.ok) throw new Error('valid');
    expect(result.graph.name).toBe('Untitled');
    expect(result.warnings.map((w) => w.message)).toContain('name: missing; using "Untitled"');
  });

  it('unknown top-level keys are ignored with a warning', () => {
    const doc = withChange((d) => (d.author = 'me'));
    const result = parse(doc);
    if (!result.ok) throw new Error('valid');
    expect(result.graph).not.toHaveProperty('author');
    expect(result.warnings.some((w) => w.path === 'author' && w.message.startsWith('author: not a Mixgraph document field'))).toBe(true);
  });

  it('warns about unconnected required inputs and nodes that are not heard, not optional inputs', () => {
    const doc = withChange((d) => {
      d.nodes.push({ id: 'c1', type: 'comp', position: { x: 0, y: 0 }, params: {} });
      d.edges.push({ id: 'e3', from: { node: 'src', port: 'out' }, to: { node: 'c1', port: 'in' } });
      d.nodes.push({ id: 'lonely', type: 'filter', position: { x: 0, y: 0 }, params: {} });
    });
    const result = parse(doc, MASTER);
    if (!result.ok) throw new Error('valid');
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContain('nodes[4] "lonely": input "in" is not connected, so it receives silence');
    expect(messages).toContain('nodes[3] "c1": does not reach the master node "out", so it is not heard');
    expect(messages).toContain('nodes[4] "lonely": does not reach the master node "out", so it is not heard');
    expect(messages.some((m) => m.includes('sidechain'))).toBe(false);
    expect(result.warnings.find((w) => w.message.startsWith('nodes[4]'))?.nodeId).toBe('lonely');
  });
});

describe('parseGraph: the top level', () => {
  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['{"format":"mixgraph"}', '"{\\"format\\":\\"mixgraph\\"}"'],
    [42, '42'],
    [undefined, 'nothing'],
  ])('rejects a non-object document (%j)', (doc, shown) => {
    expect(messagesOf(doc)).toEqual([`document: expected a JSON object with "format": "mixgraph", got ${shown}`]);
  });

  it('requires format "mixgraph"', () => {
    expect(messagesOf(withChange((d) => delete d.format))[0]).toMatch(/^format: missing; this is not a Mixgraph graph document/);
    expect(messagesOf(withChange((d) => (d.format = 'tldraw')))[0]).toMatch(/^format: "tldraw" is not "mixgraph"/);
  });

  it('rejects a newer version with a clear message', () => {
    expect(messagesOf(withChange((d) => (d.version = 3)))).toEqual([
      'version 3 is newer than this Mixgraph understands (2); update Mixgraph',
    ]);
  });

  it('rejects a missing or malformed version', () => {
    expect(messagesOf(withChange((d) => delete d.version))[0]).toMatch(/^version: missing/);
    expect(messagesOf(withChange((d) => (d.version = '1')))[0]).toBe('version: expected a whole number, got "1"');
    expect(messagesOf(withChange((d) => (d.version = 1.5)))[0]).toMatch(/^version: 1.5 is not a valid version/);
    expect(messagesOf(withChange((d) => (d.version = 0)))[0]).toBe('version 0 is older than any version this Mixgraph can read (oldest: 1)');
  });

  it('checks name, description, nodes and edges types', () => {
    const messages = messagesOf(
      withChange((d) => {
        d.name = 7;
        d.description = false;
        (d as Doc).nodes = {};
        delete (d as Doc).edges;
      }),
    );
    expect(messages).toContain('name: expected text, got 7');
    expect(messages).toContain('description: expected text, got false');
    expect(messages).toContain('nodes: expected an array of nodes, got an object');
    expect(messages).toContain('edges: missing; expected an array of edges (use [] for none)');
  });
});

describe('parseGraph: nodes', () => {
  it.each<[string, (d: Doc & { nodes: NodeDoc[]; edges: Doc[] }) => void, string]>([
    ['a missing id', (d) => delete d.nodes[1].id, 'nodes[1].id: missing; every item needs an id'],
    ['an empty id', (d) => (d.nodes[1].id = ''), 'nodes[1].id: "" must not be empty'],
    ['an id with a space', (d) => (d.nodes[1].id = 'eq 1'), 'nodes[1] "eq 1".id: "eq 1" may only contain letters, digits, "_", "-" and "."'],
    ['a 65-character id', (d) => (d.nodes[1].id = 'x'.repeat(65)), `nodes[1] "${'x'.repeat(64)}…".id: "${'x'.repeat(60)}…" is 65 characters long (at most 64)`],
    ['a numeric id', (d) => (d.nodes[1].id = 5), 'nodes[1].id: expected a string, got 5'],
    ['a duplicate id', (d) => (d.nodes[2].id = 'eq1'), 'nodes[2] "eq1": id "eq1" is already used by nodes[1] "eq1"'],
    ['an unknown type', (d) => (d.nodes[1].type = 'filtr'), 'nodes[1] "eq1".type: unknown node type "filtr"; did you mean "filter"? (known types are gen, filter, comp, mix, master, scope)'],
    ['a missing type', (d) => delete d.nodes[1].type, 'nodes[1] "eq1".type: missing; known types are gen, filter, comp, mix, master, scope'],
    ['a non-string label', (d) => (d.nodes[1].label = 3), 'nodes[1] "eq1".label: expected text, got 3'],
    ['a missing position', (d) => delete d.nodes[1].position, 'nodes[1] "eq1".position: missing; expected { "x": number, "y": number }'],
    ['a string coordinate', (d) => (d.nodes[1].position = { x: '1', y: 0 }), 'nodes[1] "eq1".position.x: expected a number, got "1"'],
    ['a NaN coordinate', (d) => (d.nodes[1].position = { x: 0, y: Number.NaN }), 'nodes[1] "eq1".position.y: NaN is not a finite number'],
    ['an extra position key', (d) => (d.nodes[1].position = { x: 0, y: 0, z: 1 }), 'nodes[1] "eq1".position.z: unknown key "z"; a position has x, y'],
    ['a non-boolean bypass', (d) => (d.nodes[1].bypass = 'yes'), 'nodes[1] "eq1".bypass: expected true or false, got "yes"'],
    ['an unknown node key', (d) => ((d.nodes[1] as Doc).prams = {}), 'nodes[1] "eq1".prams: unknown key "prams"; did you mean "params"? a node has id, type, label, position, bypass, params'],
    ['params as an array', (d) => ((d.nodes[1] as Doc).params = []), 'nodes[1] "eq1".params: expected an object of param values, got an array'],
    ['a node that is not an object', (d) => ((d.nodes as unknown[])[1] = 'eq1'), 'nodes[1]: expected a node object, got "eq1"'],
  ])('rejects %s, naming the node', (_name, change, message) => {
    expect(messagesOf(withChange(change))).toContain(message);
  });

  it('attaches the node id to node issues', () => {
    const errors = errorsOf(withChange((d) => (d.nodes[1].params.freq = 1e6)));
    expect(errors[0].nodeId).toBe('eq1');
    expect(errors[0].path).toBe('nodes[1] "eq1".params.freq');
  });
});

describe('parseGraph: params', () => {
  it.each<[string, (d: Doc & { nodes: NodeDoc[] }) => void, string]>([
    ['a number above the maximum', (d) => (d.nodes[1].params.freq = 30000), 'nodes[1] "eq1".params.freq: 30000 is above the maximum 20000 Hz'],
    ['a number below the minimum', (d) => (d.nodes[0].params.level = -90), 'nodes[0] "src".params.level: -90 is below the minimum -80 dB'],
    ['a number given as text', (d) => (d.nodes[0].params.level = '-6'), 'nodes[0] "src".params.level: expected a number from -80 dB to 0 dB, got "-6"'],
    ['Infinity', (d) => (d.nodes[0].params.level = -Infinity), 'nodes[0] "src".params.level: -Infinity is not a finite number (expected from -80 dB to 0 dB)'],
    ['NaN', (d) => (d.nodes[1].params.freq = Number.NaN), 'nodes[1] "eq1".params.freq: NaN is not a finite number (expected from 20 Hz to 20000 Hz)'],
    ['a boolean given as text', (d) => (d.nodes[0].params.loop = 'true'), 'nodes[0] "src".params.loop: expected true or false, got "true"'],
    ['an enum value not among the options', (d) => (d.nodes[1].params.mode = 'hipass'), 'nodes[1] "eq1".params.mode: "hipass" is not one of "lowpass", "highpass", "bandpass"; did you mean "highpass"?'],
    ['an enum value of the wrong type', (d) => (d.nodes[1].params.mode = 2), 'nodes[1] "eq1".params.mode: 2 is not one of "lowpass", "highpass", "bandpass"'],
    ['a numeric option written as text', (d) => (d.nodes[1].params.slope = '24'), 'nodes[1] "eq1".params.slope: "24" is not one of 12, 24 (dB/oct); write 24 (a number, without quotes)'],
    ['a numeric option out of the list', (d) => (d.nodes[1].params.slope = 18), 'nodes[1] "eq1".params.slope: 18 is not one of 12, 24 (dB/oct)'],
    ['a string that misses the pattern', (d) => (d.nodes[0].params.clip = 'http://x/y.wav'), 'nodes[0] "src".params.clip: "http://x/y.wav" is not valid; expected demo:<stem> or file:<name>'],
    ['a string param given a number', (d) => (d.nodes[0].params.clip = 3), 'nodes[0] "src".params.clip: expected text, got 3'],
    ['a very long string', (d) => (d.nodes[0].params.clip = `file:${'a'.repeat(2000)}`), 'nodes[0] "src".params.clip: text is too long (2005 characters; at most 1000)'],
    ['an unknown param', (d) => (d.nodes[1].params.frequency = 100), 'nodes[1] "eq1".params.frequency: unknown param (filter params are freq, mode, slope, on)'],
    ['a misspelt param', (d) => (d.nodes[1].params.freg = 100), 'nodes[1] "eq1".params.freg: unknown param; did you mean "freq"? (filter params are freq, mode, slope, on)'],
    ['an object as a value', (d) => (d.nodes[1].params.freq = { value: 100 }), 'nodes[1] "eq1".params.freq: expected a number from 20 Hz to 20000 Hz, got an object'],
  ])('rejects %s with place, value and limit', (_name, change, message) => {
    expect(messagesOf(withChange(change))).toEqual([message]);
  });

  it('names units that attach without a space and the "off" floor', () => {
    const doc = withChange((d) => {
      d.nodes.push({ id: 'c1', type: 'comp', position: { x: 0, y: 0 }, params: { ratio: 25 } });
      d.nodes.push({ id: 'm1', type: 'mix', position: { x: 0, y: 0 }, params: { gain: -120 } });
      d.nodes.push({ id: 'sc', type: 'scope', position: { x: 0, y: 0 }, params: { gain: 0 } });
    });
    expect(messagesOf(doc)).toEqual([
      'nodes[3] "c1".params.ratio: 25 is above the maximum 20:1',
      'nodes[4] "m1".params.gain: -120 is below the minimum -100 dB (off)',
      'nodes[5] "sc".params.gain: unknown param (the scope node has no params)',
    ]);
  });

  it('accepts every valid kind of value at its limits', () => {
    const doc = withChange((d) => {
      d.nodes[0].params = { clip: 'file:take 1.wav', level: -80, loop: false };
      d.nodes[1].params = { freq: 20000, mode: 'bandpass', slope: 24, on: false };
    });
    expect(parse(doc).ok).toBe(true);
  });
});

describe('parseGraph: __proto__, constructor and prototype keys', () => {
  const places: [string, string, string][] = [
    ['top level', '{"__proto__": {"polluted": true}, "format": "mixgraph", "version": 1, "name": "x", "nodes": [], "edges": []}', 'document: key "__proto__" is not allowed'],
    ['a node', '{"format":"mixgraph","version":1,"name":"x","nodes":[{"id":"a","type":"gen","position":{"x":0,"y":0},"params":{},"__proto__":{"polluted":true}}],"edges":[]}', 'nodes[0] "a": key "__proto__" is not allowed'],
    ['params', '{"format":"mixgraph","version":1,"name":"x","nodes":[{"id":"a","type":"gen","position":{"x":0,"y":0},"params":{"__proto__":{"polluted":true},"level":-3}}],"edges":[]}', 'nodes[0] "a".params: key "__proto__" is not allowed'],
    ['params (constructor)', '{"format":"mixgraph","version":1,"name":"x","nodes":[{"id":"a","type":"gen","position":{"x":0,"y":0},"params":{"constructor":{"prototype":{"polluted":true}}}}],"edges":[]}', 'nodes[0] "a".params: key "constructor" is not allowed'],
    ['a position', '{"format":"mixgraph","version":1,"name":"x","nodes":[{"id":"a","type":"gen","position":{"x":0,"y":0,"__proto__":{"polluted":true}},"params":{}}],"edges":[]}', 'nodes[0] "a".position: key "__proto__" is not allowed'],
    ['an edge port', '{"format":"mixgraph","version":1,"name":"x","nodes":[{"id":"a","type":"gen","position":{"x":0,"y":0},"params":{}},{"id":"b","type":"master","position":{"x":0,"y":0},"params":{}}],"edges":[{"id":"e","from":{"node":"a","port":"out","__proto__":{"polluted":true}},"to":{"node":"b","port":"in"}}]}', 'edges[0] "e".from: key "__proto__" is not allowed'],
    ['a group (prototype)', '{"format":"mixgraph","version":1,"name":"x","nodes":[],"edges":[],"groups":[{"id":"g","label":"G","color":"red","nodes":[],"prototype":{"polluted":true}}]}', 'groups[0] "g": key "prototype" is not allowed'],
  ];

  it.each(places)('rejects the key in %s and never merges it', (_where, text, start) => {
    const doc: unknown = JSON.parse(text);
    const messages = messagesOf(doc);
    expect(messages.some((m) => m.startsWith(start))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores fields inherited from a polluted Object.prototype', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    proto.label = 'injected';
    try {
      const result = parse(validDoc());
      if (!result.ok) throw new Error('valid');
      expect(Object.prototype.hasOwnProperty.call(result.graph.nodes[1], 'label')).toBe(false);
    } finally {
      delete proto.label;
    }
  });
});

describe('parseGraph: edges', () => {
  it.each<[string, (d: Doc & { nodes: NodeDoc[]; edges: Doc[] }) => void, string]>([
    ['a wire from a missing node', (d) => ((d.edges[0].from as Doc).node = 'vox9'), 'edges[0] "e1": from node "vox9" does not exist'],
    ['a wire to a missing node', (d) => ((d.edges[1].to as Doc).node = 'master9'), 'edges[1] "e2": to node "master9" does not exist'],
    ['a wire starting at an input', (d) => (d.edges[1].from = { node: 'eq1', port: 'in' }), 'edges[1] "e2": from port "in" of "eq1" (filter) is an input; a wire must start at an output (its outputs: out)'],
    ['a wire ending at an output', (d) => (d.edges[0].to = { node: 'eq1', port: 'out' }), 'edges[0] "e1": to port "out" of "eq1" (filter) is an output; a wire must end at an input (its inputs: in)'],
    ['an unknown port', (d) => (d.edges[0].from = { node: 'src', port: 'outt' }), 'edges[0] "e1": "src" (gen) has no output port "outt"; did you mean "out"? (its outputs: out)'],
    ['a wire out of a node without outputs', (d) => d.edges.push({ id: 'e3', from: { node: 'out', port: 'out' }, to: { node: 'eq1', port: 'in' } }), 'edges[2] "e3": "out" (master) has no output port "out" (it has no outputs)'],
    ['a self-loop', (d) => d.edges.push({ id: 'e3', from: { node: 'eq1', port: 'out' }, to: { node: 'eq1', port: 'in' } }), 'edges[2] "e3": wire from "eq1" back into itself; audio cannot flow in a loop'],
    ['a duplicate wire', (d) => d.edges.push({ id: 'e3', from: { node: 'src', port: 'out' }, to: { node: 'eq1', port: 'in' } }), 'edges[2] "e3": duplicates edges[0] "e1" (src.out → eq1.in)'],
    ['a duplicate edge id', (d) => d.edges.push({ id: 'e1', from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }), 'edges[2] "e1": id "e1" is already used by edges[0] "e1"'],
    ['an unknown edge key', (d) => (d.edges[0].source = 'src'), 'edges[0] "e1".source: unknown key "source"; an edge has id, from, to'],
    ['a missing end', (d) => delete d.edges[0].to, 'edges[0] "e1".to: missing; expected { "node": id, "port": port id }'],
    ['a non-string port', (d) => (d.edges[0].to = { node: 'eq1', port: 0 }), 'edges[0] "e1".to.port: expected a port id, got 0'],
  ])('rejects %s, naming the edge', (_name, change, message) => {
    expect(messagesOf(withChange(change))).toContain(message);
  });

  it('attaches the edge id (and the node, for port problems)', () => {
    const errors = errorsOf(withChange((d) => (d.edges[1].from = { node: 'eq1', port: 'in' })));
    expect(errors[0].edgeId).toBe('e2');
    expect(errors[0].nodeId).toBe('eq1');
  });

  it('names every node of a cycle, in wire order, and its wires', () => {
    const doc = {
      format: 'mixgraph',
      version: 1,
      name: 'loop',
      nodes: ['c', 'a', 'b'].map((id) => ({ id, type: 'filter', position: { x: 0, y: 0 }, params: {} })),
      edges: [
        { id: 'w1', from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } },
        { id: 'w2', from: { node: 'b', port: 'out' }, to: { node: 'c', port: 'in' } },
        { id: 'w3', from: { node: 'c', port: 'out' }, to: { node: 'a', port: 'in' } },
      ],
    };
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.message)).toEqual(['cycle: a → b → c → a; audio cannot flow in a loop, remove one of the wires w1, w2, w3']);
    expect(errors[0].nodeId).toBe('a');
  });

  it('reports each separate loop', () => {
    const ids = ['p', 'q', 'x', 'y', 'z'];
    const wire = (id: string, from: string, to: string) => ({ id, from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });
    const doc = {
      format: 'mixgraph',
      version: 1,
      name: 'two loops',
      nodes: ids.map((id) => ({ id, type: 'filter', position: { x: 0, y: 0 }, params: {} })),
      edges: [wire('1', 'p', 'q'), wire('2', 'q', 'p'), wire('3', 'q', 'x'), wire('4', 'x', 'y'), wire('5', 'y', 'z'), wire('6', 'z', 'x')],
    };
    const cycles = messagesOf(doc).filter((m) => m.startsWith('cycle:'));
    expect(cycles.map((m) => m.split(';')[0])).toEqual(['cycle: p → q → p', 'cycle: x → y → z → x']);
  });
});

describe('parseGraph: the master node', () => {
  it('requires exactly one node of the master type when asked', () => {
    const none = withChange((d) => {
      d.nodes.pop();
      d.edges.pop();
    });
    expect(messagesOf(none, MASTER)).toEqual(['the graph needs exactly one master node; found 0']);
    const two = withChange((d) => {
      d.nodes[2].id = 'out1';
      (d.edges[1].to as Doc).node = 'out1';
      d.nodes.push({ id: 'out2', type: 'master', position: { x: 0, y: 0 }, params: {} });
      (d.groups as { nodes: string[] }[])[0].nodes = ['src'];
    });
    expect(messagesOf(two, MASTER)).toEqual(['the graph needs exactly one master node; found 2: out1, out2']);
    expect(parse(two).ok).toBe(true); // without the option the graph layer names no type
  });
});

describe('parseGraph: notes and groups', () => {
  it.each<[string, (d: Doc) => void, string]>([
    ['a note id used by a node', (d) => ((d.notes as Doc[])[0].id = 'eq1'), 'notes[0] "eq1": id "eq1" is already used by nodes[1] "eq1"'],
    ['a negative note width', (d) => ((d.notes as Doc[])[0].width = -5), 'notes[0] "note1".width: -5 is negative; expected 0 or more'],
    ['a note without text', (d) => delete (d.notes as Doc[])[0].text, 'notes[0] "note1".text: missing; expected text'],
    ['notes that are not an array', (d) => (d.notes = {}), 'notes: expected an array of notes, got an object'],
    ['a group naming a missing node', (d) => ((d.groups as Doc[])[0].nodes = ['src', 'ghost']), 'groups[0] "grp1".nodes[1]: node "ghost" does not exist'],
    ['a group listing a node twice', (d) => ((d.groups as Doc[])[0].nodes = ['src', 'src']), 'groups[0] "grp1".nodes[1]: node "src" is listed twice'],
    ['a group color that is not a color', (d) => ((d.groups as Doc[])[0].color = 'red;background:url(x)'), 'groups[0] "grp1".color: "red;background:url(x)" is not a color; expected #rrggbb (or #rgb, #rrggbbaa) or a CSS color name'],
    ['a group id used by a note', (d) => ((d.groups as Doc[])[0].id = 'note1'), 'groups[0] "note1": id "note1" is already used by notes[0] "note1"'],
  ])('rejects %s', (_name, change, message) => {
    const doc = validDoc();
    change(doc);
    expect(messagesOf(doc)).toContain(message);
  });
});

describe('parseGraph: collecting errors', () => {
  it('reports every problem, not just the first', () => {
    const messages = messagesOf(
      withChange((d) => {
        d.nodes[0].params.level = 5;
        d.nodes[1].type = 'nope';
        (d.edges[1].to as Doc).node = 'ghost';
      }),
    );
    expect(messages).toHaveLength(3);
  });

  it('caps the list at 100 with "…and N more errors"', () => {
    const doc = withChange((d) => {
      for (let i = 0; i < 250; i++) d.nodes.push({ id: `bad${i}`, type: 'filter', position: { x: 0, y: 0 }, params: { freq: 0, on: 1 } });
    });
    const messages = messagesOf(doc);
    // 250 nodes × 2 param errors = 500 errors: 100 shown, 400 summarized.
    expect(messages).toHaveLength(101);
    expect(messages[100]).toBe('…and 400 more errors');
    const custom = parseGraph(doc, testCatalog, { maxIssues: 10 });
    expect(custom.ok === false && custom.errors.length).toBe(11);
  });

  it('refuses absurdly large arrays quickly instead of walking them', () => {
    const nodes: unknown[] = [];
    nodes.length = 4_000_000_000; // sparse: walking it would take minutes
    const messages = messagesOf({ format: 'mixgraph', version: 1, name: 'x', nodes, edges: [] });
    expect(messages).toEqual(['nodes: 4000000000 nodes is more than the 20000 a graph may hold']);
  });
});
