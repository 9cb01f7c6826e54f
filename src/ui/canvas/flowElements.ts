/**
 * Document → React Flow elements. Objects are reused while their inputs are unchanged (immer
 * keeps unchanged graph items identical), so React Flow re-renders only what an edit touched:
 * dragging one node re-renders one node.
 */
import type { Graph } from '../../graph/types';
import { definitionOfNode } from '../modules/nodeDefinitionOf';
import type { Selection } from '../store/editorState';
import type { ValidationReport } from '../store/validation';
import type { AudioFlowNode, FlowEdge, FlowNode, GroupFlowNode, NoteFlowNode, Size } from './flowTypes';
import { handleId } from './flowTypes';
import { frameBox } from './groupFrames';

const NO_ISSUES: readonly never[] = [];

interface Entry<T> {
  deps: readonly unknown[];
  value: T;
}

/** Per-id memo of built elements; keep one per canvas. */
export class FlowCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private used = new Set<string>();

  get<T>(key: string, deps: readonly unknown[], build: () => T): T {
    this.used.add(key);
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.deps.length === deps.length && hit.deps.every((d, i) => Object.is(d, deps[i]))) return hit.value as T;
    const value = build();
    this.entries.set(key, { deps, value });
    return value;
  }

  /** Forgets entries not used since the last sweep (deleted items). */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used = new Set();
  }
}

/** Group frames (behind), notes, then audio nodes, as React Flow nodes. */
export function buildFlowNodes(
  graph: Graph,
  selection: Selection,
  validation: ValidationReport,
  measured: ReadonlyMap<string, Size>,
  cache: FlowCache,
): FlowNode[] {
  const selectedNodes = new Set(selection.nodes);
  const selectedNotes = new Set(selection.notes);
  const selectedGroups = new Set(selection.groups);
  const out: FlowNode[] = [];

  for (const group of graph.groups ?? []) {
    const box = frameBox(graph, group, measured);
    if (box === undefined) continue;
    const selected = selectedGroups.has(group.id);
    out.push(
      cache.get<GroupFlowNode>(`group:${group.id}`, [group, box.position.x, box.position.y, box.width, box.height, selected], () => ({
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
    out.push(
      cache.get<NoteFlowNode>(`note:${note.id}`, [note, selected], () => ({
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
    if (definition === undefined) continue;
    const selected = selectedNodes.has(node.id);
    const issues = validation.byNode.get(node.id) ?? NO_ISSUES;
    const size = measured.get(node.id);
    out.push(
      cache.get<AudioFlowNode>(`node:${node.id}`, [node, selected, issues, size, definition], () => ({
        id: node.id,
        type: 'mgAudio',
        position: node.position,
        selected,
        ...(size !== undefined ? { measured: size } : {}),
        ariaLabel: `${node.label ?? definition.label} (${definition.label} node)`,
        data: { node, definition, issues },
      })),
    );
  }
  return out;
}

/**
 * Wires as React Flow edges (wires into optional ports marked for dashed drawing; wires out of
 * the probed node, `probed`, marked as being listened to).
 */
export function buildFlowEdges(graph: Graph, selection: Selection, cache: FlowCache, probed: string | null = null): FlowEdge[] {
  const selected = new Set(selection.edges);
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
    return cache.get<FlowEdge>(`edge:${edge.id}`, [edge, isSelected, optional, from, to, listened], () => ({
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
