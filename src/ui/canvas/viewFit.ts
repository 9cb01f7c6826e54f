/**
 * Where the canvas looks: pure viewport arithmetic for "fit view" and for the view a document
 * opens with. No React, no DOM: boxes in, a React Flow viewport out (screen = flow · zoom + x/y).
 *
 * Two rules shape it (docs/editor.md, "First view"):
 * - node text must be readable when a document opens, so a graph too big to show whole at a
 *   readable zoom opens on its first part (the leftmost columns: sources and channel strips)
 *   instead of being shrunk to a thumbnail;
 * - the minimap sits over the canvas's bottom-right corner, so a fit reserves its room, on the
 *   right or along the bottom, whichever leaves the larger view.
 */

/** A rectangle in flow (canvas) coordinates, or a size in screen pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: a flow point p is drawn at p · zoom + (x, y) screen pixels. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Screen-pixel room kept free around the fitted content. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What a fit must respect. */
export interface FitOptions {
  /** Pane size in screen pixels. */
  pane: { width: number; height: number };
  /** Free room around the content, in screen pixels. */
  margin: number;
  /** Size of an overlay in the pane's bottom-right corner (the minimap), or undefined. */
  corner?: { width: number; height: number };
  minZoom: number;
  maxZoom: number;
}

/** The smallest box holding all `boxes` (undefined for none). */
export function unionBox(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Screen pixels kept between fitted content and the corner overlay. */
const CORNER_GAP = 8;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The two ways to keep content out from under the corner overlay (or none when there is none). */
function insetChoices(options: FitOptions): Insets[] {
  const m = options.margin;
  const plain: Insets = { top: m, right: m, bottom: m, left: m };
  const corner = options.corner;
  if (corner === undefined) return [plain];
  return [
    // The corner size includes the overlay's own margin; a few pixels more keep nodes clear of it.
    { ...plain, right: Math.max(m, corner.width + CORNER_GAP) },
    { ...plain, bottom: Math.max(m, corner.height + CORNER_GAP) },
  ];
}

function usable(options: FitOptions, insets: Insets): { width: number; height: number } {
  return {
    width: Math.max(1, options.pane.width - insets.left - insets.right),
    height: Math.max(1, options.pane.height - insets.top - insets.bottom),
  };
}

/** The zoom that shows `box` whole in the usable area, within the zoom limits. */
function zoomToFit(box: Box, area: { width: number; height: number }, options: FitOptions): number {
  const zoom = Math.min(area.width / Math.max(box.width, 1), area.height / Math.max(box.height, 1));
  return clamp(zoom, options.minZoom, options.maxZoom);
}

/** Viewport drawing `box` at `zoom`, centred in the usable area. */
function centred(box: Box, zoom: number, insets: Insets, area: { width: number; height: number }): Viewport {
  return {
    x: insets.left + (area.width - box.width * zoom) / 2 - box.x * zoom,
    y: insets.top + (area.height - box.height * zoom) / 2 - box.y * zoom,
    zoom,
  };
}

/**
 * Fits `box` whole, centred, keeping it out from under the corner overlay: of "reserve the
 * overlay's width on the right" and "reserve its height at the bottom", the one giving the larger
 * zoom wins (a wide graph loses a strip at the bottom, a tall one a strip on the right).
 */
export function fitBox(box: Box, options: FitOptions): Viewport {
  let best: Viewport | undefined;
  for (const insets of insetChoices(options)) {
    const area = usable(options, insets);
    const view = centred(box, zoomToFit(box, area, options), insets, area);
    if (best === undefined || view.zoom > best.zoom + 1e-9) best = view;
  }
  return best!;
}

/**
 * The view a document opens with. `nodes` are the audio nodes' boxes, `extras` the notes and group
 * frames. When everything fits at `readableZoom` or closer, everything is shown (as fit view
 * would). Otherwise the view opens at a readable zoom on the graph's first part: the nodes that
 * fit, counted from the leftmost one (signal flows left to right, so these are the sources and
 * what follows them), from their left edge, centred down when they fit, else from their top.
 */
export function openingView(nodes: readonly Box[], extras: readonly Box[], readableZoom: number, options: FitOptions): Viewport {
  const everything = unionBox([...nodes, ...extras]);
  if (everything === undefined) return { x: 0, y: 0, zoom: 1 };
  const whole = fitBox(everything, options);
  const readable = clamp(readableZoom, options.minZoom, options.maxZoom);
  if (whole.zoom >= readable - 1e-9 || nodes.length === 0) return whole;

  let best: { view: Viewport; shown: number } | undefined;
  for (const insets of insetChoices(options)) {
    const area = usable(options, insets);
    const left = Math.min(...nodes.map((b) => b.x));
    const reach = left + area.width / readable;
    const part = nodes.filter((b) => b.x + b.width <= reach);
    const partBox = unionBox(part.length > 0 ? part : nodes.filter((b) => b.x === left))!;
    // At the readable zoom (no closer: the more of the graph shows, the better), from the part's
    // left edge; centred down when the part fits, else from its top.
    const zoom = readable;
    const spareY = area.height - partBox.height * zoom;
    const view: Viewport = {
      x: insets.left - partBox.x * zoom,
      y: insets.top + (spareY > 0 ? spareY / 2 : 0) - partBox.y * zoom,
      zoom,
    };
    if (best === undefined || part.length > best.shown || (part.length === best.shown && view.zoom > best.view.zoom + 1e-9)) {
      best = { view, shown: part.length };
    }
  }
  return best!.view;
}

/** Whether a flow box lies wholly inside the screen rectangle `area` under `view`. */
export function boxOnScreen(box: Box, view: Viewport, area: Box): boolean {
  const x = box.x * view.zoom + view.x;
  const y = box.y * view.zoom + view.y;
  return x >= area.x - 0.5 && y >= area.y - 0.5 && x + box.width * view.zoom <= area.x + area.width + 0.5 && y + box.height * view.zoom <= area.y + area.height + 0.5;
}
