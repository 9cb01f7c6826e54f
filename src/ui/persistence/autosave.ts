/**
 * Autosave of the working document in localStorage, written shortly after every change and
 * flushed when the page hides, so a reload or a crash never loses work.
 *
 * An autosave that no longer validates (written by another version, edited by hand) is never
 * thrown away: its raw text is first copied to IndexedDB (`rescueStore.ts`) and read back, and
 * the slot stays held (`holdAutosaveSlot`) until that copy is confirmed or the user has been
 * told it could not be kept and offered the download.
 */
import { serializeGraph } from '../../graph/serialize';
import type { Graph, GraphIssue } from '../../graph/types';
import { parseDocumentText } from '../../runtime/document';
import { AUTOSAVE_DELAY_MS, STORAGE_KEYS } from '../config';
import type { DocumentOrigin } from '../store/editorState';

/** What is stored under `STORAGE_KEYS.autosave`. */
export interface AutosaveRecord {
  format: 'mixgraph-autosave';
  version: 1;
  /** ISO 8601 time of the save. */
  savedAt: string;
  /** True when the document had changes not exported or saved as a preset. */
  dirty: boolean;
  origin: DocumentOrigin;
  /** The document as `serializeGraph` writes it. */
  text: string;
}

/** The outcome of reading the autosave at start-up. */
export type AutosaveLoad =
  | { kind: 'none' }
  | { kind: 'ok'; graph: Graph; record: AutosaveRecord; warnings: GraphIssue[] }
  | { kind: 'broken'; raw: string; errors: GraphIssue[]; record?: AutosaveRecord };

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode, sandboxed iframe)
  }
}

function isRecord(value: unknown): value is AutosaveRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<AutosaveRecord>;
  return r.format === 'mixgraph-autosave' && r.version === 1 && typeof r.text === 'string' && typeof r.dirty === 'boolean';
}

/** Reads and validates the autosave. Never throws. */
export function loadAutosave(): AutosaveLoad {
  const raw = storage()?.getItem(STORAGE_KEYS.autosave);
  if (raw === null || raw === undefined) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: 'broken', raw, errors: [{ path: 'autosave', message: 'autosave: the stored record is not JSON' }] };
  }
  if (!isRecord(value)) {
    return { kind: 'broken', raw, errors: [{ path: 'autosave', message: 'autosave: the stored record has an unknown shape' }] };
  }
  const parsed = parseDocumentText(value.text, 'autosave');
  if (!parsed.ok) return { kind: 'broken', raw: value.text, errors: parsed.errors, record: value };
  return { kind: 'ok', graph: parsed.graph, record: value, warnings: parsed.warnings };
}

/** Writes the autosave now. Returns false when storage refused (full or disabled). */
export function writeAutosave(graph: Graph, dirty: boolean, origin: DocumentOrigin): boolean {
  const record: AutosaveRecord = {
    format: 'mixgraph-autosave',
    version: 1,
    savedAt: new Date().toISOString(),
    dirty,
    origin,
    text: serializeGraph(graph),
  };
  try {
    const store = storage();
    if (store === undefined) return false;
    store.setItem(STORAGE_KEYS.autosave, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

/**
 * Debounced saver: `schedule` after each change, `flush` when the page hides. The callback
 * reads the current state itself, so only the latest document is written.
 */
export function createAutosaver(save: () => void, delayMs = AUTOSAVE_DELAY_MS): { schedule(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    save();
  };
  return {
    schedule() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        save();
      }, delayMs);
    },
    flush,
  };
}
