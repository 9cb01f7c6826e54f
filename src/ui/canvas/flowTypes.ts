/**
 * The React Flow node and edge shapes the canvas draws. Audio nodes, sticky notes and group
 * frames are all React Flow nodes (ids never collide: nodes, notes and groups share one id
 * namespace in the document); wires are React Flow edges.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphGroup, GraphNode, GraphNote } from '../../graph/types';
import type { NodeDefinition } from '../../nodes/types';
import type { NodeIssue } from '../store/validation';

/** Data of an audio node on the canvas: the document node, its definition, its validation issues. */
export type AudioNodeData = {
  node: GraphNode;
  definition: NodeDefinition;
  issues: readonly NodeIssue[];
};

/** Data of a sticky note on the canvas. */
export type NoteNodeData = {
  note: GraphNote;
};

/** Data of a group frame on the canvas. */
export type GroupNodeData = {
  group: GraphGroup;
  /** Names of the member nodes, for the frame's accessible description. */
  memberCount: number;
};

/** An audio node on the canvas. */
export type AudioFlowNode = Node<AudioNodeData, 'mgAudio'>;
/** A sticky note on the canvas. */
export type NoteFlowNode = Node<NoteNodeData, 'mgNote'>;
/** A group frame on the canvas. */
export type GroupFlowNode = Node<GroupNodeData, 'mgGroup'>;
/** Any node on the canvas. */
export type FlowNode = AudioFlowNode | NoteFlowNode | GroupFlowNode;
/** A wire on the canvas. */
export type FlowEdge = Edge;

/** Measured size of a node on screen, in canvas pixels. */
export interface Size {
  width: number;
  height: number;
}

/** Handle ids say which side a port is on, so a wire drawn in either direction can be oriented. */
export function handleId(side: 'input' | 'output', port: string): string {
  return `${side === 'input' ? 'in' : 'out'}:${port}`;
}

/** The side and port of a handle id made by `handleId`, or undefined for foreign ids. */
export function parseHandleId(id: string | null | undefined): { side: 'input' | 'output'; port: string } | undefined {
  if (id === null || id === undefined) return undefined;
  if (id.startsWith('in:')) return { side: 'input', port: id.slice(3) };
  if (id.startsWith('out:')) return { side: 'output', port: id.slice(4) };
  return undefined;
}
