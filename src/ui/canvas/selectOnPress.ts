/**
 * Selects a node, note or group frame when the pointer is pressed on it, not when the click ends.
 * React Flow selects on `click` (after the button comes up, 60–150 ms later for a person), so the
 * node, its outline and the inspector used to wait for the release; design tools (tldraw, Figma)
 * select on press. Only a plain press on an unselected item is handled here: modifier clicks
 * (add to / remove from the selection), presses on an item's own controls, and presses on an
 * item that is already part of the selection (a drag of the whole selection) stay React Flow's.
 * React Flow's later click finds the item selected and changes nothing.
 */
import type { PointerEvent } from 'react';
import { setSelection } from '../store/editorActions';
import { EMPTY_SELECTION, editorStore, scopedGraph } from '../store/editorState';
import { itemKinds } from './flowChanges';

/** Elements inside a node that take the press themselves (buttons, fields, ports). */
const OWN_CONTROLS = 'button, input, select, textarea, a, [contenteditable], .nodrag, .react-flow__handle, .react-flow__resize-control';

/** `onPointerDownCapture` of the canvas wrapper. */
export function selectOnPress(event: PointerEvent): void {
  if (event.button !== 0 || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as Element;
  if (target.closest(OWN_CONTROLS) !== null) return;
  const id = target.closest('.react-flow__node')?.getAttribute('data-id');
  if (id === null || id === undefined) return;
  const state = editorStore.get();
  const { selection } = state;
  if (selection.nodes.includes(id) || selection.notes.includes(id) || selection.groups.includes(id)) return;
  const kind = itemKinds(scopedGraph(state)).get(id);
  if (kind === 'node') setSelection({ ...EMPTY_SELECTION, nodes: [id] });
  else if (kind === 'note') setSelection({ ...EMPTY_SELECTION, notes: [id] });
  else if (kind === 'group') setSelection({ ...EMPTY_SELECTION, groups: [id] });
}
