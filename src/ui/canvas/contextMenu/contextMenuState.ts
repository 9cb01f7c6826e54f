/** Which context menu is open (right-click or the Menu key on a node, a wire or the canvas), and where. */
import type { Position } from '../../../graph/types';
import { createStore, useStoreValue } from '../../store/createStore';

/** What was right-clicked. */
export type MenuTarget = { kind: 'node'; id: string } | { kind: 'wire'; id: string } | { kind: 'canvas' };

/** An open context menu. */
export interface ContextMenuState {
  target: MenuTarget;
  /** Where it opens, client px (the menu is kept on screen). */
  client: Position;
  /** The same point on the canvas (where "Add node" and "Paste" put things). */
  flow: Position;
  /** The element to give focus back to when the menu closes. */
  returnFocus: HTMLElement | null;
}

/** The context menu state (null when closed). */
export const contextMenuStore = createStore<ContextMenuState | null>(null);

/** Opens a context menu (replacing any open one). */
export function openContextMenu(state: ContextMenuState): void {
  contextMenuStore.set(state);
}

/** Closes the context menu. */
export function closeContextMenu(): void {
  if (contextMenuStore.get() !== null) contextMenuStore.set(null);
}

/** The open context menu in a component. */
export function useContextMenu(): ContextMenuState | null {
  return useStoreValue(contextMenuStore, (s) => s);
}
