/**
 * Autosave of the working document in localStorage, written shortly after every change and
 * flushed when the page hides, so a reload or a crash never loses work.
 *
 * An autosave that no longer validates (written by another version, edited by hand) is never
 * thrown away: its raw text is first copied to IndexedDB (`rescueStore.ts`) and read back, and
 * the slot stays held (`holdAutosaveSlot`) until that copy is confirmed or the user has been
 * told it could not be kept and offered the download.
 */
import type { Graph, GraphIssue } from '../../graph/types';
import { parseDocumentText } from '../../runtime/document';
import { AUTOSAVE_DELAY_MS, STORAGE_KEYS } from '../config';
import { graphText } from './graphText';
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

/**
 * Writes the autosave now. Returns the document's text (`serializeGraph`'s) when stored, or
 * undefined when storage refused (full or disabled).
 */
export function writeAutosave(graph: Graph, dirty: boolean, origin: DocumentOrigin): string | undefined {
  const text = graphText(graph);
  const record: AutosaveRecord = {
    format: 'mixgraph-autosave',
    version: 1,
    savedAt: new Date().toISOString(),
    dirty,
    origin,
    text,
  };
  try {
    const store = storage();
    if (store === undefined) return undefined;
    store.setItem(STORAGE_KEYS.autosave, JSON.stringify(record));
    return text;
  } catch {
    return undefined;
  }
}

/** Longest wait for an idle moment once the delay has passed, in ms. */
const IDLE_TIMEOUT_MS = 1000;

/**
 * Debounced saver: `schedule` after each change, `flush` when the page hides. The callback
 * reads the current state itself, so only the latest document is written. Once the delay has
 * passed the save waits for an idle moment (`requestIdleCallback`, at most `IDLE_TIMEOUT_MS`), so
 * it does not land between a click and the frame that shows it.
 */
export function createAutosaver(save: () => void, delayMs = AUTOSAVE_DELAY_MS): { schedule(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
    timer = undefined;
    idle = undefined;
  };
  const run = () => {
    cancel();
    save();
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
        else save();
      }, delayMs);
    },
    flush() {
      if (timer === undefined && idle === undefined) return;
      run();
    },
  };
}
