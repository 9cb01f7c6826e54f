/**
 * Inspector sections for modules: on an instance, open / make unique / unpack / save to library
 * and its ports' names (renameable); inside an open module, which of a node's params show on the
 * module's face (promoted: each instance then has its own value).
 */
import { promoteParam, renameModulePort, unpromoteParam, findModule, instancesOf } from '../../graph/modules/commands';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import { MODULE_PARAM } from '../../graph/modules/types';
import type { GraphNode } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import { Icon } from '../common/icons';
import { CommitTextField } from '../inspector/CommitTextField';
import { rootGraph, useEditor, useRootGraph } from '../store/editorState';
import { dispatchAtDocument, makeInstanceUnique, unpackInstance } from './moduleActions';
import { saveModuleToLibrary } from './moduleLibrary';
import { openModule } from './moduleScope';

/** The buttons and port names of a module instance. */
export function ModuleInstanceSection({ node }: { node: GraphNode }) {
  const root = useRootGraph();
  const moduleId = moduleIdOf(node);
  const definition = moduleId === undefined ? undefined : findModule(root, moduleId);
  if (moduleId === undefined || definition === undefined) return null;
  const shared = instancesOf(root, moduleId).length + root.modules!.filter((m) => m.nodes.some((n) => moduleIdOf(n) === moduleId)).length;
  const port = (side: 'inputs' | 'outputs', p: { id: string; label?: string }) => (
    <div className="form-row" key={`${side}:${p.id}`}>
      <label htmlFor={`module-port-${side}-${p.id}`}>{side === 'inputs' ? 'Input' : 'Output'} <code>{p.id}</code></label>
      <CommitTextField
        id={`module-port-${side}-${p.id}`}
        value={p.label ?? p.id}
        placeholder={p.id}
        onCommit={(text) => {
          const result = renameModulePort(rootGraph(), moduleId, side, p.id, text);
          dispatchAtDocument(result);
          return result.ok ? undefined : result.reason;
        }}
      />
    </div>
  );
  return (
    <section className="inspector__module" aria-label="Module">
      <p className="inspector__help">
        An instance of the module <strong>{definition.name}</strong>
        {shared > 1 ? `, used ${shared} times: an edit inside changes every instance.` : '.'} The values below are this instance’s own.
      </p>
      <div className="inspector__actions">
        <button type="button" className="btn btn--small" onClick={() => openModule(node.id)}>
          <Icon name="folder" size={13} /> Open module
        </button>
        <button type="button" className="btn btn--small" onClick={() => makeInstanceUnique(node.id)} disabled={shared <= 1} title="Give this instance its own copy of the module">
          Make unique
        </button>
        <button type="button" className="btn btn--small" onClick={() => unpackInstance(node.id)} title="Replace this instance by its nodes">
          Unpack
        </button>
        <button type="button" className="btn btn--small" onClick={() => void saveModuleToLibrary(moduleId)}>
          <Icon name="save" size={13} /> Save to library
        </button>
      </div>
      {(definition.inputs.length > 0 || definition.outputs.length > 0) && (
        <details className="inspector__ports">
          <summary>Port names</summary>
          {definition.inputs.map((p) => port('inputs', p))}
          {definition.outputs.map((p) => port('outputs', p))}
        </details>
      )}
    </section>
  );
}

/** Inside an open module: tick a param to show it on the module's face. */
export function PromoteSection({ node, definition }: { node: GraphNode; definition: NodeDefinition }) {
  const moduleId = useEditor((s) => s.scope?.trail[s.scope.trail.length - 1]?.moduleId);
  const root = useRootGraph();
  const module = moduleId === undefined ? undefined : findModule(root, moduleId);
  if (moduleId === undefined || module === undefined) return null;
  const params = definition.params.filter((p) => p.key !== MODULE_PARAM);
  if (params.length === 0) return null;
  return (
    <details className="inspector__promote" open>
      <summary>On the face of “{module.name}”</summary>
      <p className="muted">A ticked param shows on every instance, and each instance keeps its own value.</p>
      {params.map((spec) => {
        const promoted = module.params.find((p) => p.node === node.id && p.param === spec.key);
        return (
          <label key={spec.key} className="inspector__promote-row">
            <input
              type="checkbox"
              checked={promoted !== undefined}
              onChange={() =>
                dispatchAtDocument(promoted !== undefined ? unpromoteParam(rootGraph(), moduleId, promoted.key) : promoteParam(rootGraph(), catalog, moduleId, node.id, spec.key, `${node.label ?? definition.label} ${spec.label}`))
              }
            />
            {spec.label}
          </label>
        );
      })}
    </details>
  );
}
