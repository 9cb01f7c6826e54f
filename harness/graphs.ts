/**
 * Compact graph construction for the harness: `graph(name, nodes, wires)` with wires written
 * "from>to" or "from>to.port" (port `in` by default; every output port is `out`).
 */
import type { Graph, GraphNode, ParamValue } from '../src/graph/types';

export type NodeSpec = [id: string, type: string, params?: Record<string, ParamValue>, bypass?: boolean];

export function graph(name: string, nodes: NodeSpec[], wires: string[]): Graph {
  return {
    format: 'mixgraph',
    version: 1,
    name,
    nodes: nodes.map(
      ([id, type, params = {}, bypass], i): GraphNode => ({
        id,
        type,
        position: { x: 200 * i, y: 0 },
        params,
        ...(bypass === undefined ? {} : { bypass }),
      }),
    ),
    edges: wires.map((w) => {
      const [from, toSpec] = w.split('>');
      const [to, port = 'in'] = toSpec.split('.');
      return { id: `${from}>${to}.${port}`, from: { node: from, port: 'out' }, to: { node: to, port } };
    }),
  };
}

/** `source` → `node` → `output`: one node type alone, fed by a demo stem. */
export function alone(name: string, stem: string, type: string, params: Record<string, ParamValue>, bypass?: boolean): Graph {
  return graph(
    name,
    [
      ['src', 'source', { clip: `demo:${stem}` }],
      ['fx', type, params, bypass],
      ['out', 'output'],
    ],
    ['src>fx', 'fx>out'],
  );
}
