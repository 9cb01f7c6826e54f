/**
 * Work the editor skips on large graphs, checked against doing it all again: the autosave text
 * written node by node must be `serializeGraph`'s to the byte, and the canvas elements rebuilt
 * after a click or a drag must equal a fresh build while every untouched element keeps its
 * object (what lets React Flow skip it).
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { largeGraph } from '../../../bench/ui/largeGraph';
import { serializeGraph } from '../../../src/graph/serialize';
import type { Graph } from '../../../src/graph/types';
import { parseDocument } from '../../../src/runtime/document';
import { builtInPresets } from '../../../src/runtime/presets';
import { FlowEdgeBuilder, FlowNodeBuilder } from '../../../src/ui/canvas/flowElements';
import { estimateNode } from '../../../src/ui/canvas/nodeEstimate';
import { getNodeDefinition } from '../../../src/nodes/registry';
import { graphText } from '../../../src/ui/persistence/graphText';
import { validateGraph } from '../../../src/ui/store/validation';

function parsed(document: unknown): Graph {
  const result = parseDocument(document);
  if (!result.ok) throw new Error(result.errors[0].message);
  return result.graph;
}

describe('graphText (the autosave, node by node)', () => {
  it('writes serializeGraph’s exact text for every preset and a 1 000-node graph, before and after edits', () => {
    const large = parsed(largeGraph(1000));
    // Snapshots (issue 16) keep only the settings of nodes the graph has: the shell must not drop them.
    const withSnapshots = produce(large, (d) => {
      d.snapshots = [{ slot: 'B', name: 'Kept', nodes: { [d.nodes[0].id]: { params: {}, bypass: true }, [d.nodes[999].id]: { params: {}, bypass: false }, gone: { params: {}, bypass: false } } }];
    });
    const graphs = [...builtInPresets.map((p) => parsed(p.document)), large, withSnapshots];
    for (const graph of graphs) {
      expect(graphText(graph, 0)).toBe(serializeGraph(graph));
      expect(graphText(graph, 0)).toBe(serializeGraph(graph)); // from the per-node cache
      const edited = produce(graph, (d) => {
        d.nodes[0].position.x += 40;
        d.nodes[d.nodes.length - 1].label = 'Renamed "quoted"\nline';
        d.nodes[1].params = { ...d.nodes[1].params, zz: 1 };
        d.name = 'Edited';
        d.description = 'now with a description';
      });
      expect(graphText(edited, 0)).toBe(serializeGraph(edited));
      const emptied = produce(graph, (d) => {
        d.nodes.splice(0, d.nodes.length);
      });
      expect(graphText(emptied, 0)).toBe(serializeGraph(emptied));
    }
  });
});

function inputs(graph: Graph, nodes: readonly string[] = [], estimate = true) {
  return { graph, selection: { nodes, notes: [], groups: [] }, validation: validateGraph(graph), measured: new Map(), estimate };
}

describe('FlowNodeBuilder', () => {
  const graph = parsed(largeGraph(1000));

  it('after a click, replaces only the nodes whose selection flipped', () => {
    const builder = new FlowNodeBuilder();
    const first = builder.build(inputs(graph, ['c0n1']));
    const second = builder.build(inputs(graph, ['c3n2']));
    const fresh = new FlowNodeBuilder().build(inputs(graph, ['c3n2']));
    expect(second).toEqual(fresh);
    const changed = second.flatMap((n, i) => (n === first[i] ? [] : [n.id]));
    expect(changed.sort()).toEqual(['c0n1', 'c3n2']);
    expect(second.find((n) => n.id === 'c3n2')?.selected).toBe(true);
    expect(second.find((n) => n.id === 'c0n1')?.selected).toBe(false);
  });

  it('during a drag, replaces only the moved node', () => {
    const builder = new FlowNodeBuilder();
    const selection = ['c2n4'];
    const first = builder.build(inputs(graph, selection));
    const moved = produce(graph, (d) => {
      d.nodes.find((n) => n.id === 'c2n4')!.position.x += 60;
    });
    const next = builder.build({ ...inputs(moved, selection), validation: validateGraph(moved) });
    expect(next).toEqual(new FlowNodeBuilder().build(inputs(moved, selection)));
    expect(next.flatMap((n, i) => (n === first[i] ? [] : [n.id]))).toEqual(['c2n4']);
    expect(next.find((n) => n.id === 'c2n4')?.position.x).toBe(graph.nodes.find((n) => n.id === 'c2n4')!.position.x + 60);
  });

  it('gives unmeasured nodes of a large graph an estimated size and handles, and measured ones their size', () => {
    const measured = new Map([['c0n1', { width: 188, height: 71 }]]);
    const built = new FlowNodeBuilder().build({ ...inputs(graph), measured });
    const eq = built.find((n) => n.id === 'c0n1')!;
    expect(eq.measured).toEqual({ width: 188, height: 71 });
    expect(eq.handles).toBeUndefined();
    const gain = built.find((n) => n.id === 'c0n2')!;
    expect(gain.measured).toBe(estimateNode(getNodeDefinition('gain')!).size);
    expect(gain.handles?.map((h) => h.id).sort()).toEqual(['in:in', 'out:out']);
    // Small graphs are drawn whole and measured by React Flow.
    expect(new FlowNodeBuilder().build(inputs(graph, [], false)).find((n) => n.id === 'c0n2')?.measured).toBeUndefined();
  });
});

describe('FlowEdgeBuilder', () => {
  it('returns the same array while a drag moves nodes, and a new one when a wire changes', () => {
    const graph = parsed(largeGraph(1000));
    const builder = new FlowEdgeBuilder();
    const first = builder.build(graph, [], null);
    const moved = produce(graph, (d) => {
      d.nodes[5].position.y += 20;
    });
    expect(builder.build(moved, [], null)).toBe(first);
    const selected = builder.build(moved, [graph.edges[3].id], null);
    expect(selected).not.toBe(first);
    expect(selected.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual([graph.edges[3].id]);
    const cut = produce(moved, (d) => {
      d.edges.splice(0, 1);
    });
    expect(builder.build(cut, [graph.edges[3].id], null)).toHaveLength(graph.edges.length - 1);
  });
});
