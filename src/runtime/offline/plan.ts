/**
 * A compiled graph: the nodes that reach the master, in processing order, with their wiring.
 * Plain data derived from a validated `Graph`; kernels are made later by `createEngine`, at the
 * render's sample rate.
 */
import type { Graph } from '../../graph/types';
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeDefinition } from '../../nodes/types';

/** One wire into an input port, by the index of its source node in `Plan.nodes`. */
export interface PlanWire {
  edgeId: string;
  fromNode: number;
  fromPort: number;
}

export interface PlanNode {
  id: string;
  definition: NodeDefinition;
  params: ResolvedParams;
  bypass: boolean;
  /** Wires per input port, in the order of `definition.inputs`. */
  inputs: PlanWire[][];
}

export interface Plan {
  graph: Graph;
  /** Topological order (Kahn, ties by id), limited to nodes that feed the master. */
  nodes: PlanNode[];
  /** Index of the master `output` node in `nodes` (always the last one). */
  master: number;
  /** Nodes left out because nothing they make reaches the master. */
  unused: string[];
}
