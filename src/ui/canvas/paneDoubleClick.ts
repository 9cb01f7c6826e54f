/** Double-click on empty canvas opens quick-add there (nodes, wires and notes keep their own). */
import type { MouseEvent } from 'react';
import { canvasBridge } from './canvasBridge';
import { openQuickAdd } from './quickAddState';

/** The canvas wrapper's `onDoubleClick`: quick-add at the pointer when the pane itself was hit. */
export function openQuickAddOnEmptyCanvas(event: MouseEvent): void {
  const target = event.target as Element;
  if (!target.classList.contains('react-flow__pane')) return;
  const bridge = canvasBridge();
  if (bridge === undefined) return;
  event.preventDefault();
  const client = { x: event.clientX, y: event.clientY };
  openQuickAdd({ client, flow: bridge.toFlow(client) });
}
