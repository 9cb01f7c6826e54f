/**
 * Small builders for live-engine unit tests: graphs from a compact description, and a latency
 * function the tests control (so expected delays are computed here, not read from our output).
 */
import type { Graph, GraphNode, ParamValue } from '../../../src/graph/types';
import type { LatencyOf } from '../../../src/runtime/live/liveState';

export type NodeSpec = [id: string, type: string, params?: Record<string, ParamValue>, bypass?: boolean];

/** `wires` as "from>to" or "from>to.port" (default port `in`; outputs are always `out`). */
export function graph(nodes: NodeSpec[], wires: string[]): Graph {
  return {
    format: 'mixgraph',
    version: 1,
    name: 'test',
    nodes: nodes.map(([id, type, params = {}, bypass]): GraphNode => ({
      id,
      type,
      position: { x: 0, y: 0 },
      params,
      ...(bypass === undefined ? {} : { bypass }),
    })),
    edges: wires.map((w) => {
      const [from, toSpec] = w.split('>');
      const [to, port = 'in'] = toSpec.split('.');
      return { id: `${from}>${to}.${port}`, from: { node: from, port: 'out' }, to: { node: to, port } };
    }),
  };
}

/** Limiters report `lookahead` ms as samples at 48 kHz; every other node has no latency. */
export const testLatency: LatencyOf = (definition, params) =>
  definition.type === 'limiter' ? Math.round((params.lookahead as number) * 48) : 0;
