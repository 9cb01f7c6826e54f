/** Mute and solo entries of a node's context menu (filled in with the monitoring states). */
import type { ContextEntry } from './menuEntries';

/** Mute/solo entries for `nodeId`. */
export function monitorEntries(_nodeId: string): ContextEntry[] {
  return [];
}
