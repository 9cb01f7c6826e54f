/**
 * The canvas's module hooks: double-click opens an instance, and a module dragged from the
 * palette is dropped as a new instance (its definition brought into the document when it comes
 * from the library or the built-ins).
 */
import type { MouseEvent, DragEvent } from 'react';
import { MODULE_NODE_TYPE } from '../../graph/modules/types';
import { insertModule, MODULE_MIME, readPaletteModule } from './moduleLibrary';
import { openModule } from './moduleScope';

/** React Flow's `onNodeDoubleClick`: opens a module instance on the canvas. */
export function openModuleOnDoubleClick(event: MouseEvent, node: { id: string; type?: string; data: unknown }): void {
  const data = node.data as { node?: { type?: string } };
  if (node.type !== 'mgAudio' || data.node?.type !== MODULE_NODE_TYPE) return;
  event.preventDefault();
  openModule(node.id);
}

/** Handles a palette module dropped at `at` (flow coordinates); false when it is not one. */
export function dropModule(event: DragEvent, at: { x: number; y: number }): boolean {
  const ref = readPaletteModule(event.dataTransfer.getData(MODULE_MIME));
  if (ref === undefined) return false;
  event.preventDefault();
  insertModule(ref, at);
  return true;
}
