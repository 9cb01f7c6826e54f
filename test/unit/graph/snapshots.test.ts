/**
 * Whole-mix snapshots in the document (issue 16): parsed as strictly as node params, written
 * canonically, and stored/recalled/renamed/cleared as single undo steps.
 */
import { describe, expect, it } from 'vitest';
import { clearSnapshot, recallSnapshot, renameSnapshot, storeSnapshot, type EditResult } from '../../../src/graph/commands';
import { diffGraphs } from '../../../src/graph/diff';
import { createHistory, execute, undo } from '../../../src/graph/history';
import { serializeGraph } from '../../../src/graph/serialize';
import type { Graph } from '../../../src/graph/types';
import { catalog } from '../../../src/nodes/registry';
import { parseDocument } from '../../../src/runtime/document';
import vocalChain from '../../../presets/vocal-chain.json';

function parsed(raw: unknown) {
  const r = parseDocument(raw);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}
const withSnapshots = (snapshots: unknown) => ({ ...structuredClone(vocalChain), snapshots });
const edit = (r: EditResult) => {
  if (!r.ok) throw new Error(r.reason);
  return r.edit;
};
const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;

describe('snapshots in the document', () => {
  it('round-trip: parse → serialize → parse gives the same graph, written in slot order with sorted keys', () => {
    const raw = withSnapshots([
      { slot: 'C', name: 'Wet', nodes: { 'vox-send': { params: { gain: -2 }, bypass: false } } },
      { slot: 'A', name: 'Dry', nodes: { 'vox-send': { params: { gain: -30 }, bypass: false }, 'vox-tone': { params: {}, bypass: true } } },
    ]);
    const first = parsed(raw).graph;
    expect(first.snapshots!.map((s) => s.slot)).toEqual(['A', 'C']);
    const text = serializeGraph(first);
    expect(parsed(JSON.parse(text)).graph).toEqual(first);
    expect(text.indexOf('"vox-send"', text.indexOf('"snapshots"'))).toBeLessThan(text.indexOf('"vox-tone"', text.indexOf('"snapshots"')));
  });

  it('refuses bad slots, duplicates and bad values with their place; drops settings of unknown nodes with a warning', () => {
    const bad = parseDocument(
      withSnapshots([
        { slot: 'E', name: 'x', nodes: {} },
        { slot: 'A', name: 'x', nodes: { 'vox-comp': { params: { ratio: 500 } } } },
        { slot: 'A', name: 'again', nodes: {} },
      ]),
    );
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.errors.map((e) => e.message);
    expect(messages[0]).toBe('snapshots[0] "E".slot: expected "A", "B", "C" or "D", got "E"');
    expect(messages[1]).toMatch(/^snapshots\[1\] "A"\.nodes\["vox-comp"\]\.params\.ratio: 500 is above the maximum/);
    expect(messages[2]).toBe('snapshots[2] "A".slot: slot A is used twice');
    const stale = parsed(withSnapshots([{ slot: 'B', name: 'Old', nodes: { gone: { params: {}, bypass: false } } }]));
    expect(stale.warnings.map((w) => w.message)).toEqual(['snapshots[0] "B".nodes.gone: "gone" is not a node of this graph; its setting was dropped']);
    expect(stale.graph.snapshots![0]!.nodes).toEqual({});
  });

  it('a node deleted after storing leaves the file loadable without snapshot warnings', () => {
    let g = parsed(structuredClone(vocalChain)).graph;
    g = execute(createHistory(g), edit(storeSnapshot(g, 'A'))).graph;
    g = { ...g, nodes: g.nodes.filter((n) => n.id !== 'vox-tone'), edges: g.edges.filter((e) => e.from.node !== 'vox-tone' && e.to.node !== 'vox-tone') };
    const again = parsed(JSON.parse(serializeGraph(g)));
    expect(again.warnings.filter((w) => w.path.startsWith('snapshots'))).toEqual([]);
    expect(Object.keys(again.graph.snapshots![0]!.nodes)).not.toContain('vox-tone');
  });
});

describe('snapshot commands', () => {
  it('store A, change the mix, store B, recall A: the mix is A again; each is one undo step', () => {
    const start = parsed(structuredClone(vocalChain)).graph;
    let h = createHistory(start);
    h = execute(h, edit(storeSnapshot(h.graph, 'A', 'Close')));
    const changed = structuredClone(h.graph);
    node(changed, 'vox-send').params.gain = -2;
    node(changed, 'vox-tone').bypass = true;
    // A param snapshot A does not hold: recalling A must take it away again.
    node(changed, 'vox-comp').params.mix = 0.5;
    h = createHistory(changed);
    h = execute(h, edit(storeSnapshot(h.graph, 'B', 'Far')));
    const atB = h.graph;
    h = execute(h, edit(recallSnapshot(h.graph, 'A')));
    // Params and bypass are A's again; the snapshots themselves are untouched.
    expect(diffGraphs(start, h.graph, catalog)).toEqual([]);
    expect(h.graph.snapshots!.map((s) => s.name)).toEqual(['Close', 'Far']);
    const texts = diffGraphs(h.graph, atB, catalog).map((c) => c.text);
    expect(texts).toHaveLength(3);
    expect(texts).toEqual(expect.arrayContaining(['Reverb send: Gain \u22128 dB → \u22122 dB', 'Presence EQ: bypassed']));
    expect(texts).toContain('Compressor: Mix 1 → 0.5');
    h = undo(h);
    expect(h.graph).toEqual(atB);
  });

  it('rename and clear; empty slots and empty names are refused with a reason', () => {
    let g = parsed(structuredClone(vocalChain)).graph;
    expect(recallSnapshot(g, 'D')).toEqual({ ok: false, reason: 'Snapshot D is empty: store the mix there first.' });
    g = execute(createHistory(g), edit(storeSnapshot(g, 'D'))).graph;
    expect(g.snapshots![0]!.name).toBe('Snapshot D');
    expect(renameSnapshot(g, 'D', '  ')).toEqual({ ok: false, reason: 'A snapshot needs a name.' });
    g = execute(createHistory(g), edit(renameSnapshot(g, 'D', 'Big verb'))).graph;
    expect(g.snapshots![0]!.name).toBe('Big verb');
    g = execute(createHistory(g), edit(clearSnapshot(g, 'D'))).graph;
    expect(g.snapshots).toBeUndefined();
    expect(clearSnapshot(g, 'D').ok).toBe(false);
  });
});
