/**
 * What the editor opens at start-up: the autosaved working document when there is one (even a
 * broken one is opened as far as it validates, and its raw text kept), else `demo-mix` for a
 * first visit; then a shared graph from the URL fragment, if the link carries one.
 */
import { catalog } from '../../nodes/registry';
import { parseDocument } from '../../runtime/document';
import { findBuiltInPreset } from '../../runtime/presets';
import { FIRST_VISIT_PRESET } from '../config';
import { RecoveryDialog } from '../dialogs/RecoveryDialog';
import type { GraphIssue } from '../../graph/types';
import { loadAutosave } from '../persistence/autosave';
import { readHistory } from '../persistence/historyStore';
import { holdAutosaveSlot } from '../persistence/autosaveSync';
import { keepRescue } from '../persistence/rescueStore';
import { salvageDocument } from '../persistence/salvage';
import { customDialog } from '../store/dialogs';
import { loadDocument } from '../store/editorActions';
import { editorStore } from '../store/editorState';
import { tooLargeForEditor } from '../store/editorLimit';
import { newGraph } from './newGraph';
import { openSharedFragment } from './shareActions';
import { hasLessonLink } from '../../lessons';
import { openLessonLink } from '../teaching/lessonRunner';

/** Loads the first document synchronously (before the first render). */
export function restoreInitialDocument(): void {
  const saved = loadAutosave();
  const tooLarge = saved.kind === 'ok' ? tooLargeForEditor(saved.graph.nodes.length) : undefined;
  if (saved.kind === 'ok' && tooLarge !== undefined) {
    // Saved by an earlier version without the limit: opening it would freeze every reload. Kept
    // and explained like a broken autosave (rescued first, offered for download), not opened.
    const release = holdAutosaveSlot();
    loadDocument(newGraph('Untitled'), { kind: 'new', name: 'Untitled' });
    void rescueAndExplain(saved.record.text, [{ path: 'nodes', message: tooLarge }], undefined, false, release);
    return;
  }
  if (saved.kind === 'ok') {
    loadDocument(saved.graph, saved.record.origin, { dirty: saved.record.dirty });
    // The undo history saved with it, when it still fits this exact document.
    const history = readHistory(saved.graph, editorStore.get().history.revision);
    if (history !== undefined) editorStore.set((s) => ({ ...s, history }));
    return;
  }
  if (saved.kind === 'broken') {
    // The slot still holds the only copy: nothing may be written to it until the rescue is
    // confirmed, or the user was told it failed and offered the download.
    const release = holdAutosaveSlot();
    const salvage = salvageDocument(saved.raw, catalog);
    const name = salvage?.graph.name ?? 'Recovered graph';
    loadDocument(salvage?.graph ?? newGraph('Recovered graph'), { kind: 'recovered', name }, { dirty: true });
    void rescueAndExplain(saved.raw, saved.errors, salvage?.changes, salvage !== undefined, release);
    return;
  }
  const preset = findBuiltInPreset(FIRST_VISIT_PRESET);
  const parsed = preset === undefined ? undefined : parseDocument(preset.document);
  if (parsed?.ok === true) loadDocument(parsed.graph, { kind: 'preset', name: FIRST_VISIT_PRESET });
  else loadDocument(newGraph(), { kind: 'new', name: 'Untitled' });
}

async function rescueAndExplain(raw: string, errors: GraphIssue[], changes: string[] | undefined, opened: boolean, release: () => void): Promise<void> {
  const outcome = await keepRescue(raw, errors[0]?.message ?? 'it no longer validates');
  if (outcome.kept) release();
  await customDialog((close) => <RecoveryDialog outcome={outcome} errors={errors} changes={changes} opened={opened} onClose={close} />);
  release(); // not kept: the user has seen the warning and had the download offered
}

/** After the first render: opens a shared graph from the URL, now and whenever the fragment changes. */
export function watchSharedLinks(): () => void {
  const open = () => void (hasLessonLink(window.location.hash) ? openLessonLink(window.location.hash) : openSharedFragment(window.location.hash));
  open();
  const onHashChange = open;
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
