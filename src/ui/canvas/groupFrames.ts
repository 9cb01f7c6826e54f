/**
 * Geometry of group frames. A group has no position of its own in the document: its frame is
 * the box around its nodes plus padding, so it always fits them, and moving the frame moves them.
 * Paddings are multiples of the grid so a frame over grid-aligned nodes is grid-aligned too.
 */
import type { Graph, GraphGroup, Position } from '../../graph/types';
import type { Size } from './flowTypes';

/** Frame padding left and right of its nodes, px. */
export const FRAME_PAD_X = 20;
/** Frame padding above its nodes (room for the title bar), px. */
export const FRAME_PAD_TOP = 40;
/** Frame padding below its nodes, px. */
export const FRAME_PAD_BOTTOM = 20;

/** Size assumed for a node not measured yet. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 120 };

/** A frame's box in canvas coordinates. */
export interface FrameBox {
  position: Position;
  width: number;
  height: number;
}

/** The box around a group's nodes plus padding; undefined when none of its nodes exist. */
export function frameBox(graph: Graph, group: GraphGroup, measured: ReadonlyMap<string, Size>): FrameBox | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const id of group.nodes) {
    const node = graph.nodes.find((n) => n.id === id);
    if (node === undefined) continue;
    const size = measured.get(id) ?? DEFAULT_NODE_SIZE;
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + size.width);
    bottom = Math.max(bottom, node.position.y + size.height);
  }
  if (!Number.isFinite(left)) return undefined;
  return {
    position: { x: left - FRAME_PAD_X, y: top - FRAME_PAD_TOP },
    width: right - left + 2 * FRAME_PAD_X,
    height: bottom - top + FRAME_PAD_TOP + FRAME_PAD_BOTTOM,
  };
}
