/**
 * A module's face (issue 14): `summaryParams` names the promoted params an instance shows on the
 * canvas. Format round trip, validation (a wrong shape is an error; a stale or repeated key is a
 * warning and left off), "take off the face" keeps it consistent, and the editor's face falls
 * back to the first three promoted params when it is unset.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serializeGraph } from '../../../src/graph';
import { applyEdit } from '../../../src/graph/commands';
import { moduleView, scopeEdit, unpromoteParam } from '../../../src/graph/modules/commands';
import { removeElements } from '../../../src/graph/commands';
import type { Graph } from '../../../src/graph/types';
import { parseDocument } from '../../../src/runtime/document';
import { definitionOfNode } from '../../../src/ui/modules/nodeDefinitionOf';

const demoJson = () => JSON.parse(readFileSync('presets/demo-mix.json', 'utf8'));
function parse(json: unknown): Graph {
  const result = parseDocument(json);
  if (!result.ok) throw new Error(result.errors[0]!.message);
  return result.graph;
}
const strip = (json: { modules: { id: string; summaryParams?: unknown }[] }) => json.modules.find((m) => m.id === 'channel-strip')!;
const vocals = (g: Graph) => g.nodes.find((n) => n.id === 'vocals')!;

describe('summaryParams of a module definition', () => {
  it("the demo's channel strip shows threshold, ratio and fader, and the list round-trips", () => {
    const graph = parse(demoJson());
    expect(graph.modules![0]!.summaryParams).toEqual(['threshold', 'ratio', 'level']);
    expect(definitionOfNode(graph, vocals(graph))!.summaryParams).toEqual(['threshold', 'ratio', 'level']);
    const text = serializeGraph(graph);
    expect(strip(JSON.parse(text)).summaryParams).toEqual(['threshold', 'ratio', 'level']);
    expect(serializeGraph(parse(JSON.parse(text)))).toBe(text);
  });

  it('unset: not written, and the face shows the first three promoted params', () => {
    const json = demoJson();
    delete strip(json).summaryParams;
    const graph = parse(json);
    expect('summaryParams' in graph.modules![0]!).toBe(false);
    expect('summaryParams' in strip(JSON.parse(serializeGraph(graph)))).toBe(false);
    expect(definitionOfNode(graph, vocals(graph))!.summaryParams).toEqual(['hpOn', 'hpFreq', 'hpSlope']);
  });

  it('refuses a list that is not of strings, with the path', () => {
    const json = demoJson();
    strip(json).summaryParams = 'threshold';
    const result = parseDocument(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // (The instances then also name their module as unknown: the definition was refused.)
    expect(result.errors[0]!.message).toBe('modules["channel-strip"].summaryParams: expected an array of promoted param keys, got "threshold"');
  });

  it('warns about a key that is not promoted (suggesting the close one) or repeated, and leaves it off', () => {
    const json = demoJson();
    strip(json).summaryParams = ['treshold', 'ratio', 'ratio'];
    const result = parseDocument(json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.modules![0]!.summaryParams).toEqual(['ratio']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'modules["channel-strip"].summaryParams[0]: "treshold" is not a promoted param of this module, so it is not shown; did you mean "threshold"?',
      'modules["channel-strip"].summaryParams[2]: "ratio" is already on the face; listed once',
    ]);
  });

  it('taking a param off the face removes it from the list too, so the document stays valid', () => {
    const graph = parse(demoJson());
    const result = unpromoteParam(graph, 'channel-strip', 'ratio');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = applyEdit(graph, result.edit);
    expect(after.modules![0]!.summaryParams).toEqual(['threshold', 'level']);
    const reparsed = parseDocument(JSON.parse(serializeGraph(after)));
    expect(reparsed.ok && reparsed.warnings).toEqual([]);
  });

  it('deleting an inner node takes its promoted params off the face list too', () => {
    const graph = parse(demoJson());
    const removed = removeElements(moduleView(graph, 'channel-strip')!, { nodes: ['fader'], edges: [], notes: [], groups: [] });
    if (!removed.ok) throw new Error(removed.reason);
    const after = applyEdit(graph, scopeEdit(removed.edit, 'channel-strip'));
    expect(after.modules![0]!.summaryParams).toEqual(['threshold', 'ratio']);
    const reparsed = parseDocument(JSON.parse(serializeGraph(after)));
    expect(reparsed.ok && reparsed.warnings).toEqual([]);
  });
});
