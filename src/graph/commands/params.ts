/**
 * Commands on a node's params. Values are checked against the catalog with the same
 * `checkParamValue` that validates imported documents, so an edit can never produce a document
 * that would fail to load.
 */
import type { Catalog, ParamSpec } from '../catalog';
import type { Graph, GraphNode, ParamValue } from '../types';
import { checkParamValue } from '../validateParams';
import { type EditResult, type GestureOptions, makeEdit, nodeName, refuse } from './edit';
import { specOfNode } from '../modules/nodeSpec';

interface Target {
  node: GraphNode;
  specs: readonly ParamSpec[];
}

function findTarget(graph: Graph, catalog: Catalog, nodeId: string): Target | string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return `There is no node "${nodeId}".`;
  const spec = specOfNode(graph, catalog, node);
  if (spec === undefined) return `${nodeName(graph, nodeId)} has an unknown type "${node.type}".`;
  return { node, specs: spec.params };
}

/**
 * Sets several params of one node at once (an EQ band handle moves frequency and gain together).
 * With `{ merge: true }` repeated calls for the same node and keys are one undo step.
 */
export function setParams(
  graph: Graph,
  catalog: Catalog,
  nodeId: string,
  values: Readonly<Record<string, ParamValue>>,
  options: GestureOptions = {},
): EditResult {
  const target = findTarget(graph, catalog, nodeId);
  if (typeof target === 'string') return refuse(target);
  const keys = Object.keys(values);
  if (keys.length === 0) return refuse('No param to set.');
  const accepted: Record<string, ParamValue> = {};
  const labels: string[] = [];
  for (const key of keys) {
    const spec = target.specs.find((p) => p.key === key);
    if (spec === undefined) return refuse(`${nodeName(graph, nodeId)} has no param "${key}".`);
    const checked = checkParamValue(values[key], spec);
    if (!checked.ok) return refuse(`${spec.label}: ${checked.problem}.`);
    accepted[key] = checked.value;
    labels.push(spec.label);
  }
  const sortedKeys = [...keys].sort().join(',');
  return {
    ok: true,
    edit: makeEdit(
      `Set ${nodeName(graph, nodeId)} · ${labels.join(', ')}`,
      (draft) => {
        const node = draft.nodes.find((n) => n.id === nodeId);
        if (node === undefined) return;
        for (const key of keys) if (node.params[key] !== accepted[key]) node.params[key] = accepted[key];
      },
      options.merge === true ? `params:${nodeId}:${sortedKeys}` : undefined,
    ),
  };
}

/** Sets one param; see `setParams`. */
export function setParam(
  graph: Graph,
  catalog: Catalog,
  nodeId: string,
  key: string,
  value: ParamValue,
  options: GestureOptions = {},
): EditResult {
  return setParams(graph, catalog, nodeId, { [key]: value }, options);
}

/**
 * Puts a param back to its default by removing it from the document (a missing param takes the
 * type's default; DESIGN.md "Graph document").
 */
export function resetParam(graph: Graph, catalog: Catalog, nodeId: string, key: string): EditResult {
  const target = findTarget(graph, catalog, nodeId);
  if (typeof target === 'string') return refuse(target);
  const spec = target.specs.find((p) => p.key === key);
  if (spec === undefined) return refuse(`${nodeName(graph, nodeId)} has no param "${key}".`);
  return {
    ok: true,
    edit: makeEdit(`Reset ${nodeName(graph, nodeId)} · ${spec.label}`, (draft) => {
      const node = draft.nodes.find((n) => n.id === nodeId);
      if (node !== undefined && Object.prototype.hasOwnProperty.call(node.params, key)) delete node.params[key];
    }),
  };
}
