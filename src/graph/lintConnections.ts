/**
 * Warnings about a valid graph that probably does not do what its author meant: required inputs
 * with nothing wired in, and nodes whose sound never reaches the master. These never make a
 * document invalid (a half-built graph is normal while editing).
 */
import type { Catalog } from './catalog';
import type { Graph } from './types';
import { type IssueCollector, itemPlace, quote } from './issues';
import { upstreamOf } from './topology';
import { specOfNode } from './modules/nodeSpec';

/**
 * Adds the warnings for `graph` (already valid). `masterType` names the master node type; the
 * "not heard" check runs only when exactly one such node exists.
 */
export function lintConnections(graph: Graph, catalog: Catalog, masterType: string | undefined, issues: IssueCollector): void {
  const wiredInputs = new Set<string>();
  for (const edge of graph.edges) wiredInputs.add(JSON.stringify([edge.to.node, edge.to.port]));

  graph.nodes.forEach((node, index) => {
    const spec = specOfNode(graph, catalog, node);
    if (spec === undefined) return;
    for (const port of spec.inputs) {
      if (port.optional === true || wiredInputs.has(JSON.stringify([node.id, port.id]))) continue;
      issues.warn(itemPlace('nodes', index, node.id), `input ${quote(port.id)} is not connected, so it receives silence`, { nodeId: node.id });
    }
  });

  if (masterType === undefined) return;
  const masters = graph.nodes.filter((n) => n.type === masterType);
  if (masters.length !== 1) return;
  const master = masters[0];
  const heard = upstreamOf(graph, master.id);
  graph.nodes.forEach((node, index) => {
    if (node.id === master.id || heard.has(node.id)) return;
    issues.warn(
      itemPlace('nodes', index, node.id),
      `does not reach the ${masterType} node ${quote(master.id)}, so it is not heard`,
      { nodeId: node.id },
    );
  });
}
