/**
 * Find on canvas (Ctrl+F): which nodes match a query, by label or by type name — on the canvas
 * and inside module instances (issue 14), where a match is named by its path (`Vocals strip ›
 * Compressor`) and carries the instances to open to reach it. Pure, so the ranking is tested
 * without a browser.
 */
import { moduleIdOf } from '../../graph/modules/definitionSet';
import type { ModuleDefinition } from '../../graph/modules/types';
import type { Graph, GraphNode } from '../../graph/types';

/** A node that matched. */
export interface FoundNode {
  id: string;
  /** What the user knows it by: its label, else its id; inside a module, the path to it. */
  name: string;
  /** Instance ids to open, outermost first, to see the node (absent for a node of the graph itself). */
  path?: string[];
}

/** Instances nested deeper than this are not searched (a module cannot contain itself anyway). */
const MAX_DEPTH = 8;

/** Path separator shown between an instance and an inner node, as in the breadcrumb. */
export const PATH_SEPARATOR = ' › ';

interface Ranked extends FoundNode {
  rank: number;
  /** Positions from the outermost instance down to the node, for reading order. */
  where: { x: number; y: number }[];
}

/**
 * Nodes whose label, type label or type id contains `query` (case- and accent-insensitive, all
 * words), in reading order (top to bottom, then left to right) so Enter walks the canvas the
 * way the eye does; a node inside an instance sorts at its instance's place. Label matches come
 * before type-only matches. Inside an instance the instance's name counts too ("vocals comp"
 * finds the vocals strip's compressor), but the inner node must match one word itself, so
 * "vocals" finds the strip, not everything in it. A module instance's type is its module's name.
 */
export function findNodes(graph: Graph, query: string, typeLabel: (type: string) => string | undefined, modules = graph.modules ?? []): FoundNode[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const definition = (node: GraphNode): ModuleDefinition | undefined => {
    const id = moduleIdOf(node);
    return id === undefined ? undefined : modules.find((m) => m.id === id);
  };
  const ranked: Ranked[] = [];
  const visit = (nodes: readonly GraphNode[], outer: { ids: string[]; names: string[]; label: string; where: Ranked['where'] }) => {
    for (const node of nodes) {
      const inner = definition(node);
      const name = node.label ?? node.id;
      const own = fold(node.label ?? '');
      const type = `${fold((inner !== undefined ? inner.name : typeLabel(node.type)) ?? '')} ${fold(node.type)}`;
      const label = `${outer.label} ${own}`;
      const inLabel = words.every((w) => label.includes(w));
      const anywhere = words.every((w) => label.includes(w) || type.includes(w));
      const itself = words.some((w) => own.includes(w) || type.includes(w));
      const where = [...outer.where, node.position];
      if (anywhere && itself) {
        ranked.push({
          id: node.id,
          name: [...outer.names, name].join(PATH_SEPARATOR),
          ...(outer.ids.length > 0 ? { path: outer.ids } : {}),
          rank: inLabel ? 0 : 1,
          where,
        });
      }
      if (inner !== undefined && outer.ids.length < MAX_DEPTH && !outer.ids.includes(node.id)) {
        visit(inner.nodes, { ids: [...outer.ids, node.id], names: [...outer.names, name], label, where });
      }
    }
  };
  visit(graph.nodes, { ids: [], names: [], label: '', where: [] });
  ranked.sort((a, b) => a.rank - b.rank || compareWhere(a.where, b.where) || (a.name < b.name ? -1 : 1));
  return ranked.map(({ id, name, path }) => (path === undefined ? { id, name } : { id, name, path }));
}

/** Reading order, outermost first: top to bottom, then left to right; a container before its inside. */
function compareWhere(a: Ranked['where'], b: Ranked['where']): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i]!.y - b[i]!.y || a[i]!.x - b[i]!.x;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
