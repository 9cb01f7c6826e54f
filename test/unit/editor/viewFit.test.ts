/**
 * Viewport arithmetic of fit view and of the view a document opens with (src/ui/canvas/viewFit.ts),
 * checked against the mapping React Flow draws with: screen = flow · zoom + (x, y).
 */
import { describe, expect, it } from 'vitest';
import { type Box, type FitOptions, boxOnScreen, fitBox, openingView } from '../../../src/ui/canvas/viewFit';

const pane = { width: 800, height: 600 };
const base: FitOptions = { pane, margin: 20, minZoom: 0.2, maxZoom: 1.1 };

/** A grid of `cols` × `rows` nodes 200×100, 240 apart across and 150 down (the presets' spacing). */
function grid(cols: number, rows: number): Box[] {
  const boxes: Box[] = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) boxes.push({ x: c * 240, y: r * 150, width: 200, height: 100 });
  return boxes;
}

const screen = (options: FitOptions): Box => ({ x: 0, y: 0, width: options.pane.width, height: options.pane.height });

describe('fitBox', () => {
  it('centres a box with the margin on its tight side', () => {
    const view = fitBox({ x: 100, y: 50, width: 1520, height: 560 }, base);
    // Width is the tight side: (800 − 40) / 1520 = 0.5.
    expect(view.zoom).toBeCloseTo(0.5, 12);
    expect(100 * view.zoom + view.x).toBeCloseTo(20, 9);
    // Centred down: (600 − 560·0.5) / 2 = 160 above and below.
    expect(50 * view.zoom + view.y).toBeCloseTo(160, 9);
  });

  it('never zooms past maxZoom', () => {
    expect(fitBox({ x: 0, y: 0, width: 10, height: 10 }, base).zoom).toBe(1.1);
  });

  it('keeps a wide graph out from under the corner overlay by giving up the bottom strip', () => {
    const corner = { width: 170, height: 150 };
    const box = { x: 0, y: 0, width: 1520, height: 300 };
    const view = fitBox(box, { ...base, corner });
    // Reserving the bottom costs nothing here (height is not tight), so the zoom stays 0.5.
    expect(view.zoom).toBeCloseTo(0.5, 12);
    const bottom = box.height * view.zoom + view.y;
    expect(bottom).toBeLessThanOrEqual(pane.height - corner.height);
  });

  it('keeps a tall graph out from under the corner overlay by giving up the right strip', () => {
    const corner = { width: 170, height: 150 };
    const box = { x: 0, y: 0, width: 300, height: 2000 };
    const view = fitBox(box, { ...base, corner });
    const right = box.width * view.zoom + view.x;
    expect(right).toBeLessThanOrEqual(pane.width - corner.width);
    expect(view.zoom).toBeCloseTo(560 / 2000, 12);
  });
});

describe('openingView', () => {
  it('shows a small graph whole, like fit view', () => {
    const nodes = grid(2, 2);
    expect(openingView(nodes, [], 0.8, base)).toEqual(fitBox({ x: 0, y: 0, width: 440, height: 250 }, base));
  });

  it('opens a graph too big to read whole on its leftmost columns, at a readable zoom', () => {
    const nodes = grid(10, 3); // 2360 px across: whole, it would open at ≈ 0.32
    const view = openingView(nodes, [], 0.8, base);
    expect(view.zoom).toBeGreaterThanOrEqual(0.8);
    const visible = nodes.filter((b) => boxOnScreen(b, view, screen(base)));
    // (800 − 40) / 0.8 = 950 flow px: the first three columns (0..680) fit, the fourth (720..920) too.
    expect(new Set(visible.map((b) => b.x))).toEqual(new Set([0, 240, 480, 720]));
    // The leftmost column is on screen: the part starts where the signal starts.
    for (const b of nodes.filter((n) => n.x === 0)) expect(boxOnScreen(b, view, screen(base))).toBe(true);
  });

  it('keeps the opening part out from under the corner overlay when it fits beside it', () => {
    const corner = { width: 170, height: 150 };
    const options = { ...base, corner };
    const nodes = grid(10, 3);
    const view = openingView(nodes, [], 0.8, options);
    const free = nodes.filter((b) => boxOnScreen(b, view, screen(options)));
    expect(free.length).toBeGreaterThan(0);
    const overlay = { x: pane.width - corner.width, y: pane.height - corner.height, width: corner.width, height: corner.height };
    for (const b of free) {
      const x = b.x * view.zoom + view.x;
      const y = b.y * view.zoom + view.y;
      const overlaps = x < overlay.x + overlay.width && x + b.width * view.zoom > overlay.x && y < overlay.y + overlay.height && y + b.height * view.zoom > overlay.y;
      expect(overlaps).toBe(false);
    }
  });

  it('starts from the top-left of a part too tall to fit readable', () => {
    const nodes = grid(2, 12); // 1750 px tall
    const view = openingView(nodes, [], 0.8, base);
    expect(view.zoom).toBeCloseTo(0.8, 12);
    expect(0 * view.zoom + view.y).toBeCloseTo(20, 9);
    expect(boxOnScreen(nodes[0]!, view, screen(base))).toBe(true);
  });

  it('counts notes and frames for the whole view but not for choosing the part', () => {
    const nodes = grid(2, 2);
    const farNote = { x: 3000, y: 0, width: 300, height: 100 };
    const view = openingView(nodes, [farNote], 0.8, base);
    expect(view.zoom).toBeGreaterThanOrEqual(0.8);
    for (const b of nodes) expect(boxOnScreen(b, view, screen(base))).toBe(true);
  });
});
