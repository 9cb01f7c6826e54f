/** Telling a drag (positions only) from an edit that changes what the graph means. */
import type { Graph, GraphNode } from '../../graph/types';

/** Same node apart from its position (immer keeps untouched fields identical). */
function sameButPosition(a: GraphNode, b: GraphNode): boolean {
  if (a === b) return true;
  if (!Number.isFinite(b.position.x) || !Number.isFinite(b.position.y)) return false; // the one rule on positions
  const keys = Object.keys(b) as (keyof GraphNode)[];
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => k === 'position' || Object.is(a[k], b[k]));
}

/**
 * Whether `next` differs from `prev` only in node positions. Nothing but the canvas depends on
 * where nodes sit — not validation, the programme length or the live engine — and redoing those
 * for thousands of nodes on every pointer move of a drag is what made dragging slow on large
 * graphs. O(nodes) identity checks (immer keeps untouched fields identical).
 */
export function onlyMoved(prev: Graph, next: Graph): boolean {
  if (prev.edges !== next.edges || prev.notes !== next.notes || prev.groups !== next.groups || prev.nodes.length !== next.nodes.length) return false;
  const { nodes: _p, ...prevRest } = prev;
  const { nodes: _n, ...nextRest } = next;
  const keys = Object.keys(nextRest) as (keyof typeof nextRest)[];
  if (Object.keys(prevRest).length !== keys.length || !keys.every((k) => Object.is(prevRest[k], nextRest[k]))) return false;
  for (let i = 0; i < next.nodes.length; i++) if (!sameButPosition(prev.nodes[i], next.nodes[i])) return false;
  return true;
}
