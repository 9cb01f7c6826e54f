/**
 * The palette's "Modules" section: the document's modules, the user's library and the built-in
 * ones ("Channel strip", "Parallel compression", "Send effect (reverb)"). Click adds an instance
 * near the middle of the view; drag drops it where wanted.
 */
import { useEffect, useMemo } from 'react';
import { Icon } from '../common/icons';
import { Tooltip } from '../common/Tooltip';
import { placementPoint } from '../canvas/canvasBridge';
import { confirmDialog, promptDialog } from '../store/dialogs';
import { showNotice } from '../store/editorActions';
import { useEditor } from '../store/editorState';
import { countRender } from '../live/renderCount';
import {
  MODULE_MIME,
  type PaletteModule,
  builtInPaletteModules,
  deleteLibraryModule,
  documentPaletteModules,
  insertModule,
  loadModuleLibrary,
  paletteModuleRef,
  renameLibraryModule,
  useLibraryModules,
} from './moduleLibrary';

const SOURCE_NAMES: Record<PaletteModule['source'], string> = { document: 'In this document', library: 'My modules', builtin: 'Built-in' };

async function renameInLibrary(module: PaletteModule): Promise<void> {
  const name = await promptDialog(`Rename “${module.name}”`, 'Module name (in your library)', module.name, 'Rename', (value) =>
    value.trim() === '' ? 'A module needs a name.' : undefined,
  );
  if (name !== null && name.trim() !== module.name && (await renameLibraryModule(module.id, name))) showNotice('info', `Renamed "${module.name}" to "${name.trim()}" in your module library.`);
}

async function deleteFromLibrary(module: PaletteModule): Promise<void> {
  const sure = await confirmDialog(
    `Delete “${module.name}” from your library?`,
    'It leaves your module library in this browser. Documents that use it keep working: each one carries its own copy of the module.',
    'Delete',
    { danger: true },
  );
  if (sure && (await deleteLibraryModule(module.id))) showNotice('info', `Deleted "${module.name}" from your module library.`);
}

/** Rename and delete of a library module, beside its palette item. */
function LibraryActions({ module }: { module: PaletteModule }) {
  return (
    <span className="palette__module-actions">
      <button type="button" className="palette__module-action" aria-label={`Rename ${module.name} in my modules`} title="Rename in your library" onClick={() => void renameInLibrary(module)}>
        <Icon name="note" size={13} />
      </button>
      <button type="button" className="palette__module-action" aria-label={`Delete ${module.name} from my modules`} title="Delete from your library (documents that use it keep their copy)" onClick={() => void deleteFromLibrary(module)}>
        <Icon name="trash" size={13} />
      </button>
    </span>
  );
}

function ModuleItem({ module }: { module: PaletteModule }) {
  return (
    <li className={module.source === 'library' ? 'palette__module-row' : undefined}>
      <Tooltip text={module.description ?? `Module "${module.name}"`}>
        <button
          type="button"
          className="palette__item palette__item--module"
          draggable
          aria-label={`Add module ${module.name} (${SOURCE_NAMES[module.source].toLowerCase()})`}
          data-module-source={module.source}
          onClick={() => {
            const at = placementPoint();
            insertModule(module, { x: at.x - 80, y: at.y - 20 });
          }}
          onDragStart={(event) => {
            event.dataTransfer.setData(MODULE_MIME, paletteModuleRef(module));
            event.dataTransfer.effectAllowed = 'copy';
          }}
        >
          <span className="palette__icon">
            <Icon name="group" size={16} />
          </span>
          <span className="palette__label">{module.name}</span>
        </button>
      </Tooltip>
      {module.source === 'library' && <LibraryActions module={module} />}
    </li>
  );
}

/** The modules section of the palette, filtered by the palette's query. */
export function ModulePalette({ query }: { query: string }) {
  countRender('ModulePalette');
  // The definitions only: they keep their identity through edits of the graph's nodes (a drag).
  const modules = useEditor((s) => s.history.graph.modules);
  const library = useLibraryModules();
  useEffect(() => {
    void loadModuleLibrary();
  }, []);
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = (m: PaletteModule) => q === '' || m.name.toLowerCase().includes(q) || 'module'.includes(q);
    const inDocument = new Set((modules ?? []).map((m) => m.id));
    return [
      { source: 'document' as const, items: documentPaletteModules(modules).filter(matches) },
      { source: 'library' as const, items: library.filter((m) => matches(m)) },
      { source: 'builtin' as const, items: builtInPaletteModules().filter((m) => matches(m) && !inDocument.has(m.id)) },
    ].filter((g) => g.items.length > 0);
  }, [modules, library, query]);
  if (groups.length === 0) return null;
  return (
    <section className="palette__group palette__group--modules" aria-labelledby="palette-Modules">
      <h2 id="palette-Modules" className="palette__heading">
        Modules
      </h2>
      {groups.map(({ source, items }) => (
        <div key={source} className="palette__subgroup">
          <h3 className="palette__subheading">{SOURCE_NAMES[source]}</h3>
          <ul className="palette__list">
            {items.map((m) => (
              <ModuleItem key={`${source}:${m.id}`} module={m} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
