/**
 * Inspector sections for modules: on an instance, open / make unique / unpack / save to library
 * and its ports' names (renameable); inside an open module, which of a node's params show on the
 * module's face (promoted: each instance then has its own value), where an edit of the node's
 * params goes (this instance or every instance), and with nothing selected the definition itself
 * (name, description, ports).
 */
import { describeModule, findModule, instancesOf, promoteParam, removeModulePort, renameModule, renameModulePort, unpromoteParam } from '../../graph/modules/commands';
import { promotionOf } from '../../graph/modules/openInstance';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import type { Graph, GraphNode } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import { Icon } from '../common/icons';
import { CommitTextField } from '../inspector/CommitTextField';
import { rootGraph, useEditor, useRootGraph } from '../store/editorState';
import { dispatchAtDocument, makeInstanceUnique, unpackInstance } from './moduleActions';
import { definitionOfNode, shownParams } from './nodeDefinitionOf';
import { saveModuleToLibrary } from './moduleLibrary';
import { breadcrumbOf, closeModule, openModule } from './moduleScope';

/** How many instances use `moduleId`: in the document and inside other definitions. */
export function instanceCount(root: Graph, moduleId: string): number {
  let count = instancesOf(root, moduleId).length;
  for (const m of root.modules ?? []) count += m.nodes.filter((n) => moduleIdOf(n) === moduleId).length;
  return count;
}

/** The buttons and port names of a module instance. */
export function ModuleInstanceSection({ node }: { node: GraphNode }) {
  const root = useRootGraph();
  const moduleId = moduleIdOf(node);
  const definition = moduleId === undefined ? undefined : findModule(root, moduleId);
  if (moduleId === undefined || definition === undefined) return null;
  const shared = instanceCount(root, moduleId);
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
  const params = shownParams(definition);
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

/**
 * Inside an open module, above a node's params: which of them are the opened instance's own values
 * (promoted) and that the others belong to the module, so change every instance.
 */
export function ScopeParamNote({ node }: { node: GraphNode }) {
  const scope = useEditor((s) => s.scope);
  const root = useRootGraph();
  const open = scope?.trail[scope.trail.length - 1];
  const module = open === undefined ? undefined : findModule(root, open.moduleId);
  if (scope === null || open === undefined || module === undefined) return null;
  const promoted = module.params.filter((p) => p.node === node.id).flatMap((p) => {
    const where = promotionOf(root, scope.trail, p.node, p.param);
    return where === undefined ? [] : [{ param: p.param, label: where.label }];
  });
  const crumbs = breadcrumbOf(root, scope);
  const instanceName = crumbs[crumbs.length - 1]?.label ?? open.instanceId;
  const count = instanceCount(root, open.moduleId);
  const specs = definitionOfNode(root, node)?.params ?? [];
  const labelOf = (key: string) => specs.find((p) => p.key === key)?.label ?? key;
  return (
    <div className="inspector__scope-note" role="note" aria-label="Where these values live">
      {promoted.map((p) => (
        <p key={p.param}>
          <strong>{labelOf(p.param)}</strong>: this instance’s value — promoted as “{p.label}” ({instanceName}).
        </p>
      ))}
      <p>
        {promoted.length > 0 ? 'The other params' : 'These params'} belong to the module “{module.name}”: a change here changes {count === 1 ? 'its one instance' : `all ${count} instances`}.
      </p>
    </div>
  );
}

/** With a module open and nothing selected: the definition's name, description and ports. */
export function ModuleDefinitionInspector() {
  const scope = useEditor((s) => s.scope);
  const root = useRootGraph();
  const open = scope?.trail[scope.trail.length - 1];
  const module = open === undefined ? undefined : findModule(root, open.moduleId);
  if (open === undefined || module === undefined) return null;
  const moduleId = module.id;
  const count = instanceCount(root, moduleId);
  const commit = (result: ReturnType<typeof renameModule>) => {
    dispatchAtDocument(result);
    return result.ok ? undefined : result.reason;
  };
  const innerName = (id: string) => {
    const n = module.nodes.find((x) => x.id === id);
    return n?.label ?? id;
  };
  const port = (side: 'inputs' | 'outputs', p: { id: string; label?: string; node: string; port: string }) => (
    <li key={`${side}:${p.id}`} className="inspector__port-row">
      <label htmlFor={`def-port-${side}-${p.id}`}>
        {side === 'inputs' ? 'Input' : 'Output'} <code>{p.id}</code> <span className="muted">→ {innerName(p.node)} · {p.port}</span>
      </label>
      <span className="inspector__port-edit">
        <CommitTextField id={`def-port-${side}-${p.id}`} value={p.label ?? p.id} placeholder={p.id} onCommit={(text) => commit(renameModulePort(rootGraph(), moduleId, side, p.id, text))} />
        <button type="button" className="btn btn--small" aria-label={`Remove ${side === 'inputs' ? 'input' : 'output'} ${p.label ?? p.id}`} title="Remove this port (wires to it on every instance go too)" onClick={() => dispatchAtDocument(removeModulePort(rootGraph(), moduleId, side, p.id))}>
          <Icon name="trash" size={13} />
        </button>
      </span>
    </li>
  );
  return (
    <div className="inspector__content">
      <header className="inspector__header">
        <div className="inspector__titles">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            Module “{module.name}”
          </h2>
          <span className="inspector__subtitle">
            {module.nodes.length} nodes · {count === 1 ? 'one instance' : `${count} instances`} · <code>{moduleId}</code>
          </span>
        </div>
      </header>
      <p className="inspector__help">The module’s definition: a change here changes every instance.</p>
      <div className="form-row">
        <label htmlFor="module-name">Module name</label>
        <CommitTextField id="module-name" value={module.name} onCommit={(name) => commit(renameModule(rootGraph(), moduleId, name))} />
      </div>
      <div className="form-row">
        <label htmlFor="module-description">Module description</label>
        <CommitTextField id="module-description" multiline rows={3} value={module.description ?? ''} onCommit={(text) => (text.trim() === (module.description ?? '') ? undefined : commit(describeModule(rootGraph(), moduleId, text)))} />
      </div>
      <section aria-label="Module ports">
        <h3 className="inspector__section-title">Ports</h3>
        {module.inputs.length + module.outputs.length === 0 && <p className="muted">No ports yet.</p>}
        <ul className="inspector__port-list">
          {module.inputs.map((p) => port('inputs', p))}
          {module.outputs.map((p) => port('outputs', p))}
        </ul>
        <p className="muted">To add one, right-click an inner node: “Expose … as module input / output”.</p>
      </section>
      {module.params.length > 0 && (
        <section aria-label="On the face">
          <h3 className="inspector__section-title">On the face</h3>
          <ul className="inspector__port-list">
            {module.params.map((p) => (
              <li key={p.key}>
                {p.label ?? p.key} <span className="muted">→ {innerName(p.node)} · {p.param}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="inspector__actions">
        <button type="button" className="btn btn--small" onClick={() => closeModule(scope!.trail.length - 1)}>
          Close module <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
