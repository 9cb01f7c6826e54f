/**
 * Adding a node from the palette, a drop or quick-add: one undo step that places the node and,
 * when a wire was dropped on empty canvas, wires it to that port.
 */
import { type HandleEnd, addNode, applyEdit, combineEdits, connectToNode } from '../../graph/commands';
import type { Graph, Position } from '../../graph/types';
import { catalog, getNodeDefinition } from '../../nodes/registry';
import { GRID, MASTER_NODE_TYPE } from '../config';
import { dispatch, showNotice } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import { DEFAULT_NODE_SIZE } from './groupFrames';

/** Rounds a point to the canvas grid. */
export function snap(p: Position): Position {
  return { x: Math.round(p.x / GRID[0]) * GRID[0], y: Math.round(p.y / GRID[1]) * GRID[1] };
}

/** Steps a position down-right until no node sits exactly there (repeated clicks fan out). */
export function freeSpot(graph: Graph, p: Position): Position {
  let spot = snap(p);
  for (let i = 0; i < 50 && graph.nodes.some((n) => Math.abs(n.position.x - spot.x) < 20 && Math.abs(n.position.y - spot.y) < 20); i++) {
    spot = { x: spot.x + 2 * GRID[0], y: spot.y + 2 * GRID[1] };
  }
  return spot;
}

/**
 * A readable default label for a new node: the type's label, numbered when taken ("EQ", "EQ 2"),
 * so the canvas, the inspector and refusal messages all name it the same way.
 */
export function defaultLabel(graph: Graph, typeLabel: string): string {
  const taken = new Set(graph.nodes.map((n) => n.label ?? ''));
  if (!taken.has(typeLabel)) return typeLabel;
  for (let n = 2; ; n++) if (!taken.has(`${typeLabel} ${n}`)) return `${typeLabel} ${n}`;
}

/**
 * Adds a node of `type` with its top-left near `at` (canvas coordinates) and selects it.
 * With `pending`, wires it to that port; a refused wire still adds the node and says why.
 */
export function addNodeAt(type: string, at: Position, pending?: HandleEnd): string | undefined {
  const graph = currentGraph();
  const definition = getNodeDefinition(type);
  if (definition === undefined) return undefined;
  // A wire from an output lands on the new node's input (left edge); from an input, on its output.
  const anchor = pending === undefined ? at : pending.side === 'output' ? { x: at.x, y: at.y - 40 } : { x: at.x - DEFAULT_NODE_SIZE.width, y: at.y - 40 };
  const added = addNode(graph, catalog, { type, label: defaultLabel(graph, definition.label), position: pending === undefined ? freeSpot(graph, anchor) : snap(anchor) }, { masterType: MASTER_NODE_TYPE });
  if (!added.ok) {
    showNotice('refusal', added.reason);
    return undefined;
  }
  const select = { nodes: [added.id], edges: [], notes: [], groups: [] };
  if (pending === undefined) {
    dispatch(added, { select });
    return added.id;
  }
  const wired = connectToNode(applyEdit(graph, added.edit), catalog, pending, added.id);
  if (!wired.ok) {
    dispatch(added, { select });
    showNotice('refusal', `Added ${definition.label}, but not wired: ${wired.reason}`);
    return added.id;
  }
  dispatch({ ok: true, edit: combineEdits(`Add ${definition.label} wired`, [added.edit, wired.edit]) }, { select: { ...select, edges: [wired.id] } });
  return added.id;
}
