/**
 * Find on canvas (Ctrl+F): which nodes match a query, by label or by type name. Pure, so the
 * ranking is tested without a browser.
 */
import type { Graph } from '../../graph/types';

/** A node that matched. */
export interface FoundNode {
  id: string;
  /** What the user knows it by: its label, else its id. */
  name: string;
}

/**
 * Nodes whose label, type label or type id contains `query` (case- and accent-insensitive, all
 * words), in reading order (top to bottom, then left to right) so Enter walks the canvas the
 * way the eye does. Label matches come before type-only matches.
 */
export function findNodes(graph: Graph, query: string, typeLabel: (type: string) => string | undefined): FoundNode[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const ranked: { id: string; name: string; rank: number; x: number; y: number }[] = [];
  for (const node of graph.nodes) {
    const label = fold(node.label ?? '');
    const type = `${fold(typeLabel(node.type) ?? '')} ${fold(node.type)}`;
    const inLabel = words.every((w) => label.includes(w));
    const anywhere = words.every((w) => label.includes(w) || type.includes(w));
    if (!anywhere) continue;
    ranked.push({ id: node.id, name: node.label ?? node.id, rank: inLabel ? 0 : 1, x: node.position.x, y: node.position.y });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  return ranked.map(({ id, name }) => ({ id, name }));
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
