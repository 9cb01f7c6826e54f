/**
 * A person's name for a node of the flattened graph (`vocals/comp`): each level's label joined
 * with ›, as the breadcrumb reads — "Vocals strip › Compressor". What the master panel says is
 * heard when a node inside a module instance is probed or A/B-ed.
 */
import type { Catalog } from '../catalog';
import type { Graph, GraphNode } from '../types';
import { findModule } from './commands';
import { moduleIdOf } from './definitionSet';
import { INSTANCE_SEPARATOR } from './types';

function labelOf(node: GraphNode, top: boolean, catalog: Catalog): string {
  const label = node.label?.trim();
  if (label !== undefined && label !== '') return label;
  // At the top a node without a label is known by its id (as everywhere in the editor); inside a
  // module by its type's name, which is what its canvas node shows.
  return top ? node.id : (catalog.get(node.type)?.label ?? node.id);
}

/** "Instance › inner" for flat id `flatId` of `graph`; the id itself when it names no node. */
export function flatNodeName(graph: Graph, catalog: Catalog, flatId: string): string {
  const names: string[] = [];
  let nodes: readonly GraphNode[] = graph.nodes;
  for (const part of flatId.split(INSTANCE_SEPARATOR)) {
    const node = nodes.find((n) => n.id === part);
    if (node === undefined) return flatId;
    names.push(labelOf(node, names.length === 0, catalog));
    const moduleId = moduleIdOf(node);
    nodes = moduleId === undefined ? [] : (findModule(graph, moduleId)?.nodes ?? []);
  }
  return names.join(' › ');
}
