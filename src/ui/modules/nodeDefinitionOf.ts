/**
 * The editor reads every node through a `NodeDefinition` (ports, params, summary). A module
 * instance has none in the registry; this gives it one built from its definition's instance spec
 * (`specOfNode`), so the canvas and the inspector draw instances with the code they use for any node.
 */
import type { NodeTypeSpec } from '../../graph/catalog';
import { findModule } from '../../graph/modules/commands';
import { MODULE_PARAM } from '../../graph/modules/types';
import { specOfNode } from '../../graph/modules/nodeSpec';
import type { Graph, GraphNode } from '../../graph/types';
import { catalog, getNodeDefinition } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import type { ParamSpec } from '../../graph/catalog';

/**
 * The params the editor lists for a definition: all but a module instance's `module` param, which
 * names the definition it plays and is changed through the module commands, not as a value.
 */
export function shownParams(definition: Pick<NodeDefinition, 'params'>): readonly ParamSpec[] {
  return definition.params.filter((p) => p.key !== MODULE_PARAM);
}

/** Promoted params shown on an instance's face on the canvas when its module names none. */
const FACE_PARAMS = 3;

const bySpec = new WeakMap<NodeTypeSpec, NodeDefinition>();

/** The definition the editor draws `node` with (undefined: unknown type or module). */
export function definitionOfNode(graph: Pick<Graph, 'modules'>, node: Pick<GraphNode, 'type' | 'params'>): NodeDefinition | undefined {
  const known = getNodeDefinition(node.type);
  if (known !== undefined) return known;
  const spec = specOfNode(graph, catalog, node);
  if (spec === undefined) return undefined;
  let definition = bySpec.get(spec);
  if (definition === undefined) {
    definition = {
      ...spec,
      summaryParams:
        findModule(graph, String(node.params[MODULE_PARAM]))?.summaryParams ??
        spec.params.filter((p) => p.key !== MODULE_PARAM).slice(0, FACE_PARAMS).map((p) => p.key),
      // Never called: engines only ever see flattened graphs (compile and liveState flatten first).
      createKernel: () => {
        throw new Error('a module instance has no kernel of its own; flatten the graph first');
      },
    };
    bySpec.set(spec, definition);
  }
  return definition;
}
