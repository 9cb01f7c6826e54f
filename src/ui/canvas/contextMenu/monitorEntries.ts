/** Mute and solo entries of a node's context menu (monitoring states, see `live/muteSolo.ts`). */
import { muteSoloStore, toggleMute, toggleSolo } from '../../live/muteSolo';
import { scopePrefix } from '../../modules/moduleScope';
import { editorStore } from '../../store/editorState';
import type { ContextEntry } from './menuEntries';

/** Mute/solo entries for `nodeId` of the canvas (inside an open module: the opened instance's node). */
export function monitorEntries(canvasId: string): ContextEntry[] {
  const nodeId = scopePrefix(editorStore.get()) + canvasId;
  const { muted, soloed } = muteSoloStore.get();
  return [
    { kind: 'item', label: 'Mute', checked: muted.includes(nodeId), onSelect: () => toggleMute(nodeId) },
    { kind: 'item', label: 'Solo', checked: soloed.includes(nodeId), onSelect: () => toggleSolo(nodeId) },
  ];
}
