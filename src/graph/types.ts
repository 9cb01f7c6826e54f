/**
 * The Mixgraph document, format `mixgraph` version 1 (DESIGN.md "Graph document").
 * Plain data: every editor path and both engines read and write exactly this shape.
 */

/** Current document version written by `serializeGraph`. */
export const GRAPH_VERSION = 1;
export const GRAPH_FORMAT = 'mixgraph';

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

export interface Graph {
  format: typeof GRAPH_FORMAT;
  version: typeof GRAPH_VERSION;
  name: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  notes?: GraphNote[];
  groups?: GraphGroup[];
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
