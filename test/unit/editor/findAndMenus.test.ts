import { describe, expect, it } from 'vitest';
import { findNodes } from '../../../src/ui/canvas/findNodes';
import { MENU_EDGE_GAP, placeMenu } from '../../../src/ui/canvas/contextMenu/menuPosition';
import { sampleGraph, testCatalog } from './fixtures';

const typeLabel = (type: string) => testCatalog.get(type)?.label;

describe('findNodes', () => {
  it('matches labels and type names, case- and accent-insensitively, label matches first, then reading order', () => {
    const g = sampleGraph();
    g.nodes.push({ id: 'eq2', type: 'eq', label: 'Bässe', position: { x: 0, y: 300 }, params: {} });
    expect(findNodes(g, 'drums', typeLabel).map((n) => n.id)).toEqual(['drums', 'eqd']);
    expect(findNodes(g, 'EQ', typeLabel).map((n) => n.id)).toEqual(['eqd', 'eq2']);
    expect(findNodes(g, 'basse', typeLabel).map((n) => n.id)).toEqual(['eq2']);
    // "bus" is in no label: found by its type; an id-only node is named by its id.
    expect(findNodes(g, 'bus', typeLabel)).toEqual([{ id: 'bus', name: 'bus' }]);
    expect(findNodes(g, 'source', typeLabel).map((n) => n.id)).toEqual(['drums', 'bass']);
  });

  it('needs every word and ignores an empty query', () => {
    expect(findNodes(sampleGraph(), 'drums eq', typeLabel).map((n) => n.id)).toEqual(['eqd']);
    expect(findNodes(sampleGraph(), '   ', typeLabel)).toEqual([]);
    expect(findNodes(sampleGraph(), 'reverb', typeLabel)).toEqual([]);
  });
});

describe('placeMenu', () => {
  const view = { width: 1280, height: 720 };
  const size = { width: 220, height: 300 };
  it('opens at the point when it fits', () => {
    expect(placeMenu({ x: 100, y: 100 }, size, view)).toEqual({ x: 100, y: 100 });
  });
  it('flips left and up near the right and bottom edges', () => {
    expect(placeMenu({ x: 1270, y: 700 }, size, view)).toEqual({ x: 1050, y: 400 });
  });
  it('is pushed inside when it fits on neither side', () => {
    const tall = { width: 220, height: 700 };
    const p = placeMenu({ x: 10, y: 360 }, tall, view);
    expect(p.y).toBeGreaterThanOrEqual(MENU_EDGE_GAP);
    expect(p.y + tall.height).toBeLessThanOrEqual(view.height);
  });
});
