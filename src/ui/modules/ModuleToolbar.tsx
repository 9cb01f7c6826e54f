/**
 * Where "Make module" lives: the top toolbar's "Module" menu (Make module, Open, Make unique,
 * Unpack, Save to library, Close), and a button in the inspector of a multiple selection, beside
 * "Group". The menu folds to its icon (no label, no chevron: one 32 px square) below 1600 px, as
 * the other less used toolbar labels do (Note's too), so the toolbar's last buttons stay whole at
 * 1280 and 1440 px (ux-inspector.spec, modules-ui.spec); its name and tooltip still say "Module".
 */
import { instancesOf } from '../../graph/modules/commands';
import { moduleIdOf } from '../../graph/modules/definitionSet';
import { Icon } from '../common/icons';
import { currentGraph, rootGraph, useEditor } from '../store/editorState';
import { Menu, type MenuEntry } from '../toolbar/Menu';
import { makeInstanceUnique, makeModuleFromSelection, selectedInstance, unpackInstance } from './moduleActions';
import { saveModuleToLibrary } from './moduleLibrary';
import { closeModule, openModule } from './moduleScope';

export function MakeModuleButton() {
  return (
    <button type="button" className="btn btn--small" onClick={makeModuleFromSelection} title="Make the selected nodes one reusable module">
      <Icon name="group" size={13} /> Make module <kbd>Ctrl+Alt+G</kbd>
    </button>
  );
}

/** The toolbar's "Module" menu; its entries follow the selection and the open module. */
export function ModuleMenu() {
  // Read so the menu re-renders when they change; the entries read the store itself.
  const selection = useEditor((s) => s.selection);
  const depth = useEditor((s) => s.scope?.trail.length ?? 0);
  const instance = selection.nodes.length === 1 ? selectedInstance() : undefined;
  const node = instance === undefined ? undefined : currentGraph().nodes.find((n) => n.id === instance);
  const moduleId = node === undefined ? undefined : moduleIdOf(node);
  const shared = moduleId === undefined ? 0 : instancesOf(rootGraph(), moduleId).length + (rootGraph().modules ?? []).filter((m) => m.nodes.some((n) => moduleIdOf(n) === moduleId)).length;
  const noInstance = instance === undefined;
  const entries: MenuEntry[] = [
    { kind: 'item', label: 'Make module from selection', hint: 'Ctrl+Alt+G', onSelect: makeModuleFromSelection, disabled: selection.nodes.length === 0 },
    { kind: 'separator' },
    { kind: 'heading', label: noInstance ? 'Select a module instance for these' : `Instance “${node?.label ?? instance}”` },
    { kind: 'item', label: 'Open module', hint: 'Enter', onSelect: () => void openModule(instance!), disabled: noInstance },
    { kind: 'item', label: 'Make unique', onSelect: () => void makeInstanceUnique(instance!), disabled: noInstance || shared <= 1 },
    { kind: 'item', label: 'Unpack module', onSelect: () => void unpackInstance(instance!), disabled: noInstance },
    { kind: 'item', label: 'Save module to library', onSelect: () => void saveModuleToLibrary(moduleId!), disabled: moduleId === undefined },
  ];
  if (depth > 0) entries.push({ kind: 'separator' }, { kind: 'item', label: 'Close module', hint: 'Esc', onSelect: () => closeModule(depth - 1) });
  return <Menu label="Module" icon={<Icon name="group" />} entries={entries} title="Modules: make one from the selection, open, unpack, save to library" labelClassName="tool-btn__label" className="module-menu" />;
}
