/**
 * A module definition seen from outside: a node type whose ports are the definition's ports and
 * whose params are `module` (the definition's id) followed by the promoted params. The validator,
 * the inspector and the canvas read an instance through this spec as they read any node type.
 */
import type { NodeTypeSpec, ParamSpec, PortSpec, StringParamSpec } from '../catalog';
import type { GraphNode } from '../types';
import { MODULE_NODE_TYPE, MODULE_PARAM, type ModuleDefinition } from './types';

/** Looks up the spec of one node (a catalog type or a module instance). */
export type NodeSpecLookup = (node: GraphNode) => NodeTypeSpec | undefined;

/**
 * The node spec of instances of `definition`. Each port keeps the inner port's `optional` flag
 * (a sidechain stays optional); each promoted param keeps the inner param's kind, unit, range and
 * scale, takes the promoted label, and defaults to the inner node's value in the definition.
 * Assumes `definition` is valid (every port and param names an existing inner node and key).
 */
export function moduleTypeSpec(definition: ModuleDefinition, specOf: NodeSpecLookup): NodeTypeSpec {
  const inner = new Map(definition.nodes.map((n) => [n.id, n]));
  const innerSpec = (id: string): NodeTypeSpec | undefined => {
    const node = inner.get(id);
    return node === undefined ? undefined : specOf(node);
  };
  const port = (p: { id: string; label?: string; node: string; port: string }, side: 'inputs' | 'outputs'): PortSpec => {
    const innerPort = innerSpec(p.node)?.[side].find((q) => q.id === p.port);
    return {
      id: p.id,
      label: p.label ?? p.id,
      ...(side === 'inputs' && innerPort?.optional === true ? { optional: true } : {}),
    };
  };
  const nameParam: StringParamSpec = {
    kind: 'string',
    key: MODULE_PARAM,
    label: 'Module',
    help: 'Which module definition this instance plays.',
    default: definition.id,
  };
  const params: ParamSpec[] = [nameParam];
  for (const promoted of definition.params) {
    const node = inner.get(promoted.node);
    const spec = innerSpec(promoted.node)?.params.find((p) => p.key === promoted.param);
    if (node === undefined || spec === undefined) continue;
    const value = Object.prototype.hasOwnProperty.call(node.params, promoted.param) ? node.params[promoted.param] : spec.default;
    params.push({ ...spec, key: promoted.key, label: promoted.label ?? spec.label, default: value } as ParamSpec);
  }
  return {
    type: MODULE_NODE_TYPE,
    label: definition.name,
    category: 'Mixing',
    help: definition.description ?? `Module "${definition.name}": a reusable group of nodes.`,
    inputs: definition.inputs.map((p) => port(p, 'inputs')),
    outputs: definition.outputs.map((p) => port(p, 'outputs')),
    params,
  };
}
