/**
 * The editor's module actions (toolbar, context menu, keyboard, inspector): each runs one command
 * from `src/graph/modules/commands.ts` through `dispatch`, so it is one undo step, and inside an
 * open module it applies to that module's definition.
 */
import type { EditResult } from '../../graph/commands';
import { execute } from '../../graph/history';
import { makeModule, makeUnique, unpackModule } from '../../graph/modules/commands';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import { catalog, MASTER_NODE_TYPE } from '../../nodes/registry';
import { dispatch, showNotice } from '../store/editorActions';
import { EMPTY_SELECTION, currentGraph, editorStore } from '../store/editorState';

/** Whether "Make module" can run on the selection (at least one node). */
export function canMakeModule(): boolean {
  return editorStore.get().selection.nodes.length > 0;
}

/** Makes a module of the selected nodes and selects the new instance (Ctrl+Alt+G). */
export function makeModuleFromSelection(): boolean {
  const nodes = editorStore.get().selection.nodes;
  if (nodes.length === 0) {
    showNotice('refusal', 'Select the nodes to put into a module first.');
    return false;
  }
  const result = makeModule(currentGraph(), catalog, nodes, { masterType: MASTER_NODE_TYPE });
  if (!result.ok) return dispatch(result);
  return dispatch(result, { select: { ...EMPTY_SELECTION, nodes: [result.instanceId] } });
}

/** The one selected node when it is a module instance. */
export function selectedInstance(): string | undefined {
  const nodes = editorStore.get().selection.nodes;
  if (nodes.length !== 1) return undefined;
  const node = currentGraph().nodes.find((n) => n.id === nodes[0]);
  return node !== undefined && moduleIdOf(node) !== undefined ? node.id : undefined;
}

/** Replaces instance `id` by its nodes and selects them. */
export function unpackInstance(id: string): boolean {
  const result = unpackModule(currentGraph(), id);
  if (!result.ok) return dispatch(result);
  return dispatch(result, { select: { ...EMPTY_SELECTION, nodes: result.ids } });
}

/** Gives instance `id` its own copy of the definition. */
export function makeInstanceUnique(id: string): boolean {
  return dispatch(makeUnique(currentGraph(), id));
}

/**
 * Runs a command built against the whole document (a definition's ports or promoted params) even
 * while a module is open: one undo step, never re-scoped into the open definition.
 */
export function dispatchAtDocument(result: EditResult): boolean {
  if (!result.ok) return dispatch(result);
  editorStore.set((s) => {
    const history = execute(s.history, result.edit);
    return history === s.history ? s : { ...s, history };
  });
  return true;
}
