/**
 * The top bar: the document (name, saved state) and everything done to documents — new, presets,
 * import, export, save as preset, share — then undo/redo and the transport slot.
 */
import { useRef, useState } from 'react';
import { canRedo, canUndo, redoLabel, undoLabel } from '../../graph/history';
import { builtInPresets } from '../../runtime/presets';
import { Icon } from '../common/icons';
import { addNoteHere } from '../keyboard/editActions';
import { exportDocument, insertFile, newDocument, openBuiltInPreset, openFile, openLibraryEntry, saveAsPreset } from '../documents/documentActions';
import { openShareDialog } from '../documents/shareActions';
import { LibraryDialog } from '../dialogs/LibraryDialog';
import { AlbumPanel } from '../album/AlbumPanel';
import { builtInLessons, parseLesson } from '../../lessons';
import { openLesson } from '../teaching/lessonRunner';
import { type LibraryEntry, listPresets } from '../persistence/library';
import { customDialog } from '../store/dialogs';
import { redoEdit, undoEdit } from '../store/editorActions';
import { isDirty, useEditor } from '../store/editorState';
import { ModuleMenu } from '../modules/ModuleToolbar';
import { Menu, type MenuEntry } from './Menu';
import { TransportSlot } from './TransportSlot';

/** Display name of a built-in preset: the document's own name when it has one. */
function presetTitle(document: unknown, fallback: string): string {
  if (typeof document === 'object' && document !== null && typeof (document as { name?: unknown }).name === 'string') {
    return (document as { name: string }).name;
  }
  return fallback;
}

let lessonMenu: MenuEntry[] | null = null;

/**
 * The built-in lessons as menu items (each opens in the Teach panel). Built once: the toolbar
 * renders whenever the undo label changes, and validating every lesson each time cost a
 * millisecond of that edit's task.
 */
function builtInLessonMenu(): MenuEntry[] {
  lessonMenu ??= builtInLessons.flatMap((entry): MenuEntry[] => {
    const parsed = parseLesson(entry.document);
    return parsed.ok ? [{ kind: 'item', label: parsed.lesson.title, onSelect: () => void openLesson(parsed.lesson) }] : [];
  });
  return lessonMenu;
}

function openLibrary(): void {
  void customDialog((close) => <LibraryDialog onClose={close} />);
}

const ORIGIN_TEXT: Record<string, string> = {
  preset: 'built-in preset',
  file: 'imported file',
  library: 'my preset',
  link: 'shared link',
  new: 'new graph',
  autosave: 'restored',
  recovered: 'recovered autosave',
  lesson: 'lesson',
};

/** The top toolbar. */
export function Toolbar() {
  // Strings, not the history: a drag changes the history on every pointer move (merged into one
  // step), and the toolbar with its transport would re-render each time for the same labels.
  const name = useEditor((s) => s.history.graph.name);
  const undo = useEditor((s) => (canUndo(s.history) ? (undoLabel(s.history) ?? '') : null));
  const redo = useEditor((s) => (canRedo(s.history) ? (redoLabel(s.history) ?? '') : null));
  const dirty = useEditor((s) => isDirty(s));
  const origin = useEditor((s) => s.origin);
  const [library, setLibrary] = useState<LibraryEntry[]>([]);
  const openInput = useRef<HTMLInputElement>(null);
  const insertInput = useRef<HTMLInputElement>(null);

  const presetEntries: MenuEntry[] = [
    { kind: 'heading', label: 'Built-in' },
    ...builtInPresets.map((p): MenuEntry => ({ kind: 'item', label: presetTitle(p.document, p.name), hint: p.name, onSelect: () => void openBuiltInPreset(p.name) })),
    { kind: 'separator' },
    { kind: 'heading', label: 'My presets' },
    ...library.slice(0, 12).map((entry): MenuEntry => ({ kind: 'item', label: entry.name, onSelect: () => void openLibraryEntry(entry) })),
    { kind: 'item', label: 'Manage my presets…', onSelect: openLibrary },
    { kind: 'separator' },
    { kind: 'heading', label: 'Lessons' },
    ...builtInLessonMenu(),
  ];

  const importEntries: MenuEntry[] = [
    { kind: 'item', label: 'Open file as new document…', onSelect: () => openInput.current?.click() },
    { kind: 'item', label: 'Insert file into this graph…', onSelect: () => insertInput.current?.click() },
  ];

  const fileInput = (ref: React.RefObject<HTMLInputElement | null>, label: string, handle: (file: File) => Promise<void>) => (
    <input
      ref={ref}
      type="file"
      accept=".json,application/json"
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      aria-label={label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file !== undefined) void handle(file);
      }}
    />
  );

  return (
    <header className="toolbar">
      <div className="toolbar__brand">
        <span className="toolbar__logo" aria-hidden="true">
          ◆
        </span>
        <span className="toolbar__app">Mixgraph</span>
      </div>
      <div className="toolbar__doc" title={`Opened from: ${ORIGIN_TEXT[origin.kind] ?? origin.kind} (${origin.name})`}>
        <span className="toolbar__doc-name">{name}</span>
        <span className={`toolbar__doc-state${dirty ? ' is-dirty' : ''}`}>{dirty ? '● Unsaved changes' : ORIGIN_TEXT[origin.kind]}</span>
      </div>
      <nav className="toolbar__group" aria-label="Document">
        <button type="button" className="tool-btn" onClick={() => void newDocument()} title="Start a new, empty graph">
          <Icon name="plus" />
          <span className="tool-btn__label tool-btn__label--narrow">New</span>
        </button>
        <Menu label="Presets" icon={<Icon name="folder" />} entries={presetEntries} onOpen={() => void listPresets().then(setLibrary, () => setLibrary([]))} />
        <Menu label="Import" icon={<Icon name="import" />} entries={importEntries} />
        <button type="button" className="tool-btn" onClick={exportDocument} title="Download this graph as a .json file">
          <Icon name="export" />
          <span className="tool-btn__label tool-btn__label--narrow">Export</span>
        </button>
        <button type="button" className="tool-btn" onClick={() => void saveAsPreset()} title="Keep this graph in My presets, in this browser (Ctrl+S)">
          <Icon name="save" />
          <span className="tool-btn__label">Save as preset</span>
        </button>
        <button type="button" className="tool-btn" onClick={openShareDialog} title="A link that carries the whole graph">
          <Icon name="share" />
          <span className="tool-btn__label">Share</span>
        </button>
      </nav>
      <div className="toolbar__group" role="group" aria-label="Edit">
        <button
          type="button"
          className="tool-btn tool-btn--icon"
          onClick={undoEdit}
          disabled={undo === null}
          aria-label={undo !== null ? `Undo ${undo}` : 'Undo'}
          title={`Undo ${undo ?? ''} (Ctrl+Z)`}
        >
          <Icon name="undo" />
        </button>
        <button
          type="button"
          className="tool-btn tool-btn--icon"
          onClick={redoEdit}
          disabled={redo === null}
          aria-label={redo !== null ? `Redo ${redo}` : 'Redo'}
          title={`Redo ${redo ?? ''} (Ctrl+Shift+Z)`}
        >
          <Icon name="redo" />
        </button>
        <button type="button" className="tool-btn" onClick={() => void customDialog((close) => <AlbumPanel onClose={close} />)} title="Master many tracks as one album">
          <Icon name="album" />
          <span className="tool-btn__label">Album</span>
        </button>
        <button type="button" className="tool-btn" onClick={addNoteHere} title="Add a sticky note (N)">
          <Icon name="note" />
          <span className="tool-btn__label">Note</span>
        </button>
        <ModuleMenu />
      </div>
      <TransportSlot />
      {fileInput(openInput, 'Open file as new document', openFile)}
      {fileInput(insertInput, 'Insert file into this graph', (file) => insertFile(file))}
    </header>
  );
}
