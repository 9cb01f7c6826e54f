import { describe, expect, it } from 'vitest';
import {
  compareIds,
  downstreamOf,
  findCycles,
  topologicalOrder,
  upstreamOf,
  wouldCreateCycle,
  type TopologyInput,
} from '../../../src/graph/topology';
import { mulberry32 } from './helpers';

interface Wire {
  from: { node: string };
  to: { node: string };
}

const wire = (from: string, to: string): Wire => ({ from: { node: from }, to: { node: to } });
const graphOf = (ids: string[], wires: [string, string][]): TopologyInput => ({
  nodes: ids.map((id) => ({ id })),
  edges: wires.map(([a, b]) => wire(a, b)),
});

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function randomIds(count: number, rand: () => number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';
  const ids = new Set<string>();
  while (ids.size < count) {
    const length = 1 + Math.floor(rand() * 4);
    let id = '';
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(rand() * alphabet.length)];
    ids.add(id);
  }
  return [...ids];
}

/** A random DAG: wires only go forward in a hidden random order; parallel wires allowed. */
function randomDag(rand: () => number, maxNodes: number): { ids: string[]; wires: [string, string][] } {
  const n = 1 + Math.floor(rand() * maxNodes);
  const hidden = randomIds(n, rand);
  const wires: [string, string][] = [];
  const density = rand() * 0.3;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (rand() < density) wires.push([hidden[i], hidden[j]]);
      if (rand() < density * 0.05) wires.push([hidden[i], hidden[j]]); // a parallel wire
    }
  }
  return { ids: shuffle(hidden, rand), wires: shuffle(wires, rand) };
}

/**
 * Reference by definition, O(n²·e): the lexicographically smallest topological order is built by
 * repeatedly taking the smallest id whose every predecessor is already taken.
 */
function smallestTopologicalOrder(ids: string[], wires: [string, string][]): string[] {
  const taken = new Set<string>();
  const order: string[] = [];
  while (order.length < ids.length) {
    const ready = ids.filter((id) => !taken.has(id) && wires.every(([a, b]) => b !== id || taken.has(a)));
    ready.sort(compareIds);
    taken.add(ready[0]);
    order.push(ready[0]);
  }
  return order;
}

/** Every consecutive pair of `cycle` (and last → first) is a wire, and no node repeats. */
function isCycleOf(cycle: string[], wires: [string, string][]): boolean {
  const set = new Set(wires.map(([a, b]) => `${a}\u0000${b}`));
  if (new Set(cycle).size !== cycle.length || cycle.length === 0) return false;
  return cycle.every((id, i) => set.has(`${id}\u0000${cycle[(i + 1) % cycle.length]}`));
}

describe('topologicalOrder', () => {
  it('orders 1,000 random DAGs: every node once, every wire forward, ties by id, deterministic', () => {
    const rand = mulberry32(20240611);
    for (let trial = 0; trial < 1000; trial++) {
      const { ids, wires } = randomDag(rand, 40);
      const result = topologicalOrder(graphOf(ids, wires));
      if (!result.ok) throw new Error(`trial ${trial}: a DAG was reported cyclic`);
      const position = new Map(result.order.map((id, i) => [id, i]));
      expect(result.order.length).toBe(ids.length);
      expect(position.size).toBe(ids.length);
      for (const [a, b] of wires) expect(position.get(a) as number).toBeLessThan(position.get(b) as number);
      // Tie-break by id: exactly the lexicographically smallest valid order.
      expect(result.order).toEqual(smallestTopologicalOrder(ids, wires));
      // Deterministic: array order of nodes and wires does not matter.
      const again = topologicalOrder(graphOf(shuffle(ids, rand), shuffle(wires, rand)));
      expect(again).toEqual(result);
    }
  });

  it('breaks ties by UTF-16 code units, not locale (B before a, 10 before 9)', () => {
    const result = topologicalOrder(graphOf(['a', 'B', '9', '10', 'é', 'z'], []));
    expect(result).toEqual({ ok: true, order: ['10', '9', 'B', 'a', 'z', 'é'] });
  });

  it('ignores wires to nodes that are not in the graph', () => {
    expect(topologicalOrder(graphOf(['b', 'a'], [['a', 'ghost'], ['ghost', 'b']]))).toEqual({ ok: true, order: ['a', 'b'] });
  });

  it('returns exactly the nodes of a planted cycle, in wire order, from its smallest id', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(rand() * 30);
      const ids = randomIds(n, rand);
      const k = 1 + Math.floor(rand() * Math.min(6, n));
      const cycle = ids.slice(0, k);
      // Nodes before the cycle may feed it; nodes after it may be fed by it; no way back.
      const rest = ids.slice(k);
      const cut = Math.floor(rand() * (rest.length + 1));
      const before = rest.slice(0, cut);
      const after = rest.slice(cut);
      const wires: [string, string][] = cycle.map((id, i) => [id, cycle[(i + 1) % k]] as [string, string]);
      const forward = (list: string[]): void => {
        for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (rand() < 0.2) wires.push([list[i], list[j]]);
      };
      forward(before);
      forward(after);
      for (const b of before) for (const c of cycle) if (rand() < 0.2) wires.push([b, c]);
      for (const c of cycle) for (const a of after) if (rand() < 0.2) wires.push([c, a]);

      const result = topologicalOrder(graphOf(shuffle(ids, rand), shuffle(wires, rand)));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      const start = cycle.indexOf([...cycle].sort(compareIds)[0]);
      const expected = [...cycle.slice(start), ...cycle.slice(0, start)];
      expect(result.cycle).toEqual(expected);
    }
  });

  it('a self-loop is a one-node cycle', () => {
    expect(topologicalOrder(graphOf(['a', 'b'], [['a', 'b'], ['b', 'b']]))).toEqual({ ok: false, cycle: ['b'] });
  });

  it('handles 10,000 nodes: a chain against id order, a wide layer, and a 10,000-node loop', () => {
    const n = 10_000;
    const ids = Array.from({ length: n }, (_, i) => `n${String(n - i).padStart(5, '0')}`); // ids decrease along the chain
    const chain: [string, string][] = [];
    for (let i = 0; i + 1 < n; i++) chain.push([ids[i], ids[i + 1]]);
    const rand = mulberry32(3);
    for (let k = 0; k < 20_000; k++) {
      const i = Math.floor(rand() * n);
      const j = Math.floor(rand() * n);
      if (i < j) chain.push([ids[i], ids[j]]);
    }
    const ordered = topologicalOrder(graphOf(ids, chain));
    expect(ordered).toEqual({ ok: true, order: ids });

    const wide = topologicalOrder(graphOf(shuffle(ids, rand), []));
    expect(wide).toEqual({ ok: true, order: [...ids].sort(compareIds) });

    // The chain closed into one loop (no shortcuts): the cycle is every node, from the smallest.
    const ring: [string, string][] = ids.map((id, i) => [id, ids[(i + 1) % n]] as [string, string]);
    const loop = topologicalOrder(graphOf(ids, ring));
    expect(loop.ok).toBe(false);
    if (!loop.ok) {
      const start = ids.indexOf('n00001');
      expect(loop.cycle).toEqual([...ids.slice(start), ...ids.slice(0, start)]);
    }
    // With the shortcuts too, a shorter real loop through the smallest id is named.
    const tangled = topologicalOrder(graphOf(ids, [...chain, [ids[n - 1], ids[0]]]));
    expect(tangled.ok === false && tangled.cycle[0]).toBe('n00001');
    if (!tangled.ok) expect(isCycleOf(tangled.cycle, [...chain, [ids[n - 1], ids[0]]])).toBe(true);
  });
});

describe('findCycles', () => {
  it('finds one loop per tangle, each a real cycle, sorted by first id', () => {
    const wires: [string, string][] = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'd'],
      ['x', 'x'],
      ['y', 'a'],
    ];
    const cycles = findCycles(graphOf(['a', 'b', 'c', 'd', 'e', 'x', 'y'], wires));
    expect(cycles).toEqual([['a', 'b', 'c'], ['d', 'e'], ['x']]);
    for (const c of cycles) expect(isCycleOf(c, wires)).toBe(true);
  });

  it('returns a shortest loop through the smallest node of a strongly connected tangle', () => {
    // a → b → c → d → a and a shortcut c → a: the loop through a is a → b → c.
    const wires: [string, string][] = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a'], ['c', 'a']];
    expect(findCycles(graphOf(['d', 'c', 'b', 'a'], wires))).toEqual([['a', 'b', 'c']]);
  });

  it('is empty for a DAG', () => {
    expect(findCycles(graphOf(['a', 'b', 'c'], [['a', 'b'], ['a', 'c'], ['b', 'c']]))).toEqual([]);
  });
});

describe('wouldCreateCycle, upstreamOf, downstreamOf', () => {
  const g = graphOf(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['a', 'd'], ['d', 'c']]);

  it('names the loop a new wire would close, starting at the new wire', () => {
    expect(wouldCreateCycle(g, 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(wouldCreateCycle(g, 'c', 'b')).toEqual(['c', 'b']);
    expect(wouldCreateCycle(g, 'b', 'b')).toEqual(['b']);
    expect(wouldCreateCycle(g, 'a', 'c')).toBeNull();
    expect(wouldCreateCycle(g, 'e', 'a')).toBeNull();
    expect(wouldCreateCycle(g, 'ghost', 'a')).toBeNull();
  });

  it('agrees with topologicalOrder on random graphs', () => {
    const rand = mulberry32(99);
    for (let trial = 0; trial < 200; trial++) {
      const { ids, wires } = randomDag(rand, 15);
      const from = ids[Math.floor(rand() * ids.length)];
      const to = ids[Math.floor(rand() * ids.length)];
      const loop = wouldCreateCycle(graphOf(ids, wires), from, to);
      const after = topologicalOrder(graphOf(ids, [...wires, [from, to]]));
      expect(loop === null).toBe(after.ok);
      if (loop !== null) {
        expect(loop[0]).toBe(from);
        expect(isCycleOf(loop, [...wires, [from, to]])).toBe(true);
      }
    }
  });

  it('lists everything upstream and downstream of a node', () => {
    expect([...upstreamOf(g, 'c')].sort()).toEqual(['a', 'b', 'd']);
    expect([...downstreamOf(g, 'a')].sort()).toEqual(['b', 'c', 'd']);
    expect(upstreamOf(g, 'e').size).toBe(0);
    expect(downstreamOf(g, 'ghost').size).toBe(0);
  });
});
