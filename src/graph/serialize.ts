/**
 * Writing a graph as JSON. The output is canonical — fixed key order, params sorted by key,
 * absent optional fields omitted, 2-space indent, trailing newline — so saving an unchanged
 * graph gives the same bytes and preset diffs show only real changes.
 *
 * Round trip: for any graph `g` returned by `parseGraph`,
 * `parseGraph(JSON.parse(serializeGraph(g)), catalog)` gives a graph deep-equal to `g`.
 */
import { GRAPH_FORMAT, requiredVersion } from './types';
import type { Graph, GraphEdge, GraphGroup, GraphNode, GraphNote, GraphSnapshot, NodeSetting, ParamValue, Position } from './types';
import type { ModuleDefinition, ModulePort, PromotedParam } from './modules/types';
import { compareIds } from './topology';

/**
 * A fresh, canonical plain-object copy of `graph`: only the document's fields (anything extra an
 * editor attached is dropped), keys in documented order, params sorted by key (UTF-16 order),
 * optional fields present only when defined. Stamps the format and the version the content needs
 * (2 with modules, else 1: version 2 only adds `modules`).
 */
export function graphToJSON(graph: Graph): Graph {
  return {
    format: GRAPH_FORMAT,
    version: requiredVersion(graph),
    name: graph.name,
    ...(graph.description !== undefined ? { description: graph.description } : {}),
    nodes: graph.nodes.map(nodeToJSON),
    edges: graph.edges.map(edgeToJSON),
    ...(graph.notes !== undefined ? { notes: graph.notes.map(noteToJSON) } : {}),
    ...(graph.groups !== undefined ? { groups: graph.groups.map(groupToJSON) } : {}),
    ...(graph.modules !== undefined ? { modules: graph.modules.map(moduleToJSON) } : {}),
    ...(graph.snapshots !== undefined ? { snapshots: snapshotsToJSON(graph) } : {}),
  };
}

/** A module definition in canonical form (keys in documented order, inner nodes as nodes). */
export function moduleToJSON(m: ModuleDefinition): ModuleDefinition {
  const port = (p: ModulePort): ModulePort => ({ id: p.id, ...(p.label !== undefined ? { label: p.label } : {}), node: p.node, port: p.port });
  const param = (p: PromotedParam): PromotedParam => ({ key: p.key, ...(p.label !== undefined ? { label: p.label } : {}), node: p.node, param: p.param });
  return {
    id: m.id,
    name: m.name,
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.version !== undefined ? { version: m.version } : {}),
    nodes: m.nodes.map(nodeToJSON),
    edges: m.edges.map(edgeToJSON),
    inputs: m.inputs.map(port),
    outputs: m.outputs.map(port),
    params: m.params.map(param),
    ...(m.summaryParams !== undefined ? { summaryParams: [...m.summaryParams] } : {}),
  };
}

/** `graphToJSON` as text: 2-space indented JSON with a trailing newline. */
export function serializeGraph(graph: Graph): string {
  return `${JSON.stringify(graphToJSON(graph), null, 2)}\n`;
}

function positionToJSON(p: Position): Position {
  return { x: p.x, y: p.y };
}

/** Params sorted by key, undefined values left out. */
function paramsToJSON(source: Record<string, ParamValue>): Record<string, ParamValue> {
  // fromEntries defines own data properties, so even a stray "__proto__" key is written out
  // as data (and then refused by the parser) rather than changing the object's prototype.
  return Object.fromEntries(
    Object.keys(source)
      .sort(compareIds)
      .map((key) => [key, source[key]] as const)
      .filter(([, value]) => value !== undefined),
  ) as Record<string, ParamValue>;
}

/**
 * Snapshots in slot order, node settings by sorted id; settings of nodes the graph no longer has
 * are left out (a deleted node's setting has nothing to recall).
 */
export function snapshotsToJSON(graph: Graph): GraphSnapshot[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return [...(graph.snapshots ?? [])]
    .sort((a, b) => a.slot.localeCompare(b.slot))
    .map((snapshot) => {
      const nodes: Record<string, NodeSetting> = Object.fromEntries(
        Object.keys(snapshot.nodes)
          .filter((id) => ids.has(id))
          .sort(compareIds)
          .map((id) => [id, { params: paramsToJSON(snapshot.nodes[id]!.params), bypass: snapshot.nodes[id]!.bypass }] as const),
      );
      return { slot: snapshot.slot, name: snapshot.name, nodes };
    });
}

function nodeToJSON(node: GraphNode): GraphNode {
  const params = paramsToJSON(node.params);
  return {
    id: node.id,
    type: node.type,
    ...(node.label !== undefined ? { label: node.label } : {}),
    position: positionToJSON(node.position),
    ...(node.bypass !== undefined ? { bypass: node.bypass } : {}),
    params,
  };
}

function edgeToJSON(edge: GraphEdge): GraphEdge {
  return {
    id: edge.id,
    from: { node: edge.from.node, port: edge.from.port },
    to: { node: edge.to.node, port: edge.to.port },
  };
}

function noteToJSON(note: GraphNote): GraphNote {
  return { id: note.id, text: note.text, position: positionToJSON(note.position), width: note.width, height: note.height };
}

function groupToJSON(group: GraphGroup): GraphGroup {
  return { id: group.id, label: group.label, color: group.color, nodes: group.nodes.slice() };
}
