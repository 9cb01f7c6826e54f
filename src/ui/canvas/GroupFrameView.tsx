/**
 * A group frame: a coloured box around its nodes with a label bar. The label bar and a band along
 * the whole border take the pointer (click to select the group, drag to move it); the inside lets
 * clicks through to the nodes, wires and canvas underneath.
 */
import type { NodeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { memo } from 'react';
import type { GroupFlowNode } from './flowTypes';

/** CSS class of every part of a frame that selects and drags it (React Flow's `dragHandle`). */
export const GROUP_GRIP_CLASS = 'mg-group__grip';

const EDGES = ['top', 'right', 'bottom', 'left'] as const;

/** The React Flow node component for group frames. */
export const GroupFrameView = memo(function GroupFrameView({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group } = data;
  return (
    <div className={`mg-group${selected ? ' is-selected' : ''}`} style={{ '--group-color': group.color } as CSSProperties}>
      {EDGES.map((edge) => (
        <div key={edge} className={`${GROUP_GRIP_CLASS} mg-group__edge mg-group__edge--${edge}`} title={`Group “${group.label}”: click to select, drag to move`} />
      ))}
      <div className={`${GROUP_GRIP_CLASS} mg-group__header`} title="Drag to move the group; Ctrl+Shift+G ungroups">
        <span className="mg-group__label">{group.label}</span>
      </div>
    </div>
  );
});
