/**
 * `serializeGraph`'s exact text, written incrementally for the autosave: each node's JSON text is
 * kept per node object (immer gives a node a new object only when it changes), so saving after a
 * drag formats one node instead of thousands — the autosave of a 5 000-node graph was a 150-250 ms
 * task after every edit (docs/performance-ui.md). Everything but the node list still goes
 * through `graphToJSON`, so a field added to the format is never lost here.
 */
import { graphToJSON, serializeGraph, snapshotsToJSON } from '../../graph/serialize';
import type { Graph, GraphNode } from '../../graph/types';

/** Below this many nodes the plain serializer is as fast; the cache is not worth its memory. */
const INCREMENTAL_FROM = 200;

/** Indent of a node inside the document's `nodes` array (JSON.stringify with 2 spaces, depth 2). */
const NODE_INDENT = '    ';
const NODES_KEY = '\n  "nodes": []';

const nodeTexts = new WeakMap<GraphNode, string>();

function nodeText(graph: Graph, node: GraphNode): string {
  let text = nodeTexts.get(node);
  if (text === undefined) {
    // graphToJSON of a one-node document is the canonical form of that node.
    const [json] = graphToJSON({ ...graph, nodes: [node], edges: [], notes: undefined, groups: undefined, modules: undefined, snapshots: undefined }).nodes;
    text = NODE_INDENT + JSON.stringify(json, null, 2).replaceAll('\n', `\n${NODE_INDENT}`);
    nodeTexts.set(node, text);
  }
  return text;
}

/**
 * The same text as `serializeGraph(graph)`, reusing the text of nodes seen before (graphs of
 * `incrementalFrom` nodes or more).
 */
export function graphText(graph: Graph, incrementalFrom = INCREMENTAL_FROM): string {
  if (graph.nodes.length === 0 || graph.nodes.length < incrementalFrom) return serializeGraph(graph);
  // Snapshots keep only the settings of nodes the graph has: they are written from the whole graph
  // (the last key of the document, so appending keeps serializeGraph's key order).
  const shellJson = graphToJSON({ ...graph, nodes: [], snapshots: undefined });
  if (graph.snapshots !== undefined) shellJson.snapshots = snapshotsToJSON(graph);
  const shell = `${JSON.stringify(shellJson, null, 2)}\n`;
  const at = shell.indexOf(NODES_KEY);
  if (at < 0) return serializeGraph(graph); // the format changed shape: never guess
  const nodes = graph.nodes.map((node) => nodeText(graph, node)).join(',\n');
  return `${shell.slice(0, at)}\n  "nodes": [\n${nodes}\n  ]${shell.slice(at + NODES_KEY.length)}`;
}
