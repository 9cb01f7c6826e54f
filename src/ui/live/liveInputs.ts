/**
 * The live engine's ids around a node, for taps that read its analysers (A/B's input meter).
 * The live engine plays the flattened document (`flattenModules`): a node inside a module
 * instance is `instance/inner` there, and a wire from an instance starts at the inner node behind
 * its output port. So the nodes feeding a node are read from the flattened graph, never from the
 * canvas, whose ids an instance's inner nodes do not have (docs/modules.md).
 */
import { flattenModules } from '../../graph/modules/flatten';
import type { Graph, GraphNode } from '../../graph/types';
import { getNodeDefinition } from '../../nodes/registry';

/** Ids of the nodes wired into `node`'s main input port, sorted. */
export function mainInputSources(node: GraphNode, edges: readonly { from: { node: string }; to: { node: string; port: string } }[]): string[] {
  const definition = getNodeDefinition(node.type);
  const main = definition?.inputs[definition.mainInput ?? 0];
  if (main === undefined) return [];
  return [...new Set(edges.filter((e) => e.to.node === node.id && e.to.port === main.id).map((e) => e.from.node))].sort();
}

/** Flattened graphs by document graph (one flatten per document version, however many readers). */
const flattened = new WeakMap<Graph, Graph | null>();

/**
 * The document as the live engine plays it, flattened once per document version (documents are
 * immutable: an edit makes a new graph object); null when its modules do not flatten.
 */
export function flatDocument(root: Graph): Graph | null {
  let flat = flattened.get(root);
  if (flat === undefined) {
    const result = flattenModules(root);
    flat = result.ok ? result.graph : null;
    flattened.set(root, flat);
  }
  return flat;
}

/** Live ids of the nodes wired into the main input of live node `liveId`, sorted. */
export function liveMainInputs(root: Graph, liveId: string): string[] {
  const flat = flatDocument(root);
  const node = flat?.nodes.find((n) => n.id === liveId);
  return flat === null || node === undefined ? [] : mainInputSources(node, flat.edges);
}
