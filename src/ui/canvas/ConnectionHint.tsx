/** While a wire is being drawn over a port that refuses it, shows why next to the pointer. */
import { ViewportPortal, useConnection } from '@xyflow/react';
import { connectEnds } from '../../graph/commands';
import { catalog } from '../../nodes/registry';
import { currentGraph } from '../store/editorState';
import { handleEnd } from './useWiring';

/** The refusal hint that follows a wire being drawn. */
export function ConnectionHint() {
  const connection = useConnection();
  if (!connection.inProgress || connection.isValid !== false || connection.toHandle === null) return null;
  const from = handleEnd(connection.fromNode.id, connection.fromHandle.id);
  const to = handleEnd(connection.toHandle.nodeId, connection.toHandle.id);
  if (from === undefined || to === undefined) return null;
  const result = connectEnds(currentGraph(), catalog, from, to);
  if (result.ok) return null;
  return (
    <ViewportPortal>
      <div className="mg-connection-hint" style={{ transform: `translate(${connection.to.x + 14}px, ${connection.to.y + 14}px)` }}>
        {result.reason}
      </div>
    </ViewportPortal>
  );
}
