/**
 * Document → React Flow elements. Objects are reused while their inputs are unchanged (immer
 * keeps unchanged graph items identical), so React Flow re-renders only what an edit touched:
 * dragging one node re-renders one node.
 */
import type { Graph, GraphNode } from '../../graph/types';
import type { NodeDefinition } from '../../nodes/types';
import { definitionOfNode } from '../modules/nodeDefinitionOf';
import type { Selection } from '../store/editorState';
import { onlyMoved } from '../store/onlyMoved';
import type { ValidationReport } from '../store/validation';
import type { AudioFlowNode, FlowEdge, FlowNode, GroupFlowNode, NoteFlowNode, Size } from './flowTypes';
import { handleId } from './flowTypes';
import { frameBox } from './groupFrames';
import { estimateNode } from './nodeEstimate';

const NO_ISSUES: readonly never[] = [];

interface Entry<T> {
  deps: readonly unknown[];
  selected: boolean;
  value: T;
}

/**
 * Per-id memo of built elements; keep one per canvas and element kind. The selection is kept
 * apart from the other inputs: a click changes it on two elements, and re-selecting reuses the
 * element's other fields (`reselect`) instead of rebuilding it.
 */
export class FlowCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private used = new Set<string>();

  get<T extends { selected?: boolean }>(key: string, deps: readonly unknown[], selected: boolean, build: () => T): T {
    this.used.add(key);
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit !== undefined && hit.deps.length === deps.length && hit.deps.every((d, i) => Object.is(d, deps[i]))) {
      if (hit.selected !== selected) {
        hit.selected = selected;
        hit.value = { ...hit.value, selected };
      }
      return hit.value;
    }
    const value = build();
    this.entries.set(key, { deps, selected, value });
    return value;
  }

  /** The element under `key` with `selected` set (a copy when it changes), or undefined when unknown. */
  reselect<T extends { selected?: boolean }>(key: string, selected: boolean): T | undefined {
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit === undefined) return undefined;
    if (hit.selected !== selected) {
      hit.selected = selected;
      hit.value = { ...hit.value, selected };
    }
    return hit.value;
  }

  /** Forgets entries not used since the last sweep (deleted items). */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used = new Set();
  }
}

/** What the canvas's nodes are built from. */
export interface FlowNodeInputs {
  graph: Graph;
  selection: Pick<Selection, 'nodes' | 'notes' | 'groups'>;
  validation: ValidationReport;
  measured: ReadonlyMap<string, Size>;
  /** A large graph: unmeasured audio nodes get an estimated size and handles (`nodeEstimate.ts`). */
  estimate: boolean;
}

/**
 * Builds the canvas's React Flow nodes, reusing what it built before. When only the selection
 * changed (a click), the previous array is copied and just the elements whose `selected` flipped
 * are replaced: no pass over thousands of items, and React Flow sees the same objects for every
 * other node.
 */
export class FlowNodeBuilder {
  private readonly cache = new FlowCache();
  private last: { inputs: FlowNodeInputs; out: FlowNode[]; index: Map<string, number> } | undefined;

  build(inputs: FlowNodeInputs): FlowNode[] {
    const last = this.last;
    const sameRest = last !== undefined && last.inputs.validation === inputs.validation && last.inputs.measured === inputs.measured && last.inputs.estimate === inputs.estimate;
    if (last !== undefined && sameRest && last.inputs.graph === inputs.graph) {
      const out = this.reselect(last.inputs.selection, inputs.selection, last.out, last.index);
      this.last = { inputs, out, index: last.index };
      return out;
    }
    // A drag: only some nodes moved, and no frame has to follow them.
    if (last !== undefined && sameRest && sameSelection(last.inputs.selection, inputs.selection) && inputs.graph.groups === undefined && onlyMoved(last.inputs.graph, inputs.graph)) {
      const out = this.moved(last.inputs.graph, inputs, last.out, last.index);
      if (out !== undefined) {
        this.last = { inputs, out, index: last.index };
        return out;
      }
    }
    return this.rebuild(inputs);
  }

  /** The previous elements with the moved nodes replaced, or undefined when a full build is needed. */
  private moved(before: Graph, inputs: FlowNodeInputs, previous: FlowNode[], index: Map<string, number>): FlowNode[] | undefined {
    let out: FlowNode[] | undefined;
    const after = inputs.graph.nodes;
    for (let i = 0; i < after.length; i++) {
      if (after[i] === before.nodes[i]) continue;
      const at = index.get(after[i].id) ?? -1;
      const element = previous[at] as FlowNode | undefined;
      if (element === undefined || element.type !== 'mgAudio' || element.id !== after[i].id) return undefined;
      out ??= previous.slice();
      out[at] = audioElement(after[i], element.selected === true, inputs, this.cache, element.data.definition);
    }
    return out ?? previous;
  }

  private rebuild(inputs: FlowNodeInputs): FlowNode[] {
    const index = new Map<string, number>();
    const out = buildFlowNodes(inputs, this.cache, index);
    this.cache.sweep();
    this.last = { inputs, out, index };
    return out;
  }

  private reselect(before: FlowNodeInputs['selection'], after: FlowNodeInputs['selection'], previous: FlowNode[], index: Map<string, number>): FlowNode[] {
    if (before.nodes === after.nodes && before.notes === after.notes && before.groups === after.groups) return previous;
    const now = new Set([...after.nodes, ...after.notes, ...after.groups]);
    const then = new Set([...before.nodes, ...before.notes, ...before.groups]);
    let out: FlowNode[] | undefined;
    for (const id of new Set([...now, ...then])) {
      const i = index.get(id);
      if (i === undefined || now.has(id) === then.has(id)) continue;
      const element = this.cache.reselect<FlowNode>(cacheKey(previous[i]), now.has(id));
      if (element === undefined || element === previous[i]) continue;
      out ??= previous.slice();
      out[i] = element;
    }
    return out ?? previous;
  }
}

function cacheKey(element: FlowNode): string {
  return `${element.type === 'mgAudio' ? 'node' : element.type === 'mgNote' ? 'note' : 'group'}:${element.id}`;
}

/** Group frames (behind), notes, then audio nodes, as React Flow nodes; `index` receives each id's position. */
function buildFlowNodes(inputs: FlowNodeInputs, cache: FlowCache, index: Map<string, number>): FlowNode[] {
  const { graph, selection, measured } = inputs;
  const selectedNodes = new Set(selection.nodes);
  const selectedNotes = new Set(selection.notes);
  const selectedGroups = new Set(selection.groups);
  const out: FlowNode[] = [];
  const push = (element: FlowNode) => {
    index.set(element.id, out.length);
    out.push(element);
  };

  for (const group of graph.groups ?? []) {
    const box = frameBox(graph, group, measured);
    if (box === undefined) continue;
    const selected = selectedGroups.has(group.id);
    push(
      cache.get<GroupFlowNode>(`group:${group.id}`, [group, box.position.x, box.position.y, box.width, box.height], selected, () => ({
        id: group.id,
        type: 'mgGroup',
        position: box.position,
        width: box.width,
        height: box.height,
        measured: { width: box.width, height: box.height },
        selected,
        zIndex: -1,
        dragHandle: '.mg-group__grip',
        ariaLabel: `Group ${group.label}, ${group.nodes.length} node${group.nodes.length === 1 ? '' : 's'}`,
        data: { group, memberCount: group.nodes.length },
      })),
    );
  }

  for (const note of graph.notes ?? []) {
    const selected = selectedNotes.has(note.id);
    push(
      cache.get<NoteFlowNode>(`note:${note.id}`, [note], selected, () => ({
        id: note.id,
        type: 'mgNote',
        position: note.position,
        width: note.width,
        height: note.height,
        measured: { width: note.width, height: note.height },
        selected,
        ariaLabel: `Note: ${note.text.slice(0, 80) || 'empty'}`,
        data: { note },
      })),
    );
  }

  for (const node of graph.nodes) {
    const definition = definitionOfNode(graph, node);
    if (definition !== undefined) push(audioElement(node, selectedNodes.has(node.id), inputs, cache, definition));
  }
  return out;
}

function audioElement(node: GraphNode, selected: boolean, { validation, measured, estimate }: FlowNodeInputs, cache: FlowCache, definition: NodeDefinition): AudioFlowNode {
  const issues = validation.byNode.get(node.id) ?? NO_ISSUES;
  const size = measured.get(node.id);
  // Unmeasured on a large graph: an estimate, so React Flow need not mount it to measure it.
  const guess = size === undefined && estimate ? estimateNode(definition) : undefined;
  return cache.get<AudioFlowNode>(`node:${node.id}`, [node, issues, size, definition, guess], selected, () => ({
    id: node.id,
    type: 'mgAudio',
    position: node.position,
    selected,
    ...(size !== undefined ? { measured: size } : {}),
    ...(guess !== undefined ? { measured: guess.size, handles: guess.handles } : {}),
    ariaLabel: `${node.label ?? definition.label} (${definition.label} node)`,
    data: { node, definition, issues },
  }));
}

/**
 * Builds the canvas's wires as React Flow edges (wires into optional ports marked for dashed
 * drawing; wires out of the probed node marked as being listened to). The same array comes back
 * while no wire changed — a drag moves nodes only — because React Flow rebuilds its connection
 * lookup over every wire whenever it gets a new array (most of a drag's time at 5 000 nodes).
 */
export class FlowEdgeBuilder {
  private readonly cache = new FlowCache();
  private last: { graph: Graph; selected: readonly string[]; probed: string | null; out: FlowEdge[] } | undefined;

  build(graph: Graph, selectedEdges: readonly string[], probed: string | null): FlowEdge[] {
    const last = this.last;
    if (last !== undefined && last.selected === selectedEdges && last.probed === probed && (last.graph === graph || onlyMoved(last.graph, graph))) {
      last.graph = graph;
      return last.out;
    }
    const built = buildFlowEdges(graph, selectedEdges, this.cache, probed);
    this.cache.sweep();
    const out = last !== undefined && sameItems(last.out, built) ? last.out : built;
    this.last = { graph, selected: selectedEdges, probed, out };
    return out;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The wires as React Flow edges, each reused from `cache` while unchanged. */
export function buildFlowEdges(graph: Graph, selectedEdges: readonly string[], cache: FlowCache, probed: string | null = null): FlowEdge[] {
  const selected = new Set(selectedEdges);
  // One pass over the nodes, then lookups: a search per wire made this O(nodes × wires).
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => {
    const node = byId.get(id);
    return node === undefined ? id : (node.label ?? node.id);
  };
  return graph.edges.map((edge) => {
    const isSelected = selected.has(edge.id);
    const toNode = byId.get(edge.to.node);
    const toDefinition = toNode === undefined ? undefined : definitionOfNode(graph, toNode);
    const optional = toDefinition?.inputs.find((p) => p.id === edge.to.port)?.optional === true;
    const from = name(edge.from.node);
    const to = name(edge.to.node);
    const listened = edge.from.node === probed;
    return cache.get<FlowEdge>(`edge:${edge.id}`, [edge, optional, from, to, listened], isSelected, () => ({
      id: edge.id,
      source: edge.from.node,
      sourceHandle: handleId('output', edge.from.port),
      target: edge.to.node,
      targetHandle: handleId('input', edge.to.port),
      selected: isSelected,
      className: `mg-wire${optional ? ' mg-wire--optional' : ''}${listened ? ' mg-wire--probed' : ''}`,
      ariaLabel: `Wire from ${from} to ${to}${optional ? ` (${edge.to.port})` : ''}`,
      interactionWidth: 18,
    }));
  });
}

function sameSelection(a: FlowNodeInputs['selection'], b: FlowNodeInputs['selection']): boolean {
  return a.nodes === b.nodes && a.notes === b.notes && a.groups === b.groups;
}
