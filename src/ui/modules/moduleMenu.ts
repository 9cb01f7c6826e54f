/** The node context menu's module entries: make module, and on an instance open / make unique / unpack. */
import { moduleIdOf } from '../../graph/modules/definitionSet';
import type { ContextEntry } from '../canvas/contextMenu/menuEntries';
import { currentGraph, editorStore } from '../store/editorState';
import { makeInstanceUnique, makeModuleFromSelection, unpackInstance } from './moduleActions';
import { openModule } from './moduleScope';

/** Entries for node `id`; `select` makes sure it is (part of) the selection first. */
export function moduleEntries(id: string, select: () => void): ContextEntry[] {
  const node = currentGraph().nodes.find((n) => n.id === id);
  const entries: ContextEntry[] = [{ kind: 'item', label: 'Make module', hint: 'Ctrl+Alt+G', onSelect: () => (select(), makeModuleFromSelection()) }];
  if (node === undefined || moduleIdOf(node) === undefined || editorStore.get().selection.nodes.length > 1) return entries;
  entries.push(
    { kind: 'item', label: 'Open module', hint: 'Enter', onSelect: () => openModule(id) },
    { kind: 'item', label: 'Make unique', onSelect: () => makeInstanceUnique(id) },
    { kind: 'item', label: 'Unpack module', onSelect: () => unpackInstance(id) },
  );
  return entries;
}
