/**
 * Commands on nodes as whole items: add, delete (with their wires, notes and groups), move,
 * label and bypass.
 */
import type { Catalog } from '../catalog';
import type { Graph, GraphNode, ParamValue, Position } from '../types';
import { checkParamValue } from '../validateParams';
import { specOfNode } from '../modules/nodeSpec';
import { type EditResult, type GestureOptions, freshId, makeEdit, nodeName, plural, refuse, takenItemIds } from './edit';

/** What a new node needs; everything but the type and position is optional. */
export interface NewNode {
  type: string;
  position: Position;
  /** Wanted id; made unique if taken. Defaults to the type name plus a number (`eq1`). */
  id?: string;
  label?: string;
  params?: Readonly<Record<string, ParamValue>>;
}

/** Options of `addNode`. */
export interface AddNodeOptions {
  /**
   * The master node type (`output`): a graph has exactly one, so a second one is refused.
   * The caller passes it because only the node registry knows which type that is.
   */
  masterType?: string;
}

/** Adds one node. Refuses unknown types, bad params and a second master. */
export function addNode(graph: Graph, catalog: Catalog, spec: NewNode, options: AddNodeOptions = {}): EditResult<{ id: string }> {
  const typeSpec = catalog.get(spec.type);
  if (typeSpec === undefined) return refuse(`There is no node type "${spec.type}".`);
  if (options.masterType !== undefined && spec.type === options.masterType) {
    const existing = graph.nodes.find((n) => n.type === options.masterType);
    if (existing !== undefined) {
      return refuse(`The graph already has its ${typeSpec.label} node "${nodeName(graph, existing.id)}"; a graph has exactly one.`);
    }
  }
  if (!isFinitePosition(spec.position)) return refuse('A node needs a finite position.');
  const params: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(spec.params ?? {})) {
    const paramSpec = typeSpec.params.find((p) => p.key === key);
    if (paramSpec === undefined) return refuse(`${typeSpec.label} has no param "${key}".`);
    const checked = checkParamValue(value, paramSpec);
    if (!checked.ok) return refuse(`${paramSpec.label}: ${checked.problem}.`);
    params[key] = checked.value;
  }
  const id = freshId(spec.id, spec.type, takenItemIds(graph));
  const node: GraphNode = { id, type: spec.type, position: { x: spec.position.x, y: spec.position.y }, params };
  const label = spec.label?.trim();
  if (label !== undefined && label !== '') node.label = label;
  return {
    ok: true,
    id,
    edit: makeEdit(`Add ${typeSpec.label}`, (draft) => {
      draft.nodes.push(node);
    }),
  };
}

/** What to delete; ids that do not exist are ignored. */
export interface Selection {
  nodes?: readonly string[];
  edges?: readonly string[];
  notes?: readonly string[];
  groups?: readonly string[];
}

/**
 * Deletes nodes (with every wire touching them and their group memberships; a group left empty
 * goes too), wires, notes and groups (deleting a group frees its nodes, it does not delete them).
 */
export function removeElements(graph: Graph, selection: Selection): EditResult {
  const nodes = new Set((selection.nodes ?? []).filter((id) => graph.nodes.some((n) => n.id === id)));
  const edges = new Set((selection.edges ?? []).filter((id) => graph.edges.some((e) => e.id === id)));
  const notes = new Set((selection.notes ?? []).filter((id) => (graph.notes ?? []).some((n) => n.id === id)));
  const groups = new Set((selection.groups ?? []).filter((id) => (graph.groups ?? []).some((g) => g.id === id)));
  const total = nodes.size + edges.size + notes.size + groups.size;
  if (total === 0) return refuse('Nothing is selected to delete.');
  const label = describeDeletion(nodes.size, edges.size, notes.size, groups.size);
  return {
    ok: true,
    edit: makeEdit(label, (draft) => {
      draft.nodes = draft.nodes.filter((n) => !nodes.has(n.id));
      draft.edges = draft.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from.node) && !nodes.has(e.to.node));
      if (draft.notes !== undefined) {
        draft.notes = draft.notes.filter((n) => !notes.has(n.id));
        if (draft.notes.length === 0) delete draft.notes;
      }
      if (draft.groups !== undefined) {
        const kept = [];
        for (const group of draft.groups) {
          if (groups.has(group.id)) continue;
          if (group.nodes.some((id) => nodes.has(id))) group.nodes = group.nodes.filter((id) => !nodes.has(id));
          if (group.nodes.length > 0) kept.push(group);
        }
        draft.groups = kept;
        if (draft.groups.length === 0) delete draft.groups;
      }
    }),
  };
}

function describeDeletion(nodes: number, edges: number, notes: number, groups: number): string {
  const parts: string[] = [];
  if (nodes > 0) parts.push(plural(nodes, 'node'));
  if (edges > 0) parts.push(plural(edges, 'wire'));
  if (notes > 0) parts.push(plural(notes, 'note'));
  if (groups > 0) parts.push(plural(groups, 'group'));
  return `Delete ${parts.join(', ')}`;
}

/** New positions for nodes and notes, by id. */
export interface Positions {
  nodes?: Readonly<Record<string, Position>>;
  notes?: Readonly<Record<string, Position>>;
}

/**
 * Moves nodes and notes to absolute positions. During a drag pass `{ merge: true }` on every
 * frame and mark history when the drag ends: the whole drag is one undo step.
 */
export function moveElements(graph: Graph, positions: Positions, options: GestureOptions = {}): EditResult {
  const nodeMoves = Object.entries(positions.nodes ?? {}).filter(([id]) => graph.nodes.some((n) => n.id === id));
  const noteMoves = Object.entries(positions.notes ?? {}).filter(([id]) => (graph.notes ?? []).some((n) => n.id === id));
  if (nodeMoves.length + noteMoves.length === 0) return refuse('Nothing to move.');
  for (const [, p] of [...nodeMoves, ...noteMoves]) if (!isFinitePosition(p)) return refuse('Positions must be finite numbers.');
  const ids = [...nodeMoves.map(([id]) => id), ...noteMoves.map(([id]) => `note:${id}`)].sort();
  const label =
    nodeMoves.length === 1 && noteMoves.length === 0
      ? `Move ${nodeName(graph, nodeMoves[0][0])}`
      : `Move ${plural(nodeMoves.length + noteMoves.length, 'item')}`;
  const nodeTargets = new Map(nodeMoves);
  const noteTargets = new Map(noteMoves);
  return {
    ok: true,
    edit: makeEdit(
      label,
      (draft) => {
        for (const node of draft.nodes) {
          const p = nodeTargets.get(node.id);
          if (p !== undefined && (node.position.x !== p.x || node.position.y !== p.y)) node.position = { x: p.x, y: p.y };
        }
        for (const note of draft.notes ?? []) {
          const p = noteTargets.get(note.id);
          if (p !== undefined && (note.position.x !== p.x || note.position.y !== p.y)) note.position = { x: p.x, y: p.y };
        }
      },
      options.merge === true ? `move:${ids.join(',')}` : undefined,
    ),
  };
}

/** Sets (or with an empty string, removes) a node's label. */
export function setLabel(graph: Graph, nodeId: string, label: string, options: GestureOptions = {}): EditResult {
  if (!graph.nodes.some((n) => n.id === nodeId)) return refuse(`There is no node "${nodeId}".`);
  const text = label.trim();
  return {
    ok: true,
    edit: makeEdit(
      `Rename ${nodeName(graph, nodeId)}`,
      (draft) => {
        const node = draft.nodes.find((n) => n.id === nodeId);
        if (node === undefined) return;
        if (text === '') delete node.label;
        else node.label = text;
      },
      options.merge === true ? `label:${nodeId}` : undefined,
    ),
  };
}

/**
 * Turns bypass on or off. Only nodes with an input and an output can be bypassed (bypass passes
 * the main input through; DESIGN.md "Signal semantics").
 */
export function setBypass(graph: Graph, catalog: Catalog, nodeId: string, bypass: boolean): EditResult {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return refuse(`There is no node "${nodeId}".`);
  // A module instance is bypassed as a whole (every node inside passes through; docs/modules.md).
  const spec = specOfNode(graph, catalog, node);
  if (spec === undefined || spec.inputs.length === 0 || spec.outputs.length === 0) {
    return refuse(`${nodeName(graph, nodeId)} cannot be bypassed: only nodes with an input and an output can.`);
  }
  return {
    ok: true,
    edit: makeEdit(`${bypass ? 'Bypass' : 'Enable'} ${nodeName(graph, nodeId)}`, (draft) => {
      const target = draft.nodes.find((n) => n.id === nodeId);
      if (target === undefined) return;
      if (bypass) target.bypass = true;
      else delete target.bypass;
    }),
  };
}

/** Whether `node` can be bypassed: a plain node by its type, a module instance by its ports. */
export function canBypassNode(graph: Pick<Graph, 'modules'>, catalog: Catalog, node: Pick<GraphNode, 'type' | 'params'>): boolean {
  const spec = specOfNode(graph, catalog, node);
  return spec !== undefined && spec.inputs.length > 0 && spec.outputs.length > 0;
}

/** Whether a node of this type can be bypassed (has both an input and an output). */
export function canBypass(catalog: Catalog, type: string): boolean {
  const spec = catalog.get(type);
  return spec !== undefined && spec.inputs.length > 0 && spec.outputs.length > 0;
}

/** Whether both coordinates are finite numbers. */
export function isFinitePosition(p: Position): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y);
}
