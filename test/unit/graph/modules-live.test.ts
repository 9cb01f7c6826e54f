/**
 * The live engine's side of modules: `liveState` flattens first, so an edit inside a definition
 * is one diff over the flat graph — ramped param changes on every instance's inner node, and a
 * structural edit inside becomes crossfaded connects for every instance; nothing else is rebuilt.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/graph';
import { applyEdit, connect, setParam } from '../../../src/graph/commands';
import { addNode } from '../../../src/graph/commands';
import { moduleView, scopeEdit } from '../../../src/graph/modules/commands';
import { diffGraphs, DEFAULT_PARAM_RAMP_SECONDS } from '../../../src/runtime/live/diff';
import { parseDocument } from '../../../src/runtime/document';
import { catalog } from '../../../src/nodes/registry';
import { testLatency } from '../live/graphBuilder';

const options = { latencyOf: testLatency };
const TRACKS = ['drums', 'bass', 'keys', 'lead', 'vocals'];

function strips(): Graph {
  const parsed = parseDocument(JSON.parse(readFileSync('presets/demo-mix.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return parsed.graph;
}

describe('live diff of a definition edit', () => {
  it('an inner param edit ramps that param on all five instances and does nothing else', () => {
    const before = strips();
    const edit = setParam(moduleView(before, 'channel-strip')!, catalog, 'comp', 'knee', 12);
    if (!edit.ok) throw new Error(edit.reason);
    const after = applyEdit(before, scopeEdit(edit.edit, 'channel-strip'));
    const instructions = diffGraphs(before, after, options);
    // Instances whose own face value sets the knee keep it; the others follow the definition.
    const own = before.nodes.filter((n) => n.type === 'module' && n.params.knee !== undefined).map((n) => n.id);
    const expected = TRACKS.filter((t) => !own.includes(t)).map((t) => ({ op: 'setParam', id: `${t}/comp`, key: 'knee', value: 12, rampSeconds: DEFAULT_PARAM_RAMP_SECONDS }));
    expect(instructions).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0); // the drums strip has no own knee
  });

  it('a node added and wired inside appears once per instance, in one diff, without rebuilding the rest', () => {
    const before = strips();
    const view = moduleView(before, 'channel-strip')!;
    const added = addNode(view, catalog, { type: 'gain', position: { x: 900, y: 0 } });
    if (!added.ok) throw new Error(added.reason);
    const step1 = applyEdit(before, scopeEdit(added.edit, 'channel-strip'));
    const wired = connect(moduleView(step1, 'channel-strip')!, catalog, { node: 'eq', port: 'out' }, { node: added.id, port: 'in' });
    if (!wired.ok) throw new Error(wired.reason);
    const after = applyEdit(step1, scopeEdit(wired.edit, 'channel-strip'));
    const instructions = diffGraphs(before, after, options);
    const created = instructions.filter((i) => i.op === 'createNode').map((i) => (i.op === 'createNode' ? i.node.id : ''));
    expect(created).toEqual(TRACKS.map((t) => `${t}/${added.id}`).sort());
    expect(instructions.filter((i) => i.op === 'connect')).toHaveLength(5);
    expect(instructions.some((i) => i.op === 'removeNode' || i.op === 'disconnect')).toBe(false);
  });
});
