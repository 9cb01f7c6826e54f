/**
 * Opening a module on the canvas (double-click or Enter on an instance) and going back out (the
 * breadcrumb, Escape). Edits while a module is open change its definition, so every instance;
 * meters and probes show the instance that was opened (its flat ids `instance/inner`).
 */
import { findModule } from '../../graph/modules/commands';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import { INSTANCE_SEPARATOR, MODULE_NODE_TYPE } from '../../graph/modules/types';
import type { Graph } from '../../graph/types';
import { EMPTY_SELECTION, type EditorState, type ModuleScope, currentGraph, editorStore, scopedGraph } from '../store/editorState';

/** Opens instance `instanceId` of the graph on the canvas (inside the open module, if any). */
export function openModule(instanceId: string): boolean {
  const node = currentGraph().nodes.find((n) => n.id === instanceId);
  const moduleId = node === undefined ? undefined : moduleIdOf(node);
  if (moduleId === undefined || findModule(editorStore.get().history.graph, moduleId) === undefined) return false;
  editorStore.set((s) => ({
    ...s,
    scope: { trail: [...(s.scope?.trail ?? []), { instanceId, moduleId }] },
    selection: EMPTY_SELECTION,
    documentId: s.documentId + 1,
  }));
  return true;
}

/** Goes back out to `depth` modules open (0: the document). */
export function closeModule(depth = 0): void {
  editorStore.set((s) => {
    if (s.scope === null || depth >= s.scope.trail.length) return s;
    const reopened = s.scope.trail[depth]?.instanceId;
    return {
      ...s,
      scope: depth === 0 ? null : { trail: s.scope.trail.slice(0, depth) },
      selection: reopened === undefined ? EMPTY_SELECTION : { ...EMPTY_SELECTION, nodes: [reopened] },
      documentId: s.documentId + 1,
    };
  });
}

/** Opens the selected instance (Enter), or says why not. */
export function openSelectedModule(): boolean {
  const selected = editorStore.get().selection.nodes;
  if (selected.length !== 1) return false;
  if (openModule(selected[0])) return true;
  return false;
}

/** The breadcrumb: the document's name, then "Module (instance label)" for each open level. */
export function breadcrumbOf(root: Graph, scope: ModuleScope | null): { label: string; depth: number }[] {
  const crumbs = [{ label: root.name, depth: 0 }];
  let nodes = root.nodes;
  (scope?.trail ?? []).forEach((step, i) => {
    const instance = nodes.find((n) => n.id === step.instanceId);
    const definition = findModule(root, step.moduleId);
    crumbs.push({ label: `${definition?.name ?? step.moduleId} (${instance?.label ?? step.instanceId})`, depth: i + 1 });
    nodes = definition?.nodes ?? [];
  });
  return crumbs;
}

/** `vocals/` for the open instance (nested: `a/b/`), '' at the top. */
export function scopePrefix(state: EditorState): string {
  const trail = state.scope?.trail ?? [];
  return trail.length === 0 ? '' : trail.map((t) => t.instanceId).join(INSTANCE_SEPARATOR) + INSTANCE_SEPARATOR;
}

/**
 * The live engine's id for what node `nodeId` of the canvas outputs: the flat id inside the open
 * instance, and for a module instance the inner node behind its first output.
 */
export function liveIdOf(state: EditorState, nodeId: string, nodeType: string): string {
  // The common case stays O(1): every canvas node asks this on every store change.
  if (state.scope === null && nodeType !== MODULE_NODE_TYPE) return nodeId;
  const root = state.history.graph;
  let id = scopePrefix(state) + nodeId;
  let node = scopedGraph(state).nodes.find((n) => n.id === nodeId);
  for (let depth = 0; depth < 32 && node !== undefined; depth++) {
    const moduleId = moduleIdOf(node);
    const definition = moduleId === undefined ? undefined : findModule(root, moduleId);
    const out = definition?.outputs[0];
    if (definition === undefined || out === undefined) break;
    id += INSTANCE_SEPARATOR + out.node;
    node = definition.nodes.find((n) => n.id === out.node);
  }
  return id;
}
