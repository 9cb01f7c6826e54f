/**
 * Sticky notes and group frames: explanation for readers of a graph (DESIGN.md "Graph
 * document"). The engines ignore them; every editor path keeps them.
 *
 * A group has no position of its own: its frame is drawn around its nodes, so moving a group
 * moves its nodes. A node belongs to at most one group (overlapping frames would be unreadable),
 * so grouping nodes takes them out of their previous group, and a group left empty is removed.
 */
import type { Graph, GraphGroup, GraphNote, Position } from '../types';
import { type EditResult, type GestureOptions, freshId, makeEdit, nodeName, plural, refuse, takenItemIds } from './edit';
import { isFinitePosition, moveElements } from './nodes';

/** Default size of a new sticky note, in canvas pixels. */
export const DEFAULT_NOTE_SIZE = { width: 240, height: 120 } as const;

/** Colours offered for group frames (CSS hex; the format accepts any `#rgb[a]`/`#rrggbb[aa]`). */
export const GROUP_COLORS: readonly string[] = ['#4f8cff', '#38b28a', '#d9a23b', '#d9634c', '#a070e0', '#7a8699'];

/** What a new note needs: a position; text and size are optional (px). */
export interface NewNote {
  position: Position;
  text?: string;
  width?: number;
  height?: number;
}

/** Adds a sticky note. */
export function addNote(graph: Graph, spec: NewNote): EditResult<{ id: string }> {
  if (!isFinitePosition(spec.position)) return refuse('A note needs a finite position.');
  const width = spec.width ?? DEFAULT_NOTE_SIZE.width;
  const height = spec.height ?? DEFAULT_NOTE_SIZE.height;
  if (!(width >= 0 && height >= 0 && Number.isFinite(width) && Number.isFinite(height))) return refuse('A note needs a finite, non-negative size.');
  const id = freshId(undefined, 'note', takenItemIds(graph));
  const note: GraphNote = { id, text: spec.text ?? '', position: { ...spec.position }, width, height };
  return {
    ok: true,
    id,
    edit: makeEdit('Add note', (draft) => {
      (draft.notes ??= []).push(note);
    }),
  };
}

/** What `updateNote` may change. */
export type NotePatch = Partial<Pick<GraphNote, 'text' | 'position' | 'width' | 'height'>>;

/** Changes a note's text, position or size. A resize drag passes `{ merge: true }`. */
export function updateNote(graph: Graph, noteId: string, patch: NotePatch, options: GestureOptions = {}): EditResult {
  if (!(graph.notes ?? []).some((n) => n.id === noteId)) return refuse(`There is no note "${noteId}".`);
  if (patch.position !== undefined && !isFinitePosition(patch.position)) return refuse('Positions must be finite numbers.');
  for (const size of [patch.width, patch.height]) {
    if (size !== undefined && !(Number.isFinite(size) && size >= 0)) return refuse('A note needs a finite, non-negative size.');
  }
  const keys = Object.keys(patch).sort().join(',');
  const label = patch.text !== undefined ? 'Edit note' : patch.width !== undefined || patch.height !== undefined ? 'Resize note' : 'Move note';
  return {
    ok: true,
    edit: makeEdit(
      label,
      (draft) => {
        const note = draft.notes?.find((n) => n.id === noteId);
        if (note === undefined) return;
        if (patch.text !== undefined && note.text !== patch.text) note.text = patch.text;
        if (patch.position !== undefined && (note.position.x !== patch.position.x || note.position.y !== patch.position.y)) {
          note.position = { x: patch.position.x, y: patch.position.y };
        }
        if (patch.width !== undefined && note.width !== patch.width) note.width = patch.width;
        if (patch.height !== undefined && note.height !== patch.height) note.height = patch.height;
      },
      options.merge === true ? `note:${noteId}:${keys}` : undefined,
    ),
  };
}

/** Optional label and colour of a new group. */
export interface NewGroup {
  label?: string;
  color?: string;
}

/** Frames the given nodes in a new group (Ctrl+G). Nodes leave any group they were in. */
export function addGroup(graph: Graph, nodeIds: readonly string[], spec: NewGroup = {}): EditResult<{ id: string }> {
  const members = [...new Set(nodeIds)].filter((id) => graph.nodes.some((n) => n.id === id));
  if (members.length === 0) return refuse('Select one or more nodes to group.');
  const taken = takenItemIds(graph);
  const id = freshId(undefined, 'group', taken);
  const existing = graph.groups ?? [];
  const color = spec.color ?? GROUP_COLORS[existing.length % GROUP_COLORS.length];
  const label = spec.label?.trim() || `Group ${existing.length + 1}`;
  const group: GraphGroup = { id, label, color, nodes: members };
  const memberSet = new Set(members);
  return {
    ok: true,
    id,
    edit: makeEdit(`Group ${plural(members.length, 'node')}`, (draft) => {
      const groups = (draft.groups ??= []);
      for (const other of groups) {
        if (other.nodes.some((n) => memberSet.has(n))) other.nodes = other.nodes.filter((n) => !memberSet.has(n));
      }
      draft.groups = groups.filter((g) => g.nodes.length > 0);
      draft.groups.push(group);
    }),
  };
}

/** What `updateGroup` may change. */
export type GroupPatch = Partial<Pick<GraphGroup, 'label' | 'color'>>;

/** Renames or recolours a group. */
export function updateGroup(graph: Graph, groupId: string, patch: GroupPatch, options: GestureOptions = {}): EditResult {
  const group = (graph.groups ?? []).find((g) => g.id === groupId);
  if (group === undefined) return refuse(`There is no group "${groupId}".`);
  if (patch.label !== undefined && patch.label.trim() === '') return refuse('A group needs a label.');
  if (patch.color !== undefined && !/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(patch.color)) {
    return refuse(`"${patch.color}" is not a colour like #4f8cff.`);
  }
  return {
    ok: true,
    edit: makeEdit(
      patch.label !== undefined ? `Rename group ${group.label}` : `Recolour group ${group.label}`,
      (draft) => {
        const target = draft.groups?.find((g) => g.id === groupId);
        if (target === undefined) return;
        if (patch.label !== undefined) target.label = patch.label.trim();
        if (patch.color !== undefined) target.color = patch.color;
      },
      options.merge === true ? `group:${groupId}:${Object.keys(patch).sort().join(',')}` : undefined,
    ),
  };
}

/** Removes a group frame, keeping its nodes (ungroup). */
export function removeGroup(graph: Graph, groupId: string): EditResult {
  const group = (graph.groups ?? []).find((g) => g.id === groupId);
  if (group === undefined) return refuse(`There is no group "${groupId}".`);
  return {
    ok: true,
    edit: makeEdit(`Ungroup ${group.label}`, (draft) => {
      if (draft.groups === undefined) return;
      draft.groups = draft.groups.filter((g) => g.id !== groupId);
      if (draft.groups.length === 0) delete draft.groups;
    }),
  };
}

/** Moves a group: every node in it moves by `delta` (canvas pixels). */
export function moveGroup(graph: Graph, groupId: string, delta: Position, options: GestureOptions = {}): EditResult {
  const group = (graph.groups ?? []).find((g) => g.id === groupId);
  if (group === undefined) return refuse(`There is no group "${groupId}".`);
  const nodes: Record<string, Position> = {};
  for (const id of group.nodes) {
    const node = graph.nodes.find((n) => n.id === id);
    if (node !== undefined) nodes[id] = { x: node.position.x + delta.x, y: node.position.y + delta.y };
  }
  return moveElements(graph, { nodes }, options);
}

/** The group a node belongs to, if any. */
export function groupOfNode(graph: Graph, nodeId: string): GraphGroup | undefined {
  return (graph.groups ?? []).find((g) => g.nodes.includes(nodeId));
}

/** Human name of a group's members, for messages ("Drums, Bass and 2 more"). */
export function describeMembers(graph: Graph, group: GraphGroup): string {
  const names = group.nodes.map((id) => nodeName(graph, id));
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
