import { describe, expect, it } from 'vitest';
import { type EditResult, addNodeAfter, applyEdit, freePosition, spliceNode, PLACEMENT_MARGIN } from '../../../src/graph/commands';
import { createHistory, execute, undo } from '../../../src/graph/history';
import type { Graph } from '../../../src/graph/types';
import { sampleGraph, testCatalog as catalog } from './fixtures';

const SIZE = { width: 200, height: 120 };
const sizes = { get: () => SIZE };

function applied<T extends object>(r: EditResult<T>, g: Graph): Graph {
  if (!r.ok) throw new Error(r.reason);
  return applyEdit(g, r.edit);
}

const wires = (g: Graph) => g.edges.map((e) => `${e.from.node}>${e.to.node}`).sort();

function overlaps(g: Graph, id: string): string[] {
  const a = g.nodes.find((n) => n.id === id)!.position;
  return g.nodes
    .filter((n) => n.id !== id)
    .filter((n) => {
      const b = n.position;
      return a.x < b.x + SIZE.width + PLACEMENT_MARGIN && b.x < a.x + SIZE.width + PLACEMENT_MARGIN && a.y < b.y + SIZE.height + PLACEMENT_MARGIN && b.y < a.y + SIZE.height + PLACEMENT_MARGIN;
    })
    .map((n) => n.id);
}

describe('freePosition', () => {
  it('keeps the wanted spot when it is free, snapped to the grid', () => {
    expect(freePosition(sampleGraph(), { x: 1011, y: 1009 }, SIZE, sizes, 20)).toEqual({ x: 1020, y: 1000 });
  });

  it('never puts a node on another: repeated placements at one point all land apart', () => {
    let g = sampleGraph();
    for (let i = 0; i < 12; i++) {
      const p = freePosition(g, { x: 600, y: 100 }, SIZE, sizes, 20); // on top of the master
      g = { ...g, nodes: [...g.nodes, { id: `n${i}`, type: 'eq', position: p, params: {} }] };
      expect(overlaps(g, `n${i}`)).toEqual([]);
    }
  });

  it('takes the nearest free spot', () => {
    const g: Graph = { ...sampleGraph(), nodes: [{ id: 'a', type: 'eq', position: { x: 0, y: 0 }, params: {} }], edges: [], groups: undefined };
    const p = freePosition(g, { x: 0, y: 0 }, SIZE, sizes, 20);
    // Right of a (200 + margin) is 220 away; below (120 + margin) is 140 away: below wins.
    expect(p).toEqual({ x: 0, y: 140 });
  });
});

describe('spliceNode', () => {
  it('turns A → B into A → node → B, keeping the wire id and the target port', () => {
    let g = sampleGraph();
    g = applied({ ok: true, edit: { label: '', history: 'record', recipe: (d) => void d.nodes.push({ id: 'comp', type: 'compressor', position: { x: 0, y: 0 }, params: {} }) } }, g);
    const r = spliceNode(g, catalog, 'comp', 'w2'); // eqd → bus
    const next = applied(r, g);
    expect(wires(next)).toEqual(['bus>master', 'comp>bus', 'drums>eqd', 'eqd>comp']);
    expect(next.edges.find((e) => e.id === 'w2')).toMatchObject({ from: { node: 'eqd' }, to: { node: 'comp', port: 'in' } });
  });

  it('refuses a node without an input or an output, with the reason', () => {
    const r = spliceNode(sampleGraph(), catalog, 'bass', 'w3');
    expect(r).toEqual({ ok: false, reason: '"Bass" cannot go into a wire: only a node with an input and an output can (a source has no input).' });
    expect(spliceNode(sampleGraph(), catalog, 'master', 'w1').ok).toBe(false);
  });

  it('refuses a loop, naming it', () => {
    // bus is downstream of eqd: splicing bus into drums → eqd closes eqd → bus → eqd.
    const r = spliceNode(sampleGraph(), catalog, 'bus', 'w1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^Cannot put "bus" into that wire: That wire would make a loop: .*bus/);
  });

  it('refuses a wire the node is an end of', () => {
    expect(spliceNode(sampleGraph(), catalog, 'eqd', 'w1')).toEqual({ ok: false, reason: '"Drums EQ" is already at an end of that wire.' });
  });

  it('is one undo step', () => {
    let h = createHistory(sampleGraph());
    const added = addNodeAfter(h.graph, catalog, { type: 'eq', position: { x: 0, y: 0 } }, 'eqd', SIZE, sizes, 20);
    if (!added.ok) throw new Error(added.reason);
    h = execute(h, added.edit);
    expect(h.undoStack).toHaveLength(1);
    expect(undo(h).graph).toEqual(sampleGraph());
  });
});

describe('addNodeAfter', () => {
  it('splices into the one wire out of the selected node, placed to its right in free space', () => {
    const g = sampleGraph();
    const r = addNodeAfter(g, catalog, { type: 'compressor', position: { x: 0, y: 0 } }, 'eqd', SIZE, sizes, 20);
    expect(r.ok && r.mode).toBe('spliced');
    const next = applied(r, g);
    expect(wires(next)).toEqual(['bus>master', 'compressor1>bus', 'drums>eqd', 'eqd>compressor1']);
    const p = next.nodes.find((n) => n.id === 'compressor1')!.position;
    expect(p.x).toBeGreaterThanOrEqual(200 + SIZE.width);
    expect(overlaps(next, 'compressor1')).toEqual([]);
  });

  it('wires from a selected node with no wire out', () => {
    const g = sampleGraph();
    const r = addNodeAfter(g, catalog, { type: 'eq', position: { x: 0, y: 0 } }, 'bass', SIZE, sizes, 20);
    expect(r.ok && r.mode).toBe('wired');
    expect(wires(applied(r, g))).toContain('bass>eq1');
  });

  it('only places when the choice is ambiguous (two wires out) or the new node takes no input', () => {
    let g = sampleGraph();
    g = { ...g, edges: [...g.edges, { id: 'w9', from: { node: 'eqd', port: 'out' }, to: { node: 'master', port: 'in' } }] };
    const two = addNodeAfter(g, catalog, { type: 'eq', position: { x: 0, y: 0 } }, 'eqd', SIZE, sizes, 20);
    expect(two.ok && two.mode).toBe('placed');
    expect(wires(applied(two, g))).toEqual(wires(g));
    const source = addNodeAfter(sampleGraph(), catalog, { type: 'source', position: { x: 0, y: 0 } }, 'bass', SIZE, sizes, 20);
    expect(source.ok && source.mode).toBe('placed');
  });
});
