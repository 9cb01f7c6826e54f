/**
 * Mute and solo as monitoring states (docs/editor.md, "Mute and solo"): which wires the live
 * engine silences so that muted nodes are not heard and, while anything is soloed, only the
 * soloed nodes' paths to the master are. Never part of the document or of a render.
 *
 * - Mute X: every wire out of X is silenced (X has no output — the master: every wire into it).
 * - Solo S (one or more nodes, they add): let D be S plus everything downstream of S. A wire
 *   into a node of D that is not itself soloed carries on only if it comes from D, so what
 *   reaches the master has passed through a soloed node ("solo in place"). Wires into soloed
 *   nodes and their upstream are kept (a soloed EQ still hears its source), and so are wires
 *   into optional inputs (a compressor's sidechain key), so dynamics behave as in the mix.
 */
import type { Catalog } from './catalog';
import type { Graph } from './types';
import { specOfNode } from './modules/nodeSpec';

/** Ids of the wires to silence for the given muted and soloed node ids. */
export function silencedWires(graph: Graph, catalog: Catalog, muted: ReadonlySet<string>, soloed: ReadonlySet<string>): Set<string> {
  const silenced = new Set<string>();
  const types = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const id of muted) {
    if (!types.has(id)) continue;
    const hasOutput = (specOfNode(graph, catalog, types.get(id)!)?.outputs.length ?? 0) > 0;
    for (const e of graph.edges) if (hasOutput ? e.from.node === id : e.to.node === id) silenced.add(e.id);
  }
  const solos = [...soloed].filter((id) => types.has(id));
  if (solos.length === 0) return silenced;
  const optional = (nodeId: string, portId: string) => specOfNode(graph, catalog, types.get(nodeId)!)?.inputs.find((p) => p.id === portId)?.optional === true;
  // Downstream along audio paths only: a sidechain key does not carry its signal onwards.
  const downstream = new Set<string>(solos);
  const queue = [...solos];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const e of graph.edges) {
      if (e.from.node === id && !downstream.has(e.to.node) && !optional(e.to.node, e.to.port)) {
        downstream.add(e.to.node);
        queue.push(e.to.node);
      }
    }
  }
  for (const e of graph.edges) {
    if (!downstream.has(e.to.node) || soloed.has(e.to.node) || downstream.has(e.from.node)) continue;
    if (!optional(e.to.node, e.to.port)) silenced.add(e.id);
  }
  return silenced;
}
