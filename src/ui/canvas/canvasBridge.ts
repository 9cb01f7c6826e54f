/**
 * What the mounted canvas offers to code outside it (palette clicks, keyboard shortcuts,
 * clipboard): coordinate conversion and where the pointer is. Set by the canvas on mount.
 */
import type { Position } from '../../graph/types';

/** Canvas services for code outside the canvas. */
export interface CanvasBridge {
  /** Screen (client) pixels → canvas coordinates. */
  toFlow(client: Position): Position;
  /** Canvas coordinates of the visible centre. */
  centre(): Position;
  /** The last pointer position over the canvas, in client pixels, or undefined when outside. */
  pointer(): Position | undefined;
  /** Canvas element bounds (client pixels). */
  bounds(): DOMRect | undefined;
  /** Fits the view to the selection, or to the whole graph when nothing is selected. */
  fitView(): void;
  /** Moves keyboard focus onto the canvas. */
  focus(): void;
  /** A node's measured size in canvas px (undefined before it was drawn). */
  nodeSize(id: string): { width: number; height: number } | undefined;
}

let bridge: CanvasBridge | undefined;

/** Registers (or, with undefined, removes) the mounted canvas. */
export function setCanvasBridge(next: CanvasBridge | undefined): void {
  bridge = next;
}

/** The mounted canvas, if any. */
export function canvasBridge(): CanvasBridge | undefined {
  return bridge;
}

/** Where new things land: under the pointer when it is over the canvas, else the visible centre. */
export function placementPoint(): Position {
  const b = bridge;
  if (b === undefined) return { x: 0, y: 0 };
  const pointer = b.pointer();
  return pointer !== undefined ? b.toFlow(pointer) : b.centre();
}
