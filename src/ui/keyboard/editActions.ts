/**
 * Edit actions shared by keyboard shortcuts, the clipboard, the toolbar and the inspector:
 * they read the current selection, build the command and dispatch it.
 */
import { addGroup, addNote, duplicateSelection, removeElements, removeGroup } from '../../graph/commands';
import { extractFragment, isEmptyFragment, pasteFragment } from '../../graph/fragment';
import { parseGraphText } from '../../graph/parse';
import { serializeGraph } from '../../graph/serialize';
import type { Graph } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { snap } from '../canvas/addNodeAt';
import { canvasBridge, placementPoint } from '../canvas/canvasBridge';
import { MASTER_NODE_TYPE } from '../config';
import { dispatch, isSelectionEmpty, showNotice } from '../store/editorActions';
import { currentGraph, editorStore } from '../store/editorState';

/** The selection as clipboard text (a valid Mixgraph document), or undefined when empty. */
export function copySelectionText(): string | undefined {
  const { selection } = editorStore.get();
  if (isSelectionEmpty(selection)) return undefined;
  const fragment = extractFragment(currentGraph(), selection);
  return isEmptyFragment(fragment) ? undefined : serializeGraph({ ...fragment, name: 'Mixgraph clipboard' });
}

/** How many times the same clipboard was pasted without the pointer on the canvas (to fan out). */
let pasteCount = 0;
let lastPasted = '';

/**
 * Pastes clipboard text: a Mixgraph document (from this or another tab, or any program) is
 * validated like an import, then inserted with fresh ids under the pointer. Returns whether the
 * text was ours to handle.
 */
export function pasteText(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return false;
  const parsed = parseGraphText(trimmed, catalog, 'clipboard');
  if (!parsed.ok) {
    if (/"format"\s*:\s*"mixgraph"/.test(trimmed)) showNotice('error', `Could not paste: ${parsed.errors[0]?.message ?? 'the clipboard graph is not valid'}`);
    return /"format"\s*:\s*"mixgraph"/.test(trimmed);
  }
  pasteGraph(parsed.graph, trimmed);
  return true;
}

function pasteGraph(fragment: Graph, key: string): void {
  const graph = currentGraph();
  const overCanvas = canvasBridge()?.pointer() !== undefined;
  pasteCount = key === lastPasted ? pasteCount + 1 : 1;
  lastPasted = key;
  const options = overCanvas ? { at: snap(placementPoint()) } : { offset: { x: 40 * pasteCount, y: 40 * pasteCount } };
  const result = pasteFragment(graph, catalog, fragment, { ...options, masterType: MASTER_NODE_TYPE });
  if (!result.ok) {
    showNotice('refusal', result.reason);
    return;
  }
  dispatch(result, { select: { nodes: result.ids.nodes, edges: result.ids.edges, notes: result.ids.notes, groups: result.ids.groups } });
  if (result.skipped.length > 0) showNotice('info', result.skipped.join(' '));
}

/** Duplicates the selection 40 px down-right (Ctrl+D) and selects the copy. */
export function duplicate(): void {
  const { selection } = editorStore.get();
  if (isSelectionEmpty(selection)) return;
  const result = duplicateSelection(currentGraph(), catalog, selection, { masterType: MASTER_NODE_TYPE });
  if (!result.ok) {
    showNotice('refusal', result.reason);
    return;
  }
  dispatch(result, { select: { nodes: result.ids.nodes, edges: result.ids.edges, notes: result.ids.notes, groups: result.ids.groups } });
  if (result.skipped.length > 0) showNotice('info', result.skipped.join(' '));
}

/** Deletes everything selected as one undo step. */
export function deleteSelection(): void {
  const { selection } = editorStore.get();
  if (!isSelectionEmpty(selection)) dispatch(removeElements(currentGraph(), selection), { quiet: true });
}

/** Frames the selected nodes in a new group (Ctrl+G) and selects it. */
export function groupSelection(): void {
  const { selection } = editorStore.get();
  const result = addGroup(currentGraph(), selection.nodes);
  if (result.ok) dispatch(result, { select: { nodes: [], edges: [], notes: [], groups: [result.id] } });
  else showNotice('refusal', result.reason);
}

/** Removes the selected group frames, keeping their nodes (Ctrl+Shift+G). */
export function ungroupSelection(): void {
  const { selection } = editorStore.get();
  for (const id of selection.groups) dispatch(removeGroup(currentGraph(), id));
}

/** Adds an empty sticky note under the pointer (or mid-view) and selects it. */
export function addNoteHere(): void {
  const at = placementPoint();
  const result = addNote(currentGraph(), { position: snap({ x: at.x - 120, y: at.y - 60 }) });
  if (result.ok) dispatch(result, { select: { nodes: [], edges: [], notes: [result.id], groups: [] } });
}
