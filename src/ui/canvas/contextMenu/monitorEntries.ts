/** Mute and solo entries of a node's context menu (monitoring states, see `live/muteSolo.ts`). */
import { muteSoloStore, toggleMute, toggleSolo } from '../../live/muteSolo';
import type { ContextEntry } from './menuEntries';

/** Mute/solo entries for `nodeId`. */
export function monitorEntries(nodeId: string): ContextEntry[] {
  const { muted, soloed } = muteSoloStore.get();
  return [
    { kind: 'item', label: 'Mute', checked: muted.includes(nodeId), onSelect: () => toggleMute(nodeId) },
    { kind: 'item', label: 'Solo', checked: soloed.includes(nodeId), onSelect: () => toggleSolo(nodeId) },
  ];
}
