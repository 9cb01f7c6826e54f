/** Whether the quick-add search is open, where, and whether it will wire the new node to a port. */
import type { HandleEnd } from '../../graph/commands';
import type { Position } from '../../graph/types';
import { createStore, useStoreValue } from '../store/createStore';

/** An open quick-add panel. */
export interface QuickAddState {
  /** Where the panel opens, in client pixels. */
  client: Position;
  /** Where the node is placed, in canvas coordinates. */
  flow: Position;
  /** A port the new node is wired to (a wire dropped on empty canvas). */
  pending?: HandleEnd;
  /** A wire the new node is spliced into ("Insert node…" on a wire's context menu). */
  intoWire?: string;
}

/** The quick-add panel state (null when closed). */
export const quickAddStore = createStore<QuickAddState | null>(null);

/** Opens quick-add. */
export function openQuickAdd(state: QuickAddState): void {
  quickAddStore.set(state);
}

/** Closes quick-add. */
export function closeQuickAdd(): void {
  quickAddStore.set(null);
}

/** The quick-add state in a component. */
export function useQuickAdd(): QuickAddState | null {
  return useStoreValue(quickAddStore, (s) => s);
}
