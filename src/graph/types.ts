/**
 * The Mixgraph document, format `mixgraph` version 2 (DESIGN.md "Graph document"; version 2 adds
 * `modules`). Plain data: every editor path and both engines read and write exactly this shape.
 */
import type { ModuleDefinition } from './modules/types';

/** The newest document version this code reads and writes. */
export const GRAPH_VERSION = 2;
export const GRAPH_FORMAT = 'mixgraph';

/**
 * Versions a document may carry. Version 2 only adds `modules`, so a document without modules is
 * written as version 1 (older Mixgraphs still open it) and one with modules as version 2.
 */
export type GraphVersion = 1 | 2;

/** The version a graph needs: 2 when it defines modules, else 1. */
export function requiredVersion(graph: { modules?: readonly unknown[] }): GraphVersion {
  return graph.modules !== undefined && graph.modules.length > 0 ? 2 : 1;
}

/** A param value as stored in JSON: numbers (units per the catalog), booleans, enum/clip strings. */
export type ParamValue = number | boolean | string;

export interface Position {
  x: number;
  y: number;
}

export interface GraphNode {
  id: string;
  type: string;
  label?: string;
  position: Position;
  /** When true the node passes its main input through unchanged (its latency is kept). */
  bypass?: boolean;
  /** Only the params that differ from (or restate) the type's defaults; see `resolveParams`. */
  params: Record<string, ParamValue>;
}

export interface PortRef {
  node: string;
  port: string;
}

export interface GraphEdge {
  id: string;
  from: PortRef;
  to: PortRef;
}

/** Sticky note: explanation for readers; the engines ignore it. */
export interface GraphNote {
  id: string;
  text: string;
  position: Position;
  width: number;
  height: number;
}

/** Group frame around nodes; the engines ignore it. */
export interface GraphGroup {
  id: string;
  label: string;
  color: string;
  nodes: string[];
}

/** The sound-relevant state of one node: what a snapshot keeps (no layout, no wiring). */
export interface NodeSetting {
  params: Record<string, ParamValue>;
  bypass: boolean;
}

/** The four snapshot slots of a document, as on a mixing console's scene memory. */
export const SNAPSHOT_SLOTS = ['A', 'B', 'C', 'D'] as const;
export type SnapshotSlot = (typeof SNAPSHOT_SLOTS)[number];

/** A stored whole-mix setting (issue 16): every node's params and bypass, by node id. */
export interface GraphSnapshot {
  slot: SnapshotSlot;
  /** Shown on the slot's button ("Dry", "Big reverb"); at most 60 characters. */
  name: string;
  nodes: Record<string, NodeSetting>;
}

export interface Graph {
  format: typeof GRAPH_FORMAT;
  version: GraphVersion;
  name: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  notes?: GraphNote[];
  groups?: GraphGroup[];
  /** Module definitions (version 2): reusable subgraphs that `module` nodes instantiate. */
  modules?: ModuleDefinition[];
  /** Whole-mix snapshots A–D, at most one per slot, in slot order. */
  snapshots?: GraphSnapshot[];
}

/** One problem found in untrusted input, with the place it was found. */
export interface GraphIssue {
  /** JSON-path-like place, e.g. `nodes[3] "eq1".params.gain`. */
  path: string;
  /** The node the problem belongs to, when there is one. */
  nodeId?: string;
  /** Human sentence that already includes `path`. */
  message: string;
}

export type ParseResult =
  | { ok: true; graph: Graph; warnings: GraphIssue[] }
  | { ok: false; errors: GraphIssue[] };
