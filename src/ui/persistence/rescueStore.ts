/**
 * Rescued autosaves: the raw text of autosaves that failed to load, kept in IndexedDB.
 *
 * localStorage holds about 5 M UTF-16 characters per origin, and the broken autosave itself
 * already fills part of it, so a copy there fails for any autosave over ~2.6 M characters.
 * IndexedDB's quota is a share of the disk. A copy only counts as kept once it has been read
 * back from a fresh transaction and found equal to the original (`keepRescue`); the caller must
 * not write the autosave slot before that answer.
 *
 * Its own database (not the preset library's), so the two schemas can change independently.
 */
import { RESCUE_DB, STORAGE_KEYS } from '../config';
import { openDatabase, runRequest } from './idb';

/** A raw autosave kept because it failed to load. */
export interface RescuedAutosave {
  id: string;
  savedAt: string;
  /** Why it could not be opened. */
  reason: string;
  /** The document text (or the whole stored value when even the record was unreadable). */
  text: string;
}

/** The answer of `keepRescue`. */
export type RescueOutcome = { kept: true; entry: RescuedAutosave } | { kept: false; entry: RescuedAutosave; problem: string };

/** How many rescued autosaves are kept (oldest dropped first). */
export const MAX_RESCUED = 5;

let dbPromise: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  dbPromise ??= openDatabase(RESCUE_DB.name, RESCUE_DB.version, (database) => {
    if (!database.objectStoreNames.contains(RESCUE_DB.store)) database.createObjectStore(RESCUE_DB.store, { keyPath: 'id' });
  });
  dbPromise.catch(() => {
    dbPromise = undefined; // let a later call retry
  });
  return dbPromise;
}

function message(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Stores `text` as a rescued autosave and reads it back. Never throws: when the copy cannot be
 * stored or does not read back equal, the answer says so and carries the entry (text in memory)
 * so the caller can offer it for download.
 */
export async function keepRescue(text: string, reason: string): Promise<RescueOutcome> {
  const now = new Date();
  const entry: RescuedAutosave = {
    id: `rescued-${now.getTime().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    savedAt: now.toISOString(),
    reason,
    text,
  };
  try {
    const database = await db();
    await runRequest(database, RESCUE_DB.store, 'readwrite', (s) => s.put(entry));
    const back = await runRequest(database, RESCUE_DB.store, 'readonly', (s) => s.get(entry.id) as IDBRequest<RescuedAutosave | undefined>);
    if (back?.text !== text) return { kept: false, entry, problem: 'the stored copy did not read back the same' };
  } catch (cause) {
    return { kept: false, entry, problem: `this browser refused to store it (${message(cause)})` };
  }
  await dropOldest().catch(() => undefined); // trimming is housekeeping; the copy is already safe
  return { kept: true, entry };
}

async function dropOldest(): Promise<void> {
  const all = await listStored();
  for (const old of all.slice(MAX_RESCUED)) await deleteRescued(old.id);
}

async function listStored(): Promise<RescuedAutosave[]> {
  const all = await runRequest(await db(), RESCUE_DB.store, 'readonly', (s) => s.getAll() as IDBRequest<RescuedAutosave[]>);
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * Rescues kept by earlier versions in localStorage (read only: they stay where they are until
 * the user deletes them).
 */
function listLegacy(): RescuedAutosave[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEYS.rescued);
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? value.filter((v): v is RescuedAutosave => typeof v?.id === 'string' && typeof v?.text === 'string') : [];
  } catch {
    return [];
  }
}

/** Every rescued autosave, newest first. Rejects when IndexedDB cannot be read. */
export async function listRescued(): Promise<RescuedAutosave[]> {
  const stored = await listStored();
  return [...stored, ...listLegacy()].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Forgets one rescued autosave. */
export async function deleteRescued(id: string): Promise<void> {
  const legacy = listLegacy();
  if (legacy.some((r) => r.id === id)) {
    try {
      window.localStorage.setItem(STORAGE_KEYS.rescued, JSON.stringify(legacy.filter((r) => r.id !== id)));
    } catch {
      // Nothing to do: the list stays as it was.
    }
    return;
  }
  await runRequest(await db(), RESCUE_DB.store, 'readwrite', (s) => s.delete(id));
}
