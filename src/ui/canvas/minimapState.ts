/**
 * Whether the canvas minimap is shown. A view preference, not part of any document: it is kept in
 * localStorage so the choice survives reloads, and read by fit view, which keeps nodes out from
 * under the map while it is shown.
 */
import { STORAGE_KEYS } from '../config';
import { createStore, useStoreValue } from '../store/createStore';

/** The minimap's size on screen, in CSS pixels (CanvasCorner.tsx draws it this size). */
export const MINIMAP_SIZE = { width: 150, height: 100 } as const;

/** Gap between the corner's panels and the canvas edges (React Flow's Panel margin), in CSS pixels. */
export const PANEL_MARGIN = 15;

/** The view buttons' row above the minimap (4 buttons of 26 px), and its gap to the map. */
export const CONTROLS_SIZE = { width: 4 * 26, height: 26, gap: 6 } as const;

function readShown(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEYS.minimap) !== 'hidden';
  } catch {
    return true; // storage blocked (private mode): show the map, forget the choice
  }
}

/** True while the minimap is shown. */
export const minimapStore = createStore<boolean>(readShown());

/** Shows or hides the minimap and remembers the choice. */
export function setMinimapShown(shown: boolean): void {
  minimapStore.set(shown);
  try {
    localStorage.setItem(STORAGE_KEYS.minimap, shown ? 'shown' : 'hidden');
  } catch {
    // The choice still holds for this page.
  }
}

/** Whether the minimap is shown, in a component. */
export function useMinimapShown(): boolean {
  return useStoreValue(minimapStore, (s) => s);
}

/** The screen room the corner's panels (view buttons, and the minimap while shown) take. */
export function minimapCorner(): { width: number; height: number } {
  const controls = { width: CONTROLS_SIZE.width + PANEL_MARGIN, height: CONTROLS_SIZE.height + PANEL_MARGIN };
  if (!minimapStore.get()) return controls;
  return {
    width: Math.max(MINIMAP_SIZE.width, CONTROLS_SIZE.width) + PANEL_MARGIN,
    height: MINIMAP_SIZE.height + CONTROLS_SIZE.gap + CONTROLS_SIZE.height + PANEL_MARGIN,
  };
}
