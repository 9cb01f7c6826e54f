/**
 * "My presets": the user's own graphs, kept in this browser's IndexedDB. Entries hold the
 * serialized document text, so opening one validates it like any import.
 */
import { LIBRARY_DB } from '../config';
import { openDatabase, runRequest } from './idb';

/** One saved preset in the library. */
export interface LibraryEntry {
  id: string;
  name: string;
  /** `serializeGraph` output. */
  text: string;
  /** ISO 8601. */
  updatedAt: string;
}

let dbPromise: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  dbPromise ??= openDatabase(LIBRARY_DB.name, LIBRARY_DB.version, (database) => {
    if (!database.objectStoreNames.contains(LIBRARY_DB.store)) database.createObjectStore(LIBRARY_DB.store, { keyPath: 'id' });
  });
  dbPromise.catch(() => {
    dbPromise = undefined; // let a later call retry
  });
  return dbPromise;
}

/** Every entry, newest first. */
export async function listPresets(): Promise<LibraryEntry[]> {
  const all = await runRequest(await db(), LIBRARY_DB.store, 'readonly', (s) => s.getAll() as IDBRequest<LibraryEntry[]>);
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The entry with this name (case- and space-insensitive), if any. */
export async function findPresetByName(name: string): Promise<LibraryEntry | undefined> {
  const key = name.trim().toLowerCase();
  return (await listPresets()).find((e) => e.name.trim().toLowerCase() === key);
}

/** Saves a new entry, or replaces `id`'s. Returns the stored entry. */
export async function savePreset(name: string, text: string, id?: string): Promise<LibraryEntry> {
  const entry: LibraryEntry = {
    id: id ?? `preset-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: name.trim(),
    text,
    updatedAt: new Date().toISOString(),
  };
  await runRequest(await db(), LIBRARY_DB.store, 'readwrite', (s) => s.put(entry));
  return entry;
}

/** One entry by id. */
export async function getPreset(id: string): Promise<LibraryEntry | undefined> {
  return runRequest(await db(), LIBRARY_DB.store, 'readonly', (s) => s.get(id) as IDBRequest<LibraryEntry | undefined>);
}

/** Renames an entry (its document text is kept as saved). */
export async function renamePreset(id: string, name: string): Promise<void> {
  const entry = await getPreset(id);
  if (entry === undefined) throw new Error('that preset no longer exists');
  await runRequest(await db(), LIBRARY_DB.store, 'readwrite', (s) => s.put({ ...entry, name: name.trim(), updatedAt: new Date().toISOString() }));
}

/** Removes an entry. */
export async function deletePreset(id: string): Promise<void> {
  await runRequest(await db(), LIBRARY_DB.store, 'readwrite', (s) => s.delete(id));
}
