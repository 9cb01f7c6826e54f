/**
 * The editor validates the open document after every edit; an edit that only moves nodes reuses
 * the previous report (validation never depends on positions), anything else validates afresh.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/runtime/document';
import { findBuiltInPreset } from '../../../src/runtime/presets';
import { validateGraph } from '../../../src/ui/store/validation';

function demo() {
  const parsed = parseDocument(findBuiltInPreset('demo-mix')!.document);
  if (!parsed.ok) throw new Error('demo-mix does not parse');
  return parsed.graph;
}

describe('validateGraph while dragging', () => {
  it('reuses the report when only positions changed, and validates afresh otherwise', () => {
    const graph = demo();
    const first = validateGraph(graph);
    expect(first.errors).toEqual([]);
    const moved = produce(graph, (d) => {
      d.nodes[0].position.x += 40;
      d.nodes[3].position.y -= 20;
    });
    expect(validateGraph(moved)).toBe(first);

    const gainIndex = moved.nodes.findIndex((n) => n.type === 'gain');
    const broken = produce(moved, (d) => {
      d.nodes[gainIndex].params.gain = 9999;
    });
    const report = validateGraph(broken);
    expect(report).not.toBe(first);
    expect(report.byNode.get(broken.nodes[gainIndex].id)?.[0]?.severity).toBe('error');

    // Moving the broken graph keeps its (error) report; a non-finite position is itself an error.
    const movedAgain = produce(broken, (d) => {
      d.nodes[1].position.x += 1;
    });
    expect(validateGraph(movedAgain)).toBe(report);
    const nowhere = produce(movedAgain, (d) => {
      d.nodes[1].position.x = Number.NaN;
    });
    expect(validateGraph(nowhere).byNode.get(nowhere.nodes[1].id)?.some((i) => i.severity === 'error')).toBe(true);

    // A relabel is not a move.
    const renamed = produce(graph, (d) => {
      d.nodes[0].label = 'x'.repeat(500);
    });
    expect(validateGraph(renamed)).not.toBe(first);
  });
});
