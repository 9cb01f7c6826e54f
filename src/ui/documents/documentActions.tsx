/**
 * Opening, importing, exporting and saving documents. Every path that brings a document in
 * validates it with `parseDocument`/`parseDocumentText` first; a failure shows its messages and
 * leaves the current graph untouched. Every path that would replace unsaved work asks first.
 */
import { pasteFragment, setDocumentInfo } from '../../graph/commands';
import { graphExtent, graphOrigin } from '../../graph/fragment';
import { parseGraphText } from '../../graph/parse';
import { serializeGraph } from '../../graph/serialize';
import type { Graph, GraphIssue, Position } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { parseDocument, parseDocumentText } from '../../runtime/document';
import { findBuiltInPreset } from '../../runtime/presets';
import { IssueList } from '../common/IssueList';
import { MASTER_NODE_TYPE } from '../config';
import { downloadText, fileNameFor } from '../persistence/download';
import { type LibraryEntry, findPresetByName, savePreset } from '../persistence/library';
import { choiceDialog, promptDialog } from '../store/dialogs';
import { dispatch, loadDocument, markSaved, showNotice } from '../store/editorActions';
import { type DocumentOrigin, currentGraph, editorStore, isDirty, rootGraph } from '../store/editorState';
import { refuseIfTooLarge } from './editorLimit';
import { newGraph } from './newGraph';
import { readTextFile } from './readFile';

/** Shows why a document could not be opened; the current graph stays as it is. */
export async function showOpenErrors(what: string, errors: readonly GraphIssue[]): Promise<void> {
  await choiceDialog(
    `Could not open ${what}`,
    <>
      <p>
        {errors.length === 1 ? 'It has a problem' : `It has ${errors.length} problems`}; nothing was changed, your current graph is
        still open.
      </p>
      <IssueList issues={errors} />
    </>,
    [{ id: 'close', label: 'Close', primary: true }],
  );
}

/**
 * Asks before replacing a document with unsaved changes. Offers to export it first.
 * Resolves true when the caller may go ahead.
 */
export async function confirmDiscard(action: string): Promise<boolean> {
  const state = editorStore.get();
  if (!isDirty(state)) return true;
  const choice = await choiceDialog(
    'Discard unsaved changes?',
    <p>
      “{state.history.graph.name}” has changes that were not exported or saved as a preset. {action} will replace it.
    </p>,
    [
      { id: 'cancel', label: 'Cancel' },
      { id: 'export', label: 'Export, then continue' },
      { id: 'discard', label: 'Discard changes', danger: true, primary: true },
    ],
  );
  if (choice === 'export') {
    exportDocument();
    return true;
  }
  return choice === 'discard';
}

function openParsed(graph: Graph, origin: DocumentOrigin, warnings: readonly GraphIssue[]): void {
  loadDocument(graph, origin);
  if (warnings.length > 0) showNotice('info', `Opened “${graph.name}” with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${warnings[0].message}`);
}

/** File → New (asks before discarding unsaved work). */
export async function newDocument(): Promise<void> {
  if (!(await confirmDiscard('A new graph'))) return;
  loadDocument(newGraph(), { kind: 'new', name: 'Untitled' });
}

/** Opens a built-in preset by name. */
export async function openBuiltInPreset(name: string): Promise<void> {
  const preset = findBuiltInPreset(name);
  if (preset === undefined) return;
  const parsed = parseDocument(preset.document);
  if (!parsed.ok) {
    await showOpenErrors(`the preset “${name}”`, parsed.errors);
    return;
  }
  if (await refuseIfTooLarge(parsed.graph, `The preset “${name}”`, false)) return;
  if (!(await confirmDiscard(`Opening “${parsed.graph.name}”`))) return;
  openParsed(parsed.graph, { kind: 'preset', name }, parsed.warnings);
}

/** Opens one of the user's saved presets. */
export async function openLibraryEntry(entry: LibraryEntry): Promise<void> {
  const parsed = parseDocumentText(entry.text, entry.name);
  if (!parsed.ok) {
    await showOpenErrors(`your preset “${entry.name}”`, parsed.errors);
    return;
  }
  if (await refuseIfTooLarge(parsed.graph, `Your preset “${entry.name}”`, true)) return;
  if (!(await confirmDiscard(`Opening “${entry.name}”`))) return;
  openParsed(parsed.graph, { kind: 'library', name: entry.name, libraryId: entry.id }, parsed.warnings);
}

/** Import as the new document. */
export async function openFile(file: File): Promise<void> {
  const read = await readTextFile(file);
  if (!read.ok) {
    await showOpenErrors(file.name, [{ path: file.name, message: read.message }]);
    return;
  }
  const parsed = parseDocumentText(read.text, file.name);
  if (!parsed.ok) {
    await showOpenErrors(file.name, parsed.errors);
    return;
  }
  if (await refuseIfTooLarge(parsed.graph, file.name, false)) return;
  if (!(await confirmDiscard(`Opening ${file.name}`))) return;
  openParsed(parsed.graph, { kind: 'file', name: file.name }, parsed.warnings);
}

/**
 * Import into the current document: ids are remapped, wires kept; a second master is left out.
 * The file is validated like any import, except that it need not have its own master.
 */
export async function insertFile(file: File, at?: Position): Promise<void> {
  const read = await readTextFile(file);
  if (!read.ok) {
    await showOpenErrors(file.name, [{ path: file.name, message: read.message }]);
    return;
  }
  const parsed = parseGraphText(read.text, catalog, file.name);
  if (!parsed.ok) {
    await showOpenErrors(file.name, parsed.errors);
    return;
  }
  insertGraph(parsed.graph, `Insert ${file.name}`, at);
}

/** Pastes a whole graph into the current one (to the right of what is there, or at `at`). */
export function insertGraph(fragment: Graph, label: string, at?: Position): boolean {
  const graph = currentGraph();
  const extent = graphExtent(graph);
  const origin = graphOrigin(graph);
  const place = at ?? (extent !== undefined && origin !== undefined ? { x: extent.x + 320, y: origin.y } : { x: 0, y: 0 });
  const result = pasteFragment(graph, catalog, fragment, { at: place, masterType: MASTER_NODE_TYPE, label });
  if (!result.ok) {
    showNotice('refusal', result.reason);
    return false;
  }
  dispatch(result, { select: { nodes: result.ids.nodes, edges: result.ids.edges, notes: result.ids.notes, groups: result.ids.groups } });
  if (result.skipped.length > 0) showNotice('info', result.skipped.join(' '));
  return true;
}

/** A file dropped on the canvas: open it or insert it where it was dropped. */
export async function handleDroppedFile(file: File, at: Position): Promise<void> {
  const choice = await choiceDialog(
    `Import ${file.name}`,
    <p>Open it as a new document, or insert its nodes into the current graph where you dropped it?</p>,
    [
      { id: 'cancel', label: 'Cancel' },
      { id: 'insert', label: 'Insert here' },
      { id: 'open', label: 'Open as new document', primary: true },
    ],
  );
  if (choice === 'open') await openFile(file);
  else if (choice === 'insert') await insertFile(file, at);
}

/** Downloads the document as `<name>.json` (canonical JSON). */
export function exportDocument(): void {
  // The whole document, also while a module is open on the canvas (currentGraph is its definition).
  const graph = rootGraph();
  downloadText(fileNameFor(graph.name), serializeGraph(graph));
  markSaved();
}

/** Saves the document into "My presets" under a name the user confirms. */
export async function saveAsPreset(): Promise<void> {
  const name = await promptDialog('Save as preset', 'Preset name', rootGraph().name, 'Save', (value) =>
    value.trim() === '' ? 'Give the preset a name.' : value.trim().length > 200 ? 'Use at most 200 characters.' : undefined,
  );
  if (name === null) return;
  try {
    const existing = await findPresetByName(name);
    if (existing !== undefined) {
      const choice = await choiceDialog('Replace preset?', <p>You already have a preset called “{existing.name}”. Replace it with this graph?</p>, [
        { id: 'cancel', label: 'Cancel' },
        { id: 'replace', label: 'Replace', danger: true, primary: true },
      ]);
      if (choice !== 'replace') return;
    }
    // "Save as" names the open document too (an undoable rename), so the library entry, the
    // title bar and a later export all agree.
    if (name.trim() !== rootGraph().name) dispatch(setDocumentInfo(rootGraph(), { name }), { root: true });
    const entry = await savePreset(name, serializeGraph(rootGraph()), existing?.id);
    markSaved({ kind: 'library', name: entry.name, libraryId: entry.id });
    showNotice('info', `Saved “${entry.name}” to My presets.`);
  } catch (cause) {
    showNotice('error', `Could not save the preset: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
