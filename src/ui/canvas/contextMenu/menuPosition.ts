/** Keeps a menu of a given size inside the window, opening left or up from the point when it must. */
import type { Position } from '../../../graph/types';

/** Gap kept between a menu and the window edge, px. */
export const MENU_EDGE_GAP = 8;

/**
 * Top-left of a `size` menu opened at `at` in a `view`-sized window: at the point when it fits,
 * else flipped to the other side of the point, else pushed inside the edge.
 */
export function placeMenu(at: Position, size: { width: number; height: number }, view: { width: number; height: number }): Position {
  const axis = (p: number, extent: number, limit: number) => {
    if (p + extent <= limit - MENU_EDGE_GAP) return p;
    if (p - extent >= MENU_EDGE_GAP) return p - extent;
    return Math.max(MENU_EDGE_GAP, limit - MENU_EDGE_GAP - extent);
  };
  return { x: axis(at.x, size.width, view.width), y: axis(at.y, size.height, view.height) };
}
