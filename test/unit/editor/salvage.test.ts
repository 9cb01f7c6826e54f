import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../../src/graph/parse';
import { salvageDocument } from '../../../src/ui/persistence/salvage';
import { sampleGraph, testCatalog as catalog } from './fixtures';

describe('salvageDocument (opening what still validates)', () => {
  it('returns a valid document unchanged', () => {
    const g = sampleGraph();
    const parsed = parseGraph(g, catalog);
    if (!parsed.ok) throw new Error('fixture should be valid');
    const result = salvageDocument(JSON.stringify(g), catalog);
    expect(result?.graph).toEqual(parsed.graph);
    expect(result?.changes).toEqual([]);
  });

  it('resets a bad param, leaves out an unknown node and the wires that named it', () => {
    const doc = sampleGraph() as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    (doc.nodes[1].params as Record<string, unknown>).p1Gain = 99;
    doc.nodes.push({ id: 'alien', type: 'theremin', position: { x: 0, y: 0 }, params: {} });
    doc.edges.push({ id: 'w9', from: { node: 'alien', port: 'out' }, to: { node: 'bus', port: 'in' } });
    const result = salvageDocument(JSON.stringify(doc), catalog);
    if (result === undefined) throw new Error('nothing salvaged');
    expect(result.graph.nodes.map((n) => n.id)).toEqual(['drums', 'eqd', 'bass', 'bus', 'master']);
    expect(result.graph.nodes[1].params).toEqual({});
    expect(result.graph.edges.map((e) => e.id)).toEqual(['w1', 'w2', 'w3']);
    expect(result.changes).toContain('reset "eqd".p1Gain to its default');
    expect(result.changes.some((c) => c.includes('"alien"'))).toBe(true);
    expect(parseGraph(result.graph, catalog).ok).toBe(true);
  });

  it('breaks a loop by leaving out the wire that closes it', () => {
    const doc = sampleGraph() as unknown as { edges: Record<string, unknown>[] };
    doc.edges.push({ id: 'back', from: { node: 'bus', port: 'out' }, to: { node: 'eqd', port: 'in' } });
    const result = salvageDocument(JSON.stringify(doc), catalog);
    expect(result?.graph.edges.map((e) => e.id).sort()).toHaveLength(3);
    expect(parseGraph(result?.graph, catalog).ok).toBe(true);
    expect(result?.changes.some((c) => c.includes('to break a loop'))).toBe(true);
  });

  it('gives up on text that is not a JSON object of the format', () => {
    expect(salvageDocument('{"format": ', catalog)).toBeUndefined();
    expect(salvageDocument('[1,2]', catalog)).toBeUndefined();
    expect(salvageDocument('{"format":"other"}', catalog)).toBeUndefined();
  });
});
