/** The document "New" opens: an empty canvas with only the master output, which every graph needs. */
import { addNode, applyEdit } from '../../graph/commands';
import type { Graph } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { MASTER_NODE_TYPE } from '../config';

/** A new document holding only its master output. */
export function newGraph(name = 'Untitled'): Graph {
  const empty: Graph = { format: 'mixgraph', version: 1, name, nodes: [], edges: [] };
  const master = addNode(empty, catalog, { type: MASTER_NODE_TYPE, id: 'master', label: 'Master', position: { x: 600, y: 200 } });
  return master.ok ? applyEdit(empty, master.edit) : empty;
}
