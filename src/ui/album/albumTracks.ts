/**
 * The Album panel's tracks, kept outside the dialog so closing it loses nothing: files in album
 * order, their analysis, and the plan's view of them (tonal deviation, album spectrum).
 */
import { DEFAULT_ALBUM_OPTIONS, defaultAlbumGraph, outputNames, planAlbum, type AlbumPlan, type TrackAnalysis } from '../../album';
import { createStore, useStoreValue } from '../store/createStore';
import type { AlbumTrackFile } from './masterAlbum';

export interface AlbumTrack extends AlbumTrackFile {
  /** Stable key for React and drag-and-drop. */
  key: number;
  analysis?: TrackAnalysis;
  error?: string;
}

export interface AlbumState {
  tracks: AlbumTrack[];
  status: { kind: 'idle' } | { kind: 'working'; label: string; fraction: number } | { kind: 'done'; message: string } | { kind: 'error'; message: string };
}

export const albumStore = createStore<AlbumState>({ tracks: [], status: { kind: 'idle' } });

export function useAlbum<S>(select: (s: AlbumState) => S): S {
  return useStoreValue(albumStore, select);
}

let nextKey = 1;

/** Adds files at the end, in the order given. */
export async function addAlbumFiles(files: readonly File[]): Promise<AlbumTrack[]> {
  const added: AlbumTrack[] = [];
  for (const f of files) added.push({ key: nextKey++, name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  albumStore.set((s) => ({ ...s, tracks: [...s.tracks, ...added] }));
  return added;
}

/** Moves the track at `from` to position `to`. */
export function moveAlbumTrack(from: number, to: number): void {
  albumStore.set((s) => {
    if (from === to || from < 0 || to < 0 || from >= s.tracks.length || to >= s.tracks.length) return s;
    const tracks = [...s.tracks];
    const [moved] = tracks.splice(from, 1);
    tracks.splice(to, 0, moved);
    return { ...s, tracks };
  });
}

export function removeAlbumTrack(key: number): void {
  albumStore.set((s) => ({ ...s, tracks: s.tracks.filter((t) => t.key !== key) }));
}

/** The plan for the analysed tracks with the default options (tonal deviation, album spectrum). */
export function previewPlan(tracks: readonly AlbumTrack[]): AlbumPlan | null {
  if (tracks.length === 0 || tracks.some((t) => !t.analysis || t.analysis.integratedLufs === null)) return null;
  const names = outputNames(tracks.map((t) => t.name));
  return planAlbum(
    tracks.map((t, i) => ({ input: t.name, output: names[i], analysis: t.analysis! })),
    DEFAULT_ALBUM_OPTIONS,
    defaultAlbumGraph(),
    'preset mastering-chain',
  );
}
