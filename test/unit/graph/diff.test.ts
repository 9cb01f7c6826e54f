/**
 * "What changed" in words (issue 16): params, bypass, names, nodes and wires added or removed,
 * on the real catalog and the flat demo mix (one node per EQ and compressor). Each expectation is
 * written from the edit the test makes, never from a previous run's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedNodeIds, diffGraphs } from '../../../src/graph/diff';
import type { Graph } from '../../../src/graph/types';
import { catalog } from '../../../src/nodes/registry';
import { parseDocument } from '../../../src/runtime/document';

const demoText = readFileSync('presets/demo-mix-flat.json', 'utf8');
function demo(): Graph {
  const parsed = parseDocument(JSON.parse(demoText));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return structuredClone(parsed.graph);
}
const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, or a copy that only moved, restated defaults and renumbered wires', () => {
    const a = demo();
    const b = demo();
    for (const n of b.nodes) n.position = { x: n.position.x + 100, y: n.position.y - 40 };
    const spec = catalog.get('compressor')!;
    const comp = node(b, 'comp-vocals');
    for (const p of spec.params) if (!(p.key in comp.params)) comp.params[p.key] = p.default;
    b.edges = b.edges.map((e, i) => ({ ...e, id: `renumbered-${i}` })).reverse();
    b.notes = [];
    expect(diffGraphs(a, a, catalog)).toEqual([]);
    expect(diffGraphs(a, b, catalog)).toEqual([]);
  });

  it('says a param change with the node name, the param label and both values with units', () => {
    const a = demo();
    const b = demo();
    node(a, 'comp-vocals').params.threshold = -24;
    node(b, 'comp-vocals').params.threshold = -30;
    node(a, 'comp-vocals').params.ratio = 3;
    node(b, 'comp-vocals').params.ratio = 6;
    const changes = diffGraphs(a, b, catalog);
    expect(changes.map((c) => c.text)).toEqual(['Vocals comp: Threshold \u221224 dB → \u221230 dB', 'Vocals comp: Ratio 3:1 → 6:1']);
    expect(changes[0]).toMatchObject({ kind: 'param', nodeId: 'comp-vocals', param: 'threshold', from: -24, to: -30 });
  });

  it('writes frequencies in kHz and booleans as On/Off', () => {
    const a = demo();
    const b = demo();
    const freq = catalog.get('eq')!.params.find((p) => p.kind === 'number' && p.unit === 'Hz')!;
    const toggle = catalog.get('eq')!.params.find((p) => p.kind === 'bool')!;
    node(a, 'eq-vocals').params[freq.key] = 2500;
    node(b, 'eq-vocals').params[freq.key] = 12000;
    node(a, 'eq-vocals').params[toggle.key] = false;
    node(b, 'eq-vocals').params[toggle.key] = true;
    const texts = diffGraphs(a, b, catalog).map((c) => c.text).sort();
    expect(texts).toEqual([`Vocals EQ: ${freq.label} 2.5 kHz → 12 kHz`, `Vocals EQ: ${toggle.label} Off → On`].sort());
  });

  it('says bypassed and back in, and renames', () => {
    const a = demo();
    const b = demo();
    node(b, 'comp-bass').bypass = true;
    node(a, 'eq-lead').bypass = true;
    node(b, 'eq-keys').label = 'Keys tone';
    const texts = diffGraphs(a, b, catalog).map((c) => c.text);
    expect(texts).toContain('Bass comp: bypassed');
    expect(texts).toContain('Lead EQ: back in (bypass off)');
    expect(texts).toContain('Keys EQ: renamed to Keys tone');
    expect(texts).toHaveLength(3);
  });

  it('lists nodes and wires added and removed, naming the port when it is not the main one', () => {
    const a = demo();
    const b = demo();
    // Remove Lead comp and its wires; add a ducker fed by the drums into its sidechain.
    b.nodes = b.nodes.filter((n) => n.id !== 'comp-lead');
    const leadWires = b.edges.filter((e) => e.from.node === 'comp-lead' || e.to.node === 'comp-lead');
    b.edges = b.edges.filter((e) => !leadWires.includes(e));
    b.nodes.push({ id: 'duck', type: 'compressor', label: 'Ducker', position: { x: 0, y: 0 }, params: {} });
    b.edges.push({ id: 'w-side', from: { node: 'src-drums', port: 'out' }, to: { node: 'duck', port: 'sidechain' } });
    const changes = diffGraphs(a, b, catalog);
    const texts = changes.map((c) => c.text);
    expect(texts).toContain('added Ducker (compressor)');
    expect(texts).toContain('removed Lead comp (compressor)');
    expect(texts).toContain('new wire Drums → Ducker (Sidechain)');
    expect(texts.filter((t) => t.startsWith('wire removed '))).toHaveLength(leadWires.length);
    expect(texts).toContain('wire removed Lead EQ → Lead comp');
    expect(changes).toHaveLength(3 + leadWires.length);
    expect(changedNodeIds(changes)).toEqual(expect.arrayContaining(['duck', 'comp-lead', 'src-drums']));
  });

  it('treats the same id with another type as a removed node and an added one', () => {
    const a = demo();
    const b = demo();
    const at = b.nodes.findIndex((n) => n.id === 'comp-keys');
    b.nodes[at] = { id: 'comp-keys', type: 'gain', label: 'Keys level', position: { x: 0, y: 0 }, params: {} };
    const texts = diffGraphs(a, b, catalog).map((c) => c.text);
    expect(texts).toEqual(['removed Keys comp (compressor)', 'added Keys level (gain)']);
  });
});

describe('mixgraph diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/mixgraph.mjs', 'diff', ...args], { encoding: 'utf8', timeout: 120_000 });

  it('prints the changes in words, or JSON, and exits 0; a missing file is one clear line', () => {
    const b = JSON.parse(demoText);
    b.nodes.find((n: { id: string }) => n.id === 'comp-bass').bypass = true;
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify(b));
    const text = run('demo-mix-flat', file);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(`1 change from preset demo-mix-flat to ${file}:\n  Bass comp: bypassed\n`);
    const json = run('presets/demo-mix-flat.json', file, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ same: false, changes: [{ kind: 'bypass', nodeId: 'comp-bass', from: false, to: true }] });
    const same = run('demo-mix-flat', 'presets/demo-mix-flat.json', '--json');
    expect(JSON.parse(same.stdout)).toMatchObject({ same: true, changes: [] });
    const missing = run('demo-mix-flat', join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
  });
});
