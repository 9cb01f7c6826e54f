/**
 * An open module as the editor shows it: the definition's nodes with the values of the instance
 * that was opened (its promoted params), and edits from inside routed to where each value lives
 * (docs/modules.md, "Open"). A promoted param edited inside changes that instance's own value; any
 * other edit changes the definition, so every instance.
 *
 * The opened instances form a trail, outermost first: `trail[0]` is a node of the document,
 * `trail[i]` a node of `trail[i - 1]`'s definition. A promoted param of a nested instance may
 * itself be promoted by the outer definition; values then come from, and go to, the outermost
 * level that promotes them.
 */
import type { Draft } from 'immer';
import type { Graph, GraphNode, ParamValue } from '../types';
import type { GraphEdit } from '../commands/edit';
import { findModule, scopeEdit } from './commands';
import type { ModuleDefinition } from './types';

/** One opened instance: its id in the level around it and the definition it uses. */
export interface OpenStep {
  readonly instanceId: string;
  readonly moduleId: string;
}

type Overrides = Map<string, Record<string, ParamValue>>;

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Inner node id → param → value, from an instance's promoted values. */
function overridesOf(definition: Pick<ModuleDefinition, 'params'>, values: Readonly<Record<string, ParamValue>>): Overrides {
  const out: Overrides = new Map();
  for (const p of definition.params) {
    if (!hasOwn(values, p.key)) continue;
    let forNode = out.get(p.node);
    if (forNode === undefined) out.set(p.node, (forNode = {}));
    forNode[p.param] = values[p.key];
  }
  return out;
}

/**
 * The promoted values the opened (innermost) instance gives its definition's nodes, following the
 * trail from the document inward; undefined when the trail no longer exists.
 */
export function openInstanceOverrides(graph: Pick<Graph, 'nodes' | 'modules'>, trail: readonly OpenStep[]): Overrides | undefined {
  let nodes: readonly GraphNode[] = graph.nodes;
  let overrides: Overrides = new Map();
  for (const step of trail) {
    const instance = nodes.find((n) => n.id === step.instanceId);
    const definition = findModule(graph, step.moduleId);
    if (instance === undefined || definition === undefined) return undefined;
    const values = { ...instance.params, ...(overrides.get(instance.id) ?? {}) };
    overrides = overridesOf(definition, values);
    nodes = definition.nodes;
  }
  return overrides;
}

/**
 * The innermost open definition seen as a graph, its nodes showing the opened instance's values
 * (nodes without promoted values are the definition's own objects).
 */
export function openInstanceView(graph: Graph, trail: readonly OpenStep[]): Graph | undefined {
  const last = trail[trail.length - 1];
  const definition = last === undefined ? undefined : findModule(graph, last.moduleId);
  if (definition === undefined) return undefined;
  const overrides = openInstanceOverrides(graph, trail) ?? new Map();
  const nodes = overrides.size === 0 ? definition.nodes : definition.nodes.map((n) => {
    const o = overrides.get(n.id);
    return o === undefined ? n : { ...n, params: { ...n.params, ...o } };
  });
  return { format: graph.format, version: graph.version, name: definition.name, nodes, edges: definition.edges, ...(graph.modules !== undefined ? { modules: graph.modules } : {}) };
}

/** Where an inner param of the open definition is promoted: the face key and label it has. */
export interface Promotion {
  /** Key on the opened instance. */
  key: string;
  /** Its label on the face (the key when it has none). */
  label: string;
  /** How many levels out the value lives (0: the opened instance). */
  levelsOut: number;
}

/** Whether `param` of inner node `nodeId` of the innermost open definition is on the face. */
export function promotionOf(graph: Pick<Graph, 'modules'>, trail: readonly OpenStep[], nodeId: string, param: string): Promotion | undefined {
  const target = valueHome(graph, trail, nodeId, param);
  return target?.first;
}

interface ValueHome {
  first: Promotion;
  /** Index into the trail of the level whose node list holds the instance (-1: the document). */
  level: number;
  instanceId: string;
  key: string;
}

/** Follows a promotion outward through the trail to the instance param that holds the value. */
function valueHome(graph: Pick<Graph, 'modules'>, trail: readonly OpenStep[], nodeId: string, param: string): ValueHome | undefined {
  let node = nodeId;
  let key = param;
  let first: Promotion | undefined;
  let depth = trail.length - 1;
  for (; depth >= 0; depth--) {
    const definition = findModule(graph, trail[depth].moduleId);
    const promo = definition?.params.find((p) => p.node === node && p.param === key);
    if (promo === undefined) break;
    first ??= { key: promo.key, label: promo.label ?? promo.key, levelsOut: 0 };
    node = trail[depth].instanceId;
    key = promo.key;
  }
  if (first === undefined) return undefined;
  first.levelsOut = trail.length - 1 - (depth + 1);
  return { first, level: depth, instanceId: node, key };
}

/**
 * Runs `edit` (built against `openInstanceView(graph, trail)`) inside the document: the recipe sees
 * the opened instance's values; a promoted param it changes is written to that instance (or the
 * outer level that promotes it), every other change goes to the definition. One undo step.
 */
export function scopeEditToInstance(edit: GraphEdit, trail: readonly OpenStep[]): GraphEdit {
  const last = trail[trail.length - 1];
  if (last === undefined) return edit;
  const inner = scopeEdit(edit, last.moduleId);
  return {
    ...edit,
    recipe: (draft) => {
      const definition = draft.modules?.find((m) => m.id === last.moduleId);
      const overrides = definition === undefined ? undefined : openInstanceOverrides(draft as Graph, trail);
      if (definition === undefined || overrides === undefined) return inner.recipe(draft);
      // Before: what the definition holds and what the user sees, for every promoted inner param.
      const watched = definition.params.flatMap((p) => {
        const node = definition.nodes.find((n) => n.id === p.node);
        if (node === undefined) return [];
        const own = { had: hasOwn(node.params, p.param), value: node.params[p.param] };
        const o = overrides.get(p.node);
        const shown = o !== undefined && hasOwn(o, p.param) ? { had: true, value: o[p.param] } : own;
        return [{ node: p.node, param: p.param, own, shown }];
      });
      // The recipe reads the values on screen: put the instance's values in for its run.
      for (const w of watched) if (w.shown !== w.own) writeParam(definition.nodes.find((n) => n.id === w.node)!, w.param, w.shown);
      inner.recipe(draft);
      const after = draft.modules?.find((m) => m.id === last.moduleId);
      for (const w of watched) {
        const node = after?.nodes.find((n) => n.id === w.node);
        if (node === undefined) continue; // deleted inside: its promotion went with it
        const now = { had: hasOwn(node.params, w.param), value: node.params[w.param] };
        const changed = now.had !== w.shown.had || now.value !== w.shown.value;
        if (now.had !== w.own.had || now.value !== w.own.value) writeParam(node, w.param, w.own);
        if (!changed) continue;
        const home = valueHome(draft as Graph, trail, w.node, w.param);
        if (home === undefined) continue;
        const list = home.level < 0 ? draft.nodes : draft.modules?.find((m) => m.id === trail[home.level].moduleId)?.nodes;
        const instance = list?.find((n) => n.id === home.instanceId);
        // A reset inside drops the instance's own value: it takes the module's again.
        if (instance !== undefined) writeParam(instance, home.key, now);
      }
    },
  };
}

function writeParam(node: Draft<GraphNode> | GraphNode, param: string, value: { had: boolean; value: ParamValue | undefined }): void {
  const params = node.params as Record<string, ParamValue>;
  if (!value.had) {
    if (hasOwn(params, param)) delete params[param];
  } else if (params[param] !== value.value) params[param] = value.value!;
}
