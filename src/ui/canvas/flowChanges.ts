/**
 * React Flow reports what the user did as `NodeChange`s; the document is ours, so each change
 * becomes a command (moves, note resizes) or a selection update. React Flow never edits the
 * document itself.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { Positions } from '../../graph/commands';
import type { Graph, Position } from '../../graph/types';
import type { Selection } from '../store/editorState';
import type { FlowNode, Size } from './flowTypes';

/** Which document list a canvas item id belongs to. */
export type ItemKind = 'node' | 'note' | 'group';

/** Kind of every item id in the document. */
export function itemKinds(graph: Graph): Map<string, ItemKind> {
  const kinds = new Map<string, ItemKind>();
  for (const n of graph.nodes) kinds.set(n.id, 'node');
  for (const n of graph.notes ?? []) kinds.set(n.id, 'note');
  for (const g of graph.groups ?? []) kinds.set(g.id, 'group');
  return kinds;
}

/** A note being resized: its new box so far, and whether the gesture ended. */
export interface NoteResize {
  width?: number;
  height?: number;
  position?: Position;
  done: boolean;
}

/** Everything one batch of node changes asks for. */
export interface NodeChangeIntent {
  /** New absolute positions (group frame moves already turned into member moves). */
  positions: Positions;
  /** True while a drag is in progress (the caller marks history when it is false). */
  dragging: boolean;
  moved: boolean;
  resizes: Map<string, NoteResize>;
  /** Newly measured sizes of audio nodes. */
  sizes: Map<string, Size>;
  /** The next selection, or undefined when unchanged. */
  selection?: Selection;
}

/**
 * Reads a batch of React Flow node changes against the current document, selection and the
 * frames currently drawn (`flowNodes`, to turn a frame move into a move of its nodes).
 */
export function readNodeChanges(changes: readonly NodeChange[], graph: Graph, selection: Selection, flowNodes: readonly FlowNode[]): NodeChangeIntent {
  const kinds = itemKinds(graph);
  const intent: NodeChangeIntent = { positions: {}, dragging: false, moved: false, resizes: new Map(), sizes: new Map() };
  const nodePositions: Record<string, Position> = {};
  const notePositions: Record<string, Position> = {};
  const frameMoves: { id: string; position: Position }[] = [];
  const selected = { nodes: new Set(selection.nodes), notes: new Set(selection.notes), groups: new Set(selection.groups) };
  let selectionTouched = false;

  const resizing = new Set(changes.flatMap((c) => (c.type === 'dimensions' && c.resizing !== undefined ? [c.id] : [])));

  for (const change of changes) {
    switch (change.type) {
      case 'select': {
        const kind = kinds.get(change.id);
        if (kind === undefined) break;
        const set = kind === 'node' ? selected.nodes : kind === 'note' ? selected.notes : selected.groups;
        if (change.selected) set.add(change.id);
        else set.delete(change.id);
        selectionTouched = true;
        break;
      }
      case 'position': {
        if (change.position === undefined) break;
        const kind = kinds.get(change.id);
        if (change.dragging === true) intent.dragging = true;
        if (kind === 'node') nodePositions[change.id] = change.position;
        else if (kind === 'note' && resizing.has(change.id)) resizeOf(intent, change.id).position = change.position;
        else if (kind === 'note') notePositions[change.id] = change.position;
        else if (kind === 'group') frameMoves.push({ id: change.id, position: change.position });
        break;
      }
      case 'dimensions': {
        if (change.dimensions === undefined) break;
        const kind = kinds.get(change.id);
        if (kind === 'note' && change.resizing !== undefined) {
          const r = resizeOf(intent, change.id);
          r.width = Math.round(change.dimensions.width);
          r.height = Math.round(change.dimensions.height);
          r.done = change.resizing === false;
        } else if (kind === 'node') {
          intent.sizes.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
        }
        break;
      }
      default:
        break; // 'remove' arrives through onDelete; 'add'/'replace' never come from the user.
    }
  }

  for (const move of frameMoves) {
    const frame = flowNodes.find((n) => n.id === move.id);
    const group = (graph.groups ?? []).find((g) => g.id === move.id);
    if (frame === undefined || group === undefined) continue;
    const dx = move.position.x - frame.position.x;
    const dy = move.position.y - frame.position.y;
    for (const member of group.nodes) {
      if (nodePositions[member] !== undefined) continue; // moved along with the frame already
      const node = graph.nodes.find((n) => n.id === member);
      if (node !== undefined) nodePositions[member] = { x: node.position.x + dx, y: node.position.y + dy };
    }
  }

  intent.moved = Object.keys(nodePositions).length + Object.keys(notePositions).length > 0;
  intent.positions = { nodes: nodePositions, notes: notePositions };
  if (selectionTouched) {
    intent.selection = {
      nodes: graph.nodes.filter((n) => selected.nodes.has(n.id)).map((n) => n.id),
      notes: (graph.notes ?? []).filter((n) => selected.notes.has(n.id)).map((n) => n.id),
      groups: (graph.groups ?? []).filter((g) => selected.groups.has(g.id)).map((g) => g.id),
      edges: selection.edges,
    };
  }
  return intent;
}

function resizeOf(intent: NodeChangeIntent, id: string): NoteResize {
  let r = intent.resizes.get(id);
  if (r === undefined) {
    r = { done: false };
    intent.resizes.set(id, r);
  }
  return r;
}

/** The selection after a batch of edge changes, or undefined when unchanged. */
export function readEdgeSelection(changes: readonly EdgeChange[], graph: Graph, selection: Selection): Selection | undefined {
  const selected = new Set(selection.edges);
  let touched = false;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    touched = true;
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
  }
  if (!touched) return undefined;
  return { ...selection, edges: graph.edges.filter((e) => selected.has(e.id)).map((e) => e.id) };
}
