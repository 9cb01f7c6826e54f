/**
 * Graph order and cycles. The engines process nodes in `topologicalOrder` (Kahn's algorithm,
 * ties broken by id so the same graph always gives the same order); the validator and the
 * editor use the cycle finders to name the nodes of a loop.
 *
 * Everything here is iterative (no recursion), so a 10 000-node chain cannot overflow the stack,
 * and runs in O((V + E) log V) at worst.
 */

/** The least a graph needs for ordering: node ids and the node ids at each wire's ends. */
export interface TopologyInput {
  readonly nodes: readonly { readonly id: string }[];
  readonly edges: readonly { readonly from: { readonly node: string }; readonly to: { readonly node: string } }[];
}

/** Result of `topologicalOrder`: every node once, each after all nodes that feed it, or a cycle. */
export type TopologicalOrder = { ok: true; order: string[] } | { ok: false; cycle: string[] };

/** Compares ids by UTF-16 code units (JS `<`), never by locale, so order is the same everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Integer adjacency lists over node indices; neighbours sorted by id rank for determinism. */
interface Adjacency {
  ids: string[];
  index: Map<string, number>;
  /** rank[i] = position of ids[i] in id order. */
  rank: Int32Array;
  /** byRank[r] = node index with rank r. */
  byRank: Int32Array;
  out: number[][];
  into: number[][];
}

function buildAdjacency(graph: TopologyInput): Adjacency {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const node of graph.nodes) {
    // A duplicate id (only possible in unvalidated input) is one node: the first wins.
    if (!index.has(node.id)) {
      index.set(node.id, ids.length);
      ids.push(node.id);
    }
  }
  const n = ids.length;
  const byRankArray = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareIds(ids[a], ids[b]));
  const byRank = Int32Array.from(byRankArray);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[byRank[r]] = r;

  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  for (const edge of graph.edges) {
    const from = index.get(edge.from.node);
    const to = index.get(edge.to.node);
    // Wires to unknown nodes are the validator's business; here they carry no order.
    if (from === undefined || to === undefined) continue;
    out[from].push(to);
    into[to].push(from);
  }
  const byIdRank = (a: number, b: number): number => rank[a] - rank[b];
  for (let i = 0; i < n; i++) {
    if (out[i].length > 1) out[i].sort(byIdRank);
    if (into[i].length > 1) into[i].sort(byIdRank);
  }
  return { ids, index, rank, byRank, out, into };
}

/** Binary min-heap of small non-negative integers (id ranks). */
class RankHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= value) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = value;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= a.length) break;
        const right = left + 1;
        const child = right < a.length && a[right] < a[left] ? right : left;
        if (a[child] >= last) break;
        a[i] = a[child];
        i = child;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Kahn's algorithm (A. B. Kahn, "Topological sorting of large networks", CACM 1962): repeatedly
 * emit a node with no unprocessed inputs. Among ready nodes the smallest id (by `compareIds`)
 * goes first, which makes the order a pure function of the graph, not of array order.
 * Parallel wires between the same two nodes are fine. On a cycle, returns one cycle as
 * `findCycles` names it (the one whose smallest id is smallest).
 */
export function topologicalOrder(graph: TopologyInput): TopologicalOrder {
  const adj = buildAdjacency(graph);
  const n = adj.ids.length;
  const pending = new Int32Array(n);
  for (let i = 0; i < n; i++) pending[i] = adj.into[i].length;
  const ready = new RankHeap();
  for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(adj.rank[i]);
  const order: string[] = [];
  while (ready.size > 0) {
    const v = adj.byRank[ready.pop()];
    order.push(adj.ids[v]);
    for (const w of adj.out[v]) {
      if (--pending[w] === 0) ready.push(adj.rank[w]);
    }
  }
  if (order.length === n) return { ok: true, order };
  const cycles = cyclesOf(adj);
  // Kahn stalled, so at least one strongly connected component has a cycle.
  return { ok: false, cycle: cycles[0] };
}

/**
 * One cycle per strongly connected component that contains a loop (self-loops included), each
 * as node ids in wire order without repeating the first (`['a','b','c']` means a → b → c → a).
 * Each cycle starts at its component's smallest id and is a shortest loop through that node;
 * the list is sorted by first id. Empty when the graph is acyclic.
 */
export function findCycles(graph: TopologyInput): string[][] {
  return cyclesOf(buildAdjacency(graph));
}

function cyclesOf(adj: Adjacency): string[][] {
  const components = stronglyConnectedComponents(adj);
  const cycles: string[][] = [];
  for (const component of components) {
    if (component.length === 1) {
      const v = component[0];
      if (adj.out[v].includes(v)) cycles.push([adj.ids[v]]);
      continue;
    }
    cycles.push(shortestLoopThroughSmallest(adj, component));
  }
  cycles.sort((a, b) => compareIds(a[0], b[0]));
  return cycles;
}

/**
 * Tarjan's strongly connected components (R. Tarjan, "Depth-first search and linear graph
 * algorithms", SIAM J. Comput. 1972), with an explicit stack instead of recursion.
 */
function stronglyConnectedComponents(adj: Adjacency): number[][] {
  const n = adj.ids.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const nextEdge = new Int32Array(n);
  const stack: number[] = [];
  const calls: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const enter = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    calls.push(v);
  };

  for (let start = 0; start < n; start++) {
    if (order[start] !== -1) continue;
    enter(start);
    while (calls.length > 0) {
      const v = calls[calls.length - 1];
      const edges = adj.out[v];
      if (nextEdge[v] < edges.length) {
        const w = edges[nextEdge[v]++];
        if (order[w] === -1) enter(w);
        else if (onStack[w] === 1 && order[w] < low[v]) low[v] = order[w];
        continue;
      }
      calls.pop();
      if (calls.length > 0) {
        const parent = calls[calls.length - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * Breadth-first search inside one component from its smallest-id node back to itself; the
 * first wire found that closes the loop gives a shortest cycle through that node.
 */
function shortestLoopThroughSmallest(adj: Adjacency, component: number[]): string[] {
  let start = component[0];
  for (const v of component) if (adj.rank[v] < adj.rank[start]) start = v;
  const inComponent = new Set(component);
  const parent = new Map<number, number>([[start, -1]]);
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of adj.out[v]) {
      if (w === start) return pathTo(adj, parent, v);
      if (!inComponent.has(w) || parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  // Unreachable for a real component (every member reaches every other); keep the type total.
  return component.map((v) => adj.ids[v]);
}

/** Ids from the search root to `end`, following `parent` links backwards. */
function pathTo(adj: Adjacency, parent: ReadonlyMap<number, number>, end: number): string[] {
  const path: string[] = [];
  for (let v = end; v !== -1; v = parent.get(v) as number) path.push(adj.ids[v]);
  return path.reverse();
}

/**
 * The loop a new wire `fromNode → toNode` would close, or null if adding it keeps the graph
 * acyclic. The loop is node ids in wire order starting at `fromNode` (`['a','b']` means the new
 * a → b plus the existing b → … → a); a wire from a node to itself gives `[fromNode]`.
 * Uses a breadth-first search from `toNode`, so the loop shown is a shortest one.
 */
export function wouldCreateCycle(graph: TopologyInput, fromNode: string, toNode: string): string[] | null {
  if (fromNode === toNode) return [fromNode];
  const adj = buildAdjacency(graph);
  const from = adj.index.get(fromNode);
  const to = adj.index.get(toNode);
  if (from === undefined || to === undefined) return null;
  const parent = new Map<number, number>([[to, -1]]);
  const queue: number[] = [to];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (v === from) {
      const path = pathTo(adj, parent, v); // toNode … fromNode
      return [fromNode, ...path.slice(0, -1)];
    }
    for (const w of adj.out[v]) {
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return null;
}

/** Ids reachable by following wires backwards from `nodeId` (its sources), excluding itself. */
export function upstreamOf(graph: TopologyInput, nodeId: string): Set<string> {
  const adj = buildAdjacency(graph);
  return reachable(adj, adj.index.get(nodeId), adj.into);
}

/** Ids reachable by following wires forwards from `nodeId` (what it feeds), excluding itself. */
export function downstreamOf(graph: TopologyInput, nodeId: string): Set<string> {
  const adj = buildAdjacency(graph);
  return reachable(adj, adj.index.get(nodeId), adj.out);
}

function reachable(adj: Adjacency, start: number | undefined, next: number[][]): Set<string> {
  const found = new Set<string>();
  if (start === undefined) return found;
  const seen = new Uint8Array(adj.ids.length);
  seen[start] = 1;
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const w of next[queue[head]]) {
      if (seen[w] === 0) {
        seen[w] = 1;
        found.add(adj.ids[w]);
        queue.push(w);
      }
    }
  }
  return found;
}
