/**
 * "What changed" with modules (issue 14), on the module demo (five instances of one "Channel
 * strip"): a promoted value on an instance reads with the promoted label and unit, and edits
 * inside the definition are listed once, naming the module and the inner node, with the instances
 * they reach. Every expected sentence is written from the edit the test makes (the compressor's
 * catalog default ratio is 4:1; only the drums strip leaves ratio to the definition; no strip sets
 * its own stereo link), never from a previous run's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changedNodeIds, diffGraphs } from '../../../src/graph/diff';
import type { ModuleDefinition } from '../../../src/graph/modules/types';
import type { Graph } from '../../../src/graph/types';
import { catalog } from '../../../src/nodes/registry';
import { parseDocument } from '../../../src/runtime/document';

const demoText = readFileSync('presets/demo-mix.json', 'utf8');
function demo(): Graph {
  const parsed = parseDocument(JSON.parse(demoText));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return structuredClone(parsed.graph);
}
const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;
const strip = (g: Graph): ModuleDefinition => g.modules!.find((m) => m.id === 'channel-strip')!;
const inner = (g: Graph, id: string) => strip(g).nodes.find((n) => n.id === id)!;
const texts = (a: Graph, b: Graph) => diffGraphs(a, b, catalog).map((c) => c.text);

describe('diffGraphs with modules', () => {
  it('finds nothing between the module demo and a copy whose inner nodes moved', () => {
    const a = demo();
    const b = demo();
    for (const n of strip(b).nodes) n.position = { x: n.position.x + 50, y: n.position.y };
    expect(diffGraphs(a, b, catalog)).toEqual([]);
  });

  it('says a promoted value on an instance with the promoted label and unit', () => {
    const a = demo();
    const b = demo();
    node(b, 'vocals').params.threshold = -40;
    node(b, 'bass').params.level = -3;
    const changes = diffGraphs(a, b, catalog);
    expect(changes.map((c) => c.text)).toEqual(['Bass strip: Fader 0 dB → \u22123 dB', 'Vocals strip: Threshold \u221228 dB → \u221240 dB']);
    expect(changes[1]).toMatchObject({ kind: 'param', nodeId: 'vocals', param: 'threshold', from: -28, to: -40 });
    expect(changedNodeIds(changes)).toEqual(['bass', 'vocals']);
  });

  it('names an added instance by its module', () => {
    const a = demo();
    const b = demo();
    b.nodes.push({ id: 'gtr', type: 'module', label: 'Guitar strip', position: { x: 0, y: 0 }, params: { module: 'channel-strip' } });
    expect(texts(a, b)).toEqual(['added Guitar strip (channel strip)']);
  });

  it('lists an inner param edit once, with the instances it reaches', () => {
    const a = demo();
    const b = demo();
    inner(b, 'comp').params.ratio = 6; // promoted; only the drums strip has no ratio of its own
    inner(b, 'comp').params.link = false; // not promoted: every strip
    inner(b, 'pan').bypass = true;
    const changes = diffGraphs(a, b, catalog);
    expect(changes.map((c) => c.text)).toEqual([
      'Channel strip › Compressor: Ratio 4:1 → 6:1 (Drums strip; the others set their own)',
      'Channel strip › Compressor: Stereo link On → Off (all 5 instances)',
      'Channel strip › Pan: bypassed (all 5 instances)',
    ]);
    expect(changes[0]).toMatchObject({ kind: 'param', nodeId: 'comp', param: 'ratio', from: 4, to: 6, module: { id: 'channel-strip', name: 'Channel strip' } });
    // The canvas highlights the instances, not the inner ids.
    expect(changedNodeIds(changes).sort()).toEqual(['bass', 'drums', 'keys', 'lead', 'vocals']);
  });

  it('says when no instance follows a promoted inner value, or only some do', () => {
    const a = demo();
    const b = demo();
    for (const g of [a, b]) node(g, 'drums').params.ratio = 4;
    inner(b, 'comp').params.ratio = 6;
    inner(b, 'comp').params.threshold = -20; // drums leaves threshold to the definition
    delete node(b, 'keys').params.threshold;
    delete node(a, 'keys').params.threshold;
    expect(texts(a, b)).toEqual([
      'Channel strip › Compressor: Threshold \u221218 dB → \u221220 dB (Drums strip, Keys strip; the others set their own)',
      'Channel strip › Compressor: Ratio 4:1 → 6:1 (no instance: each sets its own)',
    ]);
  });

  it('lists inner nodes and wires added and removed', () => {
    const a = demo();
    const b = demo();
    const def = strip(b);
    def.nodes.push({ id: 'safety', type: 'limiter', label: 'Safety', position: { x: 0, y: 0 }, params: {} });
    def.edges = def.edges.filter((e) => e.id !== 'w-fader-pan');
    def.edges.push(
      { id: 'w1', from: { node: 'fader', port: 'out' }, to: { node: 'safety', port: 'in' } },
      { id: 'w2', from: { node: 'safety', port: 'out' }, to: { node: 'pan', port: 'in' } },
    );
    expect(texts(a, b)).toEqual([
      'Channel strip: added Safety (limiter) (all 5 instances)',
      'Channel strip: new wire Fader → Safety (all 5 instances)',
      'Channel strip: new wire Safety → Pan (all 5 instances)',
      'Channel strip: wire removed Fader → Pan (all 5 instances)',
    ]);
  });

  it("lists the definition's name, ports and face params", () => {
    const a = demo();
    const b = demo();
    const def = strip(b);
    def.name = 'Strip';
    def.inputs.find((p) => p.id === 'sidechain')!.label = 'Key';
    def.outputs.push({ id: 'send', label: 'Send', node: 'fader', port: 'out' });
    def.params.push({ key: 'detector', node: 'comp', param: 'detector' });
    def.params = def.params.filter((p) => p.key !== 'knee');
    def.params.find((p) => p.key === 'level')!.label = 'Volume';
    expect(texts(a, b)).toEqual([
      'module Channel strip renamed to Strip',
      'Strip: input Sidechain renamed to Key',
      'Strip: new output Send, from Fader (Out) (all 5 instances)',
      'Strip: face param Fader renamed to Volume',
      'Strip: Compressor Detector put on the face',
      'Strip: Knee taken off the face',
    ]);
  });

  it('lists definitions added and removed', () => {
    const a = demo();
    const b = demo();
    b.modules!.push({ ...structuredClone(strip(b)), id: 'spare', name: 'Spare strip' });
    a.modules!.push({ ...structuredClone(strip(a)), id: 'old', name: 'Old strip' });
    expect(texts(a, b)).toEqual(['new module Spare strip (no instances)', 'module Old strip removed']);
  });
});
