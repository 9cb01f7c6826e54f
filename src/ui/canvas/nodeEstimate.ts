/**
 * A size and handle positions for an audio node React Flow has not measured yet, from its
 * definition alone. Used on large graphs only (`LARGE_GRAPH_ITEMS`): React Flow counts an
 * unmeasured node as visible, so with `onlyRenderVisibleElements` it still mounted every node of a
 * 5 000-node document once to measure it, then unmounted the ones off screen — most of the 9 s it
 * took to open (docs/performance-ui.md). With an estimate, only the nodes in view mount; wires to
 * nodes never seen are drawn from the estimated handles.
 *
 * The numbers follow `nodes.css` (188 px wide, 1 px border, 28 px header, 22 px port rows, 11 px
 * handles centred on the node's edge) and were checked against the measured DOM of every demo
 * node type. A node that mounts is measured by React Flow as usual and its real size replaces
 * the estimate (`flowElements.ts`).
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { NodeDefinition } from '../../nodes/types';
import { handleId } from './flowTypes';
import type { Size } from './flowTypes';

const WIDTH = 188;
const BORDER = 1;
const HEADER = 28;
const PORT_ROW = 22;
const OPTIONAL_ROW = 18;
const HANDLE = 11;
/**
 * Room for the body (visual, param summary, meter); generous, so a node near the view's edge is
 * mounted rather than missed. The half pixel keeps an estimate from ever equalling a measured
 * (whole-pixel) size, so React Flow always reports the first real measurement.
 */
const BODY = 60.5;

/** The estimate for one node type: its size and its handles, relative to the node's top left. */
export interface NodeEstimate {
  size: Size;
  handles: NodeHandle[];
}

const estimates = new WeakMap<NodeDefinition, NodeEstimate>();

/** The estimate for nodes of `definition` (one shared object per definition). */
export function estimateNode(definition: NodeDefinition): NodeEstimate {
  let estimate = estimates.get(definition);
  if (estimate === undefined) {
    estimate = build(definition);
    estimates.set(definition, estimate);
  }
  return estimate;
}

function build(definition: NodeDefinition): NodeEstimate {
  const main = definition.inputs.filter((p) => p.optional !== true);
  const optional = definition.inputs.filter((p) => p.optional === true);
  const outputs = definition.outputs;
  // Same rule as AudioNodeView: one main input and one output sit on the header.
  const onHeader = main.length <= 1 && outputs.length <= 1;
  const rows = onHeader ? 0 : Math.max(main.length, outputs.length);
  const height = BORDER + HEADER + rows * PORT_ROW + BODY + optional.length * OPTIONAL_ROW + BORDER;
  const handles: NodeHandle[] = [];
  const place = (side: 'input' | 'output', port: string, centreY: number) =>
    handles.push({
      id: handleId(side, port),
      type: side === 'input' ? 'target' : 'source',
      position: side === 'input' ? Position.Left : Position.Right,
      x: (side === 'input' ? BORDER : WIDTH - BORDER) - HANDLE / 2,
      y: centreY - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  const headerCentre = BORDER + HEADER / 2;
  const rowCentre = (i: number) => BORDER + HEADER + 1 + i * PORT_ROW + PORT_ROW / 2;
  main.forEach((port, i) => place('input', port.id, onHeader ? headerCentre : rowCentre(i)));
  outputs.forEach((port, i) => place('output', port.id, onHeader ? headerCentre : rowCentre(i)));
  optional.forEach((port, i) => place('input', port.id, height - BORDER - (optional.length - i) * OPTIONAL_ROW + OPTIONAL_ROW / 2));
  return { size: { width: WIDTH, height }, handles };
}
