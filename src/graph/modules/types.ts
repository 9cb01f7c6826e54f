/**
 * Modules (format version 2, DESIGN.md "Version 2: modules"): reusable subgraphs stored once in a
 * document's `modules` list and used by any number of `module` nodes (instances). The engines never
 * see them: `flattenModules` replaces every instance with its inner nodes before compiling.
 */
import type { GraphEdge, GraphNode } from '../types';

/** The node type of a module instance. A format concept, so the graph layer may name it. */
export const MODULE_NODE_TYPE = 'module';

/** The instance param that names the definition (`params.module`). */
export const MODULE_PARAM = 'module';

/** Separator between an instance id and an inner id in a flattened graph (`vox/comp`). */
export const INSTANCE_SEPARATOR = '/';

/** One port of a module: the inner node port it stands for. */
export interface ModulePort {
  /** The port id on the instance (`in`, `sidechain`, `send`). */
  id: string;
  /** Name shown on the instance; defaults to the id. */
  label?: string;
  /** Inner node id. */
  node: string;
  /** Inner node's port id (an input for `inputs`, an output for `outputs`). */
  port: string;
}

/** An inner param shown on the instance's face; each instance has its own value. */
export interface PromotedParam {
  /** The key on the instance (`params.<key>`); never `module`. */
  key: string;
  /** Name shown on the instance; defaults to the inner param's label. */
  label?: string;
  /** Inner node id. */
  node: string;
  /** The inner node's param key (a promoted key of an inner module instance works too). */
  param: string;
}

/** A reusable subgraph. */
export interface ModuleDefinition {
  id: string;
  name: string;
  description?: string;
  /** The definition's own revision (whole number ≥ 1), for libraries that share it. */
  version?: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  inputs: ModulePort[];
  outputs: ModulePort[];
  params: PromotedParam[];
  /**
   * Keys of promoted params shown on an instance's face on the canvas, in order. Unset: the
   * first three promoted params ("Make module" leaves it unset).
   */
  summaryParams?: string[];
}
