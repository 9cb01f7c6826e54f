import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../../src/graph/parse';
import { graphToJSON, serializeGraph } from '../../../src/graph/serialize';
import type { Graph } from '../../../src/graph/types';
import { testCatalog, validDoc, validDocArb } from './helpers';

function parseValid(doc: unknown): Graph {
  const result = parseGraph(doc, testCatalog);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.graph;
}

describe('serializeGraph', () => {
  it('writes 2-space JSON with a trailing newline and a fixed key order', () => {
    const text = serializeGraph(parseValid(validDoc()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "mixgraph",\n  "version": 1,\n  "name": "Test chain",\n  "description"')).toBe(true);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'name', 'description', 'nodes', 'edges', 'notes', 'groups']);
    const nodes = doc.nodes as Record<string, unknown>[];
    expect(Object.keys(nodes[0])).toEqual(['id', 'type', 'label', 'position', 'params']);
    expect(Object.keys(nodes[1])).toEqual(['id', 'type', 'position', 'bypass', 'params']);
  });

  it('sorts params by key and gives the same bytes whatever the key order in memory', () => {
    const g = parseValid(validDoc());
    const shuffled: Graph = {
      ...g,
      nodes: g.nodes.map((n) => ({ params: Object.fromEntries(Object.entries(n.params).reverse()), position: n.position, type: n.type, id: n.id, ...(n.label === undefined ? {} : { label: n.label }), ...(n.bypass === undefined ? {} : { bypass: n.bypass }) })),
    };
    expect(serializeGraph(shuffled)).toBe(serializeGraph(g));
    const params = (JSON.parse(serializeGraph(g)) as { nodes: { params: Record<string, unknown> }[] }).nodes[1].params;
    expect(Object.keys(params)).toEqual(['freq', 'mode']);
  });

  it('omits undefined optional fields and drops fields that are not part of the document', () => {
    const g = parseValid(validDoc());
    const decorated = {
      ...g,
      description: undefined,
      notes: undefined,
      groups: undefined,
      selected: true,
      nodes: g.nodes.map((n) => ({ ...n, label: undefined, bypass: undefined, dragging: false })),
    } as unknown as Graph;
    const doc = JSON.parse(serializeGraph(decorated)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'name', 'nodes', 'edges']);
    expect(Object.keys((doc.nodes as object[])[0])).toEqual(['id', 'type', 'position', 'params']);
  });

  it('graphToJSON returns fresh objects', () => {
    const g = parseValid(validDoc());
    const copy = graphToJSON(g);
    expect(copy).toEqual(g);
    expect(copy.nodes[0]).not.toBe(g.nodes[0]);
    expect(copy.nodes[0].params).not.toBe(g.nodes[0].params);
    expect(copy.edges[0].from).not.toBe(g.edges[0].from);
    expect(copy.groups?.[0].nodes).not.toBe(g.groups?.[0].nodes);
  });

  it('round-trips random valid graphs: parse(serialize(g)) deep-equals g, and bytes are stable', () => {
    fc.assert(
      fc.property(validDocArb, (doc) => {
        const g = parseValid(doc);
        const text = serializeGraph(g);
        const again = parseValid(JSON.parse(text));
        expect(again).toEqual(g);
        expect(serializeGraph(again)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('the generator really produces wired graphs with notes and groups', () => {
    const docs = fc.sample(validDocArb, { numRuns: 200, seed: 1 }) as { edges: unknown[]; notes?: unknown[]; groups?: { nodes: unknown[] }[] }[];
    expect(docs.filter((d) => d.edges.length >= 3).length).toBeGreaterThan(20);
    expect(docs.filter((d) => (d.notes?.length ?? 0) > 0).length).toBeGreaterThan(20);
    expect(docs.filter((d) => d.groups?.some((g) => g.nodes.length > 0)).length).toBeGreaterThan(20);
  });

  it('parse keeps exactly what a random valid document gave', () => {
    fc.assert(
      fc.property(validDocArb, (doc) => {
        const g = parseValid(doc);
        // Compare through JSON, which erases -0 and undefined the same way on both sides.
        expect(JSON.parse(JSON.stringify(g))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });
});
