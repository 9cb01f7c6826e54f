/**
 * Opens the context menus: right-click on a node, a wire or empty canvas, and from the keyboard
 * the Menu key or Shift+F10 on a focused node (else on the canvas). The clicked item joins the
 * selection the way a left click would, so the menu visibly acts on it.
 */
import type { Edge } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import type { Position } from '../../../graph/types';
import { setSelection } from '../../store/editorActions';
import { editorStore } from '../../store/editorState';
import type { FlowNode } from '../flowTypes';
import { type MenuTarget, openContextMenu } from './contextMenuState';

type Mouse = React.MouseEvent | MouseEvent;

/** Handlers for React Flow's context-menu props and the canvas's keydown. */
export function useContextMenuHandlers(toFlow: (client: Position) => Position) {
  const open = useCallback(
    (target: MenuTarget, client: Position) => {
      openContextMenu({ target, client, flow: toFlow(client), returnFocus: document.activeElement instanceof HTMLElement ? document.activeElement : null });
    },
    [toFlow],
  );

  return useMemo(
    () => ({
      onNodeContextMenu: (event: Mouse, node: FlowNode) => {
        event.preventDefault();
        const { selection } = editorStore.get();
        const kind = node.type === 'mgNote' ? 'notes' : node.type === 'mgGroup' ? 'groups' : 'nodes';
        if (!selection[kind].includes(node.id)) setSelection({ nodes: [], edges: [], notes: [], groups: [], [kind]: [node.id] });
        open({ kind: 'node', id: node.id }, { x: event.clientX, y: event.clientY });
      },
      onEdgeContextMenu: (event: Mouse, edge: Edge) => {
        event.preventDefault();
        setSelection({ nodes: [], edges: [edge.id], notes: [], groups: [] });
        open({ kind: 'wire', id: edge.id }, { x: event.clientX, y: event.clientY });
      },
      onPaneContextMenu: (event: Mouse) => {
        event.preventDefault();
        open({ kind: 'canvas' }, { x: event.clientX, y: event.clientY });
      },
      onKeyDown: (event: React.KeyboardEvent) => {
        if (event.key !== 'ContextMenu' && !(event.key === 'F10' && event.shiftKey)) return;
        const target = event.target as HTMLElement;
        const nodeElement = target.closest<HTMLElement>('.react-flow__node');
        const id = nodeElement?.getAttribute('data-id');
        const rect = (nodeElement ?? target.closest<HTMLElement>('.canvas') ?? target).getBoundingClientRect();
        event.preventDefault();
        if (id !== null && id !== undefined) open({ kind: 'node', id }, { x: rect.left + 16, y: rect.top + Math.min(rect.height, 40) });
        else open({ kind: 'canvas' }, { x: rect.left + rect.width / 3, y: rect.top + rect.height / 3 });
      },
    }),
    [open],
  );
}
