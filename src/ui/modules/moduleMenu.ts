/**
 * The node context menu's module entries: make module; on an instance open / make unique /
 * unpack; inside an open module, "Expose … as module input/output" for each inner port that is
 * not a port of the module yet (one undo step; every instance gains the port).
 */
import { addModulePort, findModule } from '../../graph/modules/commands';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import { catalog } from '../../nodes/registry';
import type { ContextEntry } from '../canvas/contextMenu/menuEntries';
import { currentGraph, editorStore, rootGraph } from '../store/editorState';
import { dispatchAtDocument, makeInstanceUnique, makeModuleFromSelection, unpackInstance } from './moduleActions';
import { openModule } from './moduleScope';
import { definitionOfNode } from './nodeDefinitionOf';

/** Entries for node `id`; `select` makes sure it is (part of) the selection first. */
export function moduleEntries(id: string, select: () => void): ContextEntry[] {
  const node = currentGraph().nodes.find((n) => n.id === id);
  const entries: ContextEntry[] = [{ kind: 'item', label: 'Make module', hint: 'Ctrl+Alt+G', onSelect: () => (select(), makeModuleFromSelection()) }];
  entries.push(...exposeEntries(id));
  if (node === undefined || moduleIdOf(node) === undefined || editorStore.get().selection.nodes.length > 1) return entries;
  entries.push(
    { kind: 'item', label: 'Open module', hint: 'Enter', onSelect: () => openModule(id) },
    { kind: 'item', label: 'Make unique', onSelect: () => makeInstanceUnique(id) },
    { kind: 'item', label: 'Unpack module', onSelect: () => unpackInstance(id) },
  );
  return entries;
}

/** Inside an open module: "Expose <port> as module input/output" for node `id`'s free ports. */
function exposeEntries(id: string): ContextEntry[] {
  const trail = editorStore.get().scope?.trail;
  const open = trail?.[trail.length - 1];
  const module = open === undefined ? undefined : findModule(rootGraph(), open.moduleId);
  const node = module?.nodes.find((n) => n.id === id);
  const definition = node === undefined ? undefined : definitionOfNode(rootGraph(), node);
  if (module === undefined || node === undefined || definition === undefined) return [];
  const sides = [
    { side: 'inputs' as const, kind: 'input', ports: definition.inputs },
    { side: 'outputs' as const, kind: 'output', ports: definition.outputs },
  ];
  return sides.flatMap(({ side, kind, ports }) =>
    ports
      .filter((p) => !module[side].some((m) => m.node === id && m.port === p.id))
      .map((p): ContextEntry => ({
        kind: 'item',
        label: `Expose ${p.label} as module ${kind}`,
        onSelect: () => void dispatchAtDocument(addModulePort(rootGraph(), catalog, module.id, side, id, p.id)),
      })),
  );
}
