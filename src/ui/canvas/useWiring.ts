/**
 * Drawing wires. React Flow runs in "loose" mode so a drag may start at either end and end on
 * any handle; our `connectEnds` decides and explains. A wire dropped on a node's body goes to
 * its main input; dropped on empty canvas it opens quick-add, pre-wired to the new node.
 */
import type { Connection, Edge, FinalConnectionState, OnConnectEnd } from '@xyflow/react';
import { useCallback } from 'react';
import { type HandleEnd, connectEnds, connectToNode } from '../../graph/commands';
import { catalog } from '../../nodes/registry';
import { dismissNotice, dispatch, showNotice } from '../store/editorActions';
import { currentGraph, editorStore } from '../store/editorState';
import { parseHandleId } from './flowTypes';
import { openQuickAdd } from './quickAddState';

/** A handle as one end of a wire, or undefined when the id is not one of ours. */
export function handleEnd(nodeId: string | null | undefined, handle: string | null | undefined): HandleEnd | undefined {
  const parsed = parseHandleId(handle);
  if (parsed === undefined || nodeId === null || nodeId === undefined) return undefined;
  return { node: nodeId, port: parsed.port, side: parsed.side };
}

function clientPoint(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event && event.changedTouches.length > 0) {
    return { x: event.changedTouches[0].clientX, y: event.changedTouches[0].clientY };
  }
  const mouse = event as MouseEvent;
  return { x: mouse.clientX, y: mouse.clientY };
}

/** React Flow connection handlers: validity while hovering, connect on drop, refusals and quick-add after. */
export function useWiring(toFlow: (client: { x: number; y: number }) => { x: number; y: number }) {
  const isValidConnection = useCallback((c: Edge | Connection) => {
    const a = handleEnd(c.source, c.sourceHandle);
    const b = handleEnd(c.target, c.targetHandle);
    return a !== undefined && b !== undefined && connectEnds(currentGraph(), catalog, a, b).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const a = handleEnd(c.source, c.sourceHandle);
    const b = handleEnd(c.target, c.targetHandle);
    if (a !== undefined && b !== undefined) dispatch(connectEnds(currentGraph(), catalog, a, b));
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.fromHandle === null || state.fromNode === null) return;
      const from = handleEnd(state.fromNode.id, state.fromHandle.id);
      if (from === undefined) return;
      const graph = currentGraph();
      // Over a handle that refused: say why.
      if (state.toHandle !== null) {
        const to = handleEnd(state.toHandle.nodeId, state.toHandle.id);
        if (to !== undefined) {
          const result = connectEnds(graph, catalog, from, to);
          if (!result.ok) showNotice('refusal', result.reason);
          else dispatch(result);
        }
        return;
      }
      const point = clientPoint(event);
      const under = document.elementFromPoint(point.x, point.y);
      const nodeElement = under?.closest('.react-flow__node-mgAudio');
      const nodeId = nodeElement?.getAttribute('data-id');
      if (nodeId !== null && nodeId !== undefined) {
        if (nodeId !== from.node) dispatch(connectToNode(graph, catalog, from, nodeId));
        return;
      }
      if (under?.closest('.react-flow__pane') !== null && under?.closest('.react-flow__pane') !== undefined) {
        openQuickAdd({ client: point, flow: toFlow(point), pending: from });
      }
    },
    [toFlow],
  );

  // A new wire supersedes the last one's refusal: its reason is about a wire that no longer is.
  const onConnectStart = useCallback(() => {
    if (editorStore.get().notice?.kind === 'refusal') dismissNotice();
  }, []);

  return { isValidConnection, onConnect, onConnectEnd, onConnectStart };
}
