/**
 * A group frame: a coloured box around its nodes with a label bar. Only the label bar takes
 * the pointer (drag it to move the whole group); the rest lets clicks through to the wires and
 * the canvas underneath.
 */
import type { NodeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { memo } from 'react';
import type { GroupFlowNode } from './flowTypes';

/** The React Flow node component for group frames. */
export const GroupFrameView = memo(function GroupFrameView({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group } = data;
  return (
    <div className={`mg-group${selected ? ' is-selected' : ''}`} style={{ '--group-color': group.color } as CSSProperties}>
      <div className="mg-group__header" title="Drag to move the group; Ctrl+Shift+G ungroups">
        <span className="mg-group__label">{group.label}</span>
      </div>
    </div>
  );
});
