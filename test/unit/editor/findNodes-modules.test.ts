/**
 * Find (Ctrl+F) inside module instances (issue 14), on the module demo: five "Channel strip"
 * instances, each with an inner node labelled "Compressor", plus the top-level drum crush and glue
 * compressor. Expectations come from the preset's labels and positions as written in the file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/graph/types';
import { catalog } from '../../../src/nodes/registry';
import { parseDocument } from '../../../src/runtime/document';
import { findNodes } from '../../../src/ui/canvas/findNodes';

function demo(): Graph {
  const parsed = parseDocument(JSON.parse(readFileSync('presets/demo-mix.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.graph;
}
const typeLabel = (type: string) => catalog.get(type)?.label;

describe('findNodes inside modules', () => {
  it('finds the compressors inside every strip, named by their path, in the strips’ reading order, then the top-level ones', () => {
    const g = demo();
    const strips = g.nodes.filter((n) => n.type === 'module').sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
    const found = findNodes(g, 'compressor', typeLabel);
    expect(found.slice(0, 5)).toEqual(strips.map((s) => ({ id: 'comp', name: `${s.label} › Compressor`, path: [s.id] })));
    // Drum crush and Glue comp match by type only, so they come after the label matches.
    expect(found.slice(5).map((f) => f.id).sort()).toEqual(['drum-crush', 'master-comp']);
    expect(found).toHaveLength(7);
  });

  it("uses the instance's name to narrow, but an inner node must match a word itself", () => {
    const g = demo();
    expect(findNodes(g, 'vocals comp', typeLabel)).toEqual([{ id: 'comp', name: 'Vocals strip › Compressor', path: ['vocals'] }]);
    // "strip" names the five instances (label and module name), not the nodes inside them.
    const strips = findNodes(g, 'strip', typeLabel);
    expect(strips.every((f) => f.path === undefined)).toBe(true);
    expect(strips.map((f) => f.id).sort()).toEqual(['bass', 'drums', 'keys', 'lead', 'vocals']);
    // An instance is found by its module's name.
    expect(findNodes(g, 'channel', typeLabel).map((f) => f.id).sort()).toEqual(['bass', 'drums', 'keys', 'lead', 'vocals']);
  });

  it('searches nested instances and names the whole path', () => {
    const g = structuredClone(demo());
    const strip = g.modules!.find((m) => m.id === 'channel-strip')!;
    g.modules!.push({ id: 'bus-strip', name: 'Bus strip', nodes: [{ id: 'inner', type: 'module', label: 'Inner strip', position: { x: 0, y: 0 }, params: { module: strip.id } }], edges: [], inputs: [], outputs: [], params: [] });
    g.nodes = [{ id: 'outer', type: 'module', label: 'Outer', position: { x: 0, y: 0 }, params: { module: 'bus-strip' } }];
    expect(findNodes(g, 'pan', typeLabel)).toEqual([{ id: 'pan', name: 'Outer › Inner strip › Pan', path: ['outer', 'inner'] }]);
  });
});
