/**
 * Copy, paste, duplicate and import-insert: a piece of a graph travels as a complete, valid
 * Mixgraph document (a "fragment"), so the clipboard text pasted in another tab or another
 * program is just JSON that `parseGraph` validates like any import.
 *
 * Pasting remaps every id (nodes, notes and groups share one namespace, edges have their own)
 * so nothing collides with the graph it lands in, and keeps the wires, notes and groups that
 * came along.
 */
import type { Catalog } from './catalog';
import type { Graph, GraphEdge, GraphGroup, GraphNode, GraphNote, Position } from './types';
import { GRAPH_FORMAT, requiredVersion } from './types';
import { definitionsUsedBy, mergeDefinitions, moduleIdOf } from './modules/definitionSet';
import { MODULE_PARAM } from './modules/types';
import { type EditResult, freshId, makeEdit, plural, refuse, takenEdgeIds, takenItemIds } from './commands/edit';

/** What to copy. Nodes of a selected group come along with it. */
export interface FragmentSelection {
  nodes?: readonly string[];
  notes?: readonly string[];
  groups?: readonly string[];
}

/**
 * A new document holding the selected items: the nodes, the wires between them (wires to nodes
 * left behind are dropped), the notes, and the selected groups restricted to copied nodes.
 */
export function extractFragment(graph: Graph, selection: FragmentSelection): Graph {
  const groupIds = new Set(selection.groups ?? []);
  const groups = (graph.groups ?? []).filter((g) => groupIds.has(g.id));
  const nodeIds = new Set(selection.nodes ?? []);
  for (const g of groups) for (const id of g.nodes) nodeIds.add(id);
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id)).map(cloneNode);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => kept.has(e.from.node) && kept.has(e.to.node)).map(cloneEdge);
  const noteIds = new Set(selection.notes ?? []);
  const notes = (graph.notes ?? []).filter((n) => noteIds.has(n.id)).map(cloneNote);
  const fragmentGroups = groups
    .map((g) => ({ ...g, nodes: g.nodes.filter((id) => kept.has(id)) }))
    .filter((g) => g.nodes.length > 0);
  // Instances travel with their definitions (nested ones too), so a paste elsewhere still plays.
  const modules = definitionsUsedBy(nodes, graph.modules ?? []);
  const fragment: Graph = { format: GRAPH_FORMAT, version: requiredVersion({ modules }), name: graph.name, nodes, edges };
  if (notes.length > 0) fragment.notes = notes;
  if (fragmentGroups.length > 0) fragment.groups = fragmentGroups;
  if (modules.length > 0) fragment.modules = modules;
  return fragment;
}

/** Whether a fragment holds anything worth pasting. */
export function isEmptyFragment(fragment: Graph): boolean {
  return fragment.nodes.length === 0 && (fragment.notes ?? []).length === 0;
}

/** Top-left corner of everything in a graph (node and note positions); undefined when empty. */
export function graphOrigin(graph: Graph): Position | undefined {
  const points = [...graph.nodes.map((n) => n.position), ...(graph.notes ?? []).map((n) => n.position)];
  if (points.length === 0) return undefined;
  return { x: Math.min(...points.map((p) => p.x)), y: Math.min(...points.map((p) => p.y)) };
}

/** Bottom-right corner of the item positions (not sizes: the graph layer knows no pixels). */
export function graphExtent(graph: Graph): Position | undefined {
  const points = [
    ...graph.nodes.map((n) => n.position),
    ...(graph.notes ?? []).map((n) => ({ x: n.position.x + n.width, y: n.position.y + n.height })),
  ];
  if (points.length === 0) return undefined;
  return { x: Math.max(...points.map((p) => p.x)), y: Math.max(...points.map((p) => p.y)) };
}

/** Where and how `pasteFragment` places a fragment. */
export interface PasteOptions {
  /** Where the fragment's top-left corner lands. Wins over `offset`. */
  at?: Position;
  /** Shift added to every position (duplicate: a small step down-right). */
  offset?: Position;
  /**
   * The master node type: when the graph already has one, the fragment's masters are left out
   * (a graph has exactly one) and named in `skipped`.
   */
  masterType?: string;
  /** Undo label; defaults to "Paste …". */
  label?: string;
}

/** The ids the pasted items received, and what was left out and why. */
export interface PasteReport {
  ids: { nodes: string[]; edges: string[]; notes: string[]; groups: string[] };
  /** Sentences naming what was not pasted. */
  skipped: string[];
}

/** Pastes a fragment (or inserts a whole imported document) into the graph with fresh ids. */
export function pasteFragment(graph: Graph, catalog: Catalog, fragment: Graph, options: PasteOptions = {}): EditResult<PasteReport> {
  if (isEmptyFragment(fragment)) return refuse('There is nothing to paste.');
  const definitions = mergeDefinitions(graph.modules ?? [], fragment.modules ?? []);
  const known = new Set([...(graph.modules ?? []).map((m) => m.id), ...definitions.ids.values()]);
  for (const node of fragment.nodes) {
    const moduleId = moduleIdOf(node);
    if (moduleId !== undefined) {
      if (!known.has(definitions.ids.get(moduleId) ?? moduleId)) return refuse(`Cannot paste node "${node.id}": module "${moduleId}" is not defined.`);
    } else if (!catalog.has(node.type)) return refuse(`Cannot paste node "${node.id}": there is no node type "${node.type}".`);
  }
  const shift = pasteShift(fragment, options);
  const skipped: string[] = [];
  const taken = takenItemIds(graph);
  const takenEdges = takenEdgeIds(graph);
  const nodeMap = new Map<string, string>();
  let hasMaster = options.masterType !== undefined && graph.nodes.some((n) => n.type === options.masterType);

  const nodes: GraphNode[] = [];
  for (const node of fragment.nodes) {
    if (options.masterType !== undefined && node.type === options.masterType) {
      if (hasMaster) {
        skipped.push(`"${node.label ?? node.id}" was left out: the graph already has its ${catalog.get(node.type)?.label ?? node.type} node, and a graph has exactly one.`);
        continue;
      }
      hasMaster = true;
    }
    const id = freshId(node.id, node.type, taken);
    taken.add(id);
    nodeMap.set(node.id, id);
    const copy: GraphNode = { ...cloneNode(node), id, position: moved(node.position, shift) };
    const moduleId = moduleIdOf(node);
    if (moduleId !== undefined) copy.params[MODULE_PARAM] = definitions.ids.get(moduleId) ?? moduleId;
    nodes.push(copy);
  }
  const edges: GraphEdge[] = [];
  for (const edge of fragment.edges) {
    const from = nodeMap.get(edge.from.node);
    const to = nodeMap.get(edge.to.node);
    if (from === undefined || to === undefined) continue;
    const id = freshId(edge.id, 'w', takenEdges);
    takenEdges.add(id);
    edges.push({ id, from: { node: from, port: edge.from.port }, to: { node: to, port: edge.to.port } });
  }
  const notes: GraphNote[] = [];
  for (const note of fragment.notes ?? []) {
    const id = freshId(note.id, 'note', taken);
    taken.add(id);
    notes.push({ ...cloneNote(note), id, position: moved(note.position, shift) });
  }
  const groups: GraphGroup[] = [];
  for (const group of fragment.groups ?? []) {
    const members = group.nodes.map((id) => nodeMap.get(id)).filter((id): id is string => id !== undefined);
    if (members.length === 0) continue;
    const id = freshId(group.id, 'group', taken);
    taken.add(id);
    groups.push({ id, label: group.label, color: group.color, nodes: members });
  }
  if (nodes.length === 0 && notes.length === 0) return refuse(skipped[0] ?? 'There is nothing to paste.');

  const count = nodes.length + notes.length;
  const label = options.label ?? `Paste ${plural(count, nodes.length === count ? 'node' : 'item')}`;
  return {
    ok: true,
    ids: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id), notes: notes.map((n) => n.id), groups: groups.map((g) => g.id) },
    skipped,
    edit: makeEdit(label, (draft) => {
      draft.nodes.push(...nodes);
      draft.edges.push(...edges);
      if (notes.length > 0) (draft.notes ??= []).push(...notes);
      if (groups.length > 0) (draft.groups ??= []).push(...groups);
      if (definitions.added.length > 0) {
        (draft.modules ??= []).push(...definitions.added);
        draft.version = 2;
      }
    }),
  };
}

/** Copies the selection and pastes it `offset` away, in one undo step (Ctrl+D). */
export function duplicateSelection(
  graph: Graph,
  catalog: Catalog,
  selection: FragmentSelection,
  options: Omit<PasteOptions, 'at' | 'label'> = {},
): EditResult<PasteReport> {
  const fragment = extractFragment(graph, selection);
  return pasteFragment(graph, catalog, fragment, { offset: { x: 40, y: 40 }, ...options, label: `Duplicate ${plural(fragment.nodes.length + (fragment.notes ?? []).length, 'item')}` });
}

function pasteShift(fragment: Graph, options: PasteOptions): Position {
  if (options.at !== undefined) {
    const origin = graphOrigin(fragment) ?? { x: 0, y: 0 };
    return { x: options.at.x - origin.x, y: options.at.y - origin.y };
  }
  return options.offset ?? { x: 0, y: 0 };
}

function moved(p: Position, shift: Position): Position {
  return { x: p.x + shift.x, y: p.y + shift.y };
}

function cloneNode(node: GraphNode): GraphNode {
  const copy: GraphNode = { id: node.id, type: node.type, position: { ...node.position }, params: { ...node.params } };
  if (node.label !== undefined) copy.label = node.label;
  if (node.bypass !== undefined) copy.bypass = node.bypass;
  return copy;
}

function cloneEdge(edge: GraphEdge): GraphEdge {
  return { id: edge.id, from: { ...edge.from }, to: { ...edge.to } };
}

function cloneNote(note: GraphNote): GraphNote {
  return { id: note.id, text: note.text, position: { ...note.position }, width: note.width, height: note.height };
}
