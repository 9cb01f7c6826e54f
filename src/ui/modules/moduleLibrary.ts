/**
 * Where modules come from in the palette: the open document's definitions, the user's module
 * library (IndexedDB, its own database so the preset library's schema is untouched) and the
 * built-in modules. Inserting one from the library or the built-ins copies its definition (and
 * the definitions it nests) into the document; an equal definition already there is reused.
 */
import { addModuleInstance } from '../../graph/modules/commands';
import { definitionsUsedBy } from '../../graph/modules/definitionSet';
import type { ModuleDefinition } from '../../graph/modules/types';
import { builtInModules, parseModuleDefinitions } from '../../runtime/builtInModules';
import { openDatabase, runRequest } from '../persistence/idb';
import { createStore, useStoreValue } from '../store/createStore';
import { dispatch, showNotice } from '../store/editorActions';
import { EMPTY_SELECTION, currentGraph, editorStore } from '../store/editorState';

/** Drag-and-drop type of a palette module. */
export const MODULE_MIME = 'application/x-mixgraph-module';

/** A module offered by the palette. */
export interface PaletteModule {
  source: 'document' | 'library' | 'builtin';
  id: string;
  name: string;
  description?: string;
  /** The definition and those it nests (for library and built-in modules). */
  definitions: readonly ModuleDefinition[];
}

/** A saved library module: its definitions as JSON (validated again when read). */
interface LibraryModuleEntry {
  id: string;
  name: string;
  /** JSON array of definitions, the module itself first. */
  text: string;
  updatedAt: string;
}

const DB = { name: 'mixgraph-modules', version: 1, store: 'modules' } as const;
let dbPromise: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  dbPromise ??= openDatabase(DB.name, DB.version, (database) => {
    if (!database.objectStoreNames.contains(DB.store)) database.createObjectStore(DB.store, { keyPath: 'id' });
  });
  dbPromise.catch(() => {
    dbPromise = undefined;
  });
  return dbPromise;
}

/** The library's modules, loaded once and after each save. */
export const libraryModules = createStore<readonly PaletteModule[]>([]);

/** Reads the module library (entries that no longer validate are left out). */
export async function loadModuleLibrary(): Promise<void> {
  try {
    const entries = await runRequest(await db(), DB.store, 'readonly', (s) => s.getAll() as IDBRequest<LibraryModuleEntry[]>);
    const modules: PaletteModule[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      let raw: unknown;
      try {
        raw = JSON.parse(entry.text);
      } catch {
        continue;
      }
      const parsed = parseModuleDefinitions(Array.isArray(raw) ? raw : []);
      if (!parsed.ok || parsed.modules.length === 0) continue;
      const main = parsed.modules.find((m) => m.id === entry.id) ?? parsed.modules[0];
      modules.push({ source: 'library', id: main.id, name: main.name, ...(main.description !== undefined ? { description: main.description } : {}), definitions: parsed.modules });
    }
    libraryModules.set(() => modules);
  } catch {
    // No IndexedDB (private mode): the library stays empty; saving says why.
  }
}

/** Saves document module `moduleId` (with what it nests) to the library, replacing one of the same id. */
export async function saveModuleToLibrary(moduleId: string): Promise<void> {
  const graph = editorStore.get().history.graph;
  const main = graph.modules?.find((m) => m.id === moduleId);
  if (main === undefined) return;
  const nested = definitionsUsedBy(main.nodes, graph.modules ?? []).filter((m) => m.id !== moduleId);
  const entry: LibraryModuleEntry = { id: moduleId, name: main.name, text: JSON.stringify([main, ...nested]), updatedAt: new Date().toISOString() };
  try {
    await runRequest(await db(), DB.store, 'readwrite', (s) => s.put(entry));
    await loadModuleLibrary();
    showNotice('info', `Saved "${main.name}" to your module library.`);
  } catch (error) {
    showNotice('error', `Could not save the module: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Renames library module `id` (the entry and its main definition's name). Documents that use it
 * keep their own embedded copy, so they are not touched.
 */
export async function renameLibraryModule(id: string, name: string): Promise<boolean> {
  const trimmed = name.trim();
  if (trimmed === '') return false;
  try {
    const database = await db();
    const entry = await runRequest(database, DB.store, 'readonly', (s) => s.get(id) as IDBRequest<LibraryModuleEntry | undefined>);
    if (entry === undefined) return false;
    const definitions = JSON.parse(entry.text) as { id?: unknown; name?: unknown }[];
    for (const d of definitions) if (d.id === id) d.name = trimmed;
    const next: LibraryModuleEntry = { ...entry, name: trimmed, text: JSON.stringify(definitions), updatedAt: new Date().toISOString() };
    await runRequest(database, DB.store, 'readwrite', (s) => s.put(next));
    await loadModuleLibrary();
    return true;
  } catch (error) {
    showNotice('error', `Could not rename the module: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/**
 * Deletes library module `id`. Only the library entry goes: every document that uses the module
 * holds its own copy of the definition (documents embed their definitions), so none changes.
 */
export async function deleteLibraryModule(id: string): Promise<boolean> {
  try {
    await runRequest(await db(), DB.store, 'readwrite', (s) => s.delete(id));
    await loadModuleLibrary();
    return true;
  } catch (error) {
    showNotice('error', `Could not delete the module: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** The built-in modules for the palette. */
export function builtInPaletteModules(): PaletteModule[] {
  const all = builtInModules();
  return all.map((m) => ({ source: 'builtin', id: m.id, name: m.name, ...(m.description !== undefined ? { description: m.description } : {}), definitions: [m, ...definitionsUsedBy(m.nodes, all)] }));
}

/** The open document's modules for the palette. */
export function documentPaletteModules(modules: readonly ModuleDefinition[] | undefined): PaletteModule[] {
  return (modules ?? []).map((m) => ({ source: 'document', id: m.id, name: m.name, ...(m.description !== undefined ? { description: m.description } : {}), definitions: [] }));
}

/** The reactive module library for components. */
export function useLibraryModules(): readonly PaletteModule[] {
  return useStoreValue(libraryModules, (s) => s);
}

/** What the palette puts on a drag. */
export function paletteModuleRef(module: PaletteModule): string {
  return JSON.stringify({ source: module.source, id: module.id });
}

/** The palette module a drag carries, or undefined. */
export function readPaletteModule(data: string): PaletteModule | undefined {
  if (data === '') return undefined;
  try {
    const ref = JSON.parse(data) as { source?: unknown; id?: unknown };
    return findPaletteModule(String(ref.source), String(ref.id));
  } catch {
    return undefined;
  }
}

function findPaletteModule(source: string, id: string): PaletteModule | undefined {
  if (source === 'document') return documentPaletteModules(editorStore.get().history.graph.modules).find((m) => m.id === id);
  if (source === 'library') return libraryModules.get().find((m) => m.id === id);
  if (source === 'builtin') return builtInPaletteModules().find((m) => m.id === id);
  return undefined;
}

/** Adds an instance of a palette module at `at` (inside the open module, when one is open). */
export function insertModule(module: PaletteModule, at: { x: number; y: number }): boolean {
  const state = editorStore.get();
  const inside = state.scope?.trail[state.scope.trail.length - 1]?.moduleId;
  const result = addModuleInstance(currentGraph(), module.id, at, { definitions: module.definitions, ...(inside !== undefined ? { inside } : {}) });
  if (!result.ok) return dispatch(result);
  return dispatch(result, { select: { ...EMPTY_SELECTION, nodes: [result.id] } });
}
