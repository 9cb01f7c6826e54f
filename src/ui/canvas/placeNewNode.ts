/**
 * Click-to-add from the palette: a new node never lands on another one. With one node selected
 * it goes to that node's right and is wired after it when that is unambiguous (`addNodeAfter`);
 * otherwise it takes the free space nearest the view's centre. One undo step either way.
 */
import { addNode, addNodeAfter, freePosition } from '../../graph/commands';
import { catalog, getNodeDefinition } from '../../nodes/registry';
import { GRID, MASTER_NODE_TYPE } from '../config';
import { dispatch } from '../store/editorActions';
import { currentGraph, editorStore } from '../store/editorState';
import { defaultLabel } from './addNodeAt';
import { canvasBridge } from './canvasBridge';
import { DEFAULT_NODE_SIZE } from './groupFrames';

/** Node sizes as drawn, the default size for nodes not drawn yet. */
const drawnSizes = { get: (id: string) => canvasBridge()?.nodeSize(id) };

/** Adds a node of `type` (see the file comment); returns its id, or undefined when refused. */
export function placeNewNode(type: string): string | undefined {
  const graph = currentGraph();
  const definition = getNodeDefinition(type);
  if (definition === undefined) return undefined;
  const spec = { type, label: defaultLabel(graph, definition.label), position: { x: 0, y: 0 } };
  const { selection } = editorStore.get();
  const only = selection.nodes.length === 1 && selection.notes.length + selection.groups.length + selection.edges.length === 0 ? selection.nodes[0] : undefined;
  if (only !== undefined) {
    const after = addNodeAfter(graph, catalog, spec, only, DEFAULT_NODE_SIZE, drawnSizes, GRID[0], { masterType: MASTER_NODE_TYPE });
    dispatch(after, after.ok ? { select: { nodes: [after.id], edges: [], notes: [], groups: [] } } : {});
    return after.ok ? after.id : undefined;
  }
  const centre = canvasBridge()?.centre() ?? { x: 0, y: 0 };
  const want = { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
  const added = addNode(graph, catalog, { ...spec, position: freePosition(graph, want, DEFAULT_NODE_SIZE, drawnSizes, GRID[0]) }, { masterType: MASTER_NODE_TYPE });
  dispatch(added, added.ok ? { select: { nodes: [added.id], edges: [], notes: [], groups: [] } } : {});
  return added.ok ? added.id : undefined;
}
