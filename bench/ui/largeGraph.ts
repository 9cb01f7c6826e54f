/**
 * Large graphs for the editor benchmark: `count` nodes in chains of ten (tone → EQ → gain → pan …),
 * each chain wired into the master, laid out on a grid the way a person would place them.
 */
import type { Graph, GraphEdge, GraphNode, ParamValue } from '../../src/graph/types';

const CHAIN: readonly { type: string; params: Record<string, ParamValue> }[] = [
  { type: 'tone', params: { wave: 'sine', freq: 220, level: -40 } },
  { type: 'eq', params: {} },
  { type: 'gain', params: { gain: -6 } },
  { type: 'pan', params: {} },
  { type: 'gain', params: {} },
  { type: 'eq', params: {} },
  { type: 'width', params: {} },
  { type: 'gain', params: {} },
  { type: 'pan', params: {} },
  { type: 'gain', params: {} },
];

/** Column and row pitch of the grid, in canvas pixels. */
const PITCH = { x: 240, y: 160 };

/** A valid document of `count` nodes (the master included). */
export function largeGraph(count: number): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const chains = Math.ceil((count - 1) / CHAIN.length);
  const master = { id: 'master', type: 'output', label: 'Master', position: { x: (CHAIN.length + 1) * PITCH.x, y: 0 }, params: {} };
  for (let c = 0; c < chains && nodes.length < count - 1; c++) {
    let previous: string | undefined;
    for (let i = 0; i < CHAIN.length && nodes.length < count - 1; i++) {
      const id = `c${c}n${i}`;
      nodes.push({ id, type: CHAIN[i].type, label: `Chain ${c} · ${i}`, position: { x: i * PITCH.x, y: c * PITCH.y }, params: { ...CHAIN[i].params } });
      if (previous !== undefined) edges.push({ id: `w${c}-${i}`, from: { node: previous, port: 'out' }, to: { node: id, port: 'in' } });
      previous = id;
    }
    if (previous !== undefined) edges.push({ id: `w${c}-out`, from: { node: previous, port: 'out' }, to: { node: 'master', port: 'in' } });
  }
  nodes.push(master);
  return { format: 'mixgraph', version: 1, name: `Large graph ${count}`, nodes, edges };
}
