/**
 * The Album panel's tracks, kept outside the dialog so closing it loses nothing: files in album
 * order, their analysis, and the plan's view of them (tonal deviation, album spectrum).
 */
import { DEFAULT_ALBUM_OPTIONS, defaultAlbumGraph, outputNames, planAlbum, type AlbumOptions, type AlbumPlan, type TrackAnalysis } from '../../album';
import { createStore, useStoreValue } from '../store/createStore';
import { analyseTracks, type AlbumTrackFile } from './masterAlbum';

export interface AlbumTrack extends AlbumTrackFile {
  /** Stable key for React and drag-and-drop. */
  key: number;
  analysis?: TrackAnalysis;
  error?: string;
}

export interface AlbumState {
  tracks: AlbumTrack[];
  /** The options "Master album" uses (the CLI's flags; the CLI's defaults to start with). */
  options: AlbumOptions;
  /** The reference recording, used when `options.match` is `reference`. */
  reference: AlbumTrack | null;
  status: { kind: 'idle' } | { kind: 'working'; label: string; fraction: number } | { kind: 'done'; message: string } | { kind: 'error'; message: string };
}

export const albumStore = createStore<AlbumState>({ tracks: [], options: DEFAULT_ALBUM_OPTIONS, reference: null, status: { kind: 'idle' } });

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

/** Sets the reference recording (for `match: reference`) and analyses it for the preview. */
export async function setReferenceFile(file: File): Promise<void> {
  const reference: AlbumTrack = { key: nextKey++, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  albumStore.set((s) => ({ ...s, reference }));
  let update: Partial<AlbumTrack>;
  try {
    const [analysis] = await analyseTracks([reference], DEFAULT_ALBUM_OPTIONS.sampleRate, new AbortController().signal);
    update = { analysis };
  } catch (error) {
    update = { error: error instanceof Error ? error.message : String(error) };
  }
  albumStore.set((s) => (s.reference?.key === reference.key ? { ...s, reference: { ...reference, ...update } } : s));
}

export function removeAlbumTrack(key: number): void {
  albumStore.set((s) => ({ ...s, tracks: s.tracks.filter((t) => t.key !== key) }));
}

/**
 * The plan for the analysed tracks with the panel's options (tonal deviation, album spectrum,
 * each track's gain), or null while a track (or the reference being matched to) is not analysed.
 */
export function previewPlan(tracks: readonly AlbumTrack[], options: AlbumOptions = DEFAULT_ALBUM_OPTIONS, reference: AlbumTrack | null = null): AlbumPlan | null {
  if (tracks.length === 0 || tracks.some((t) => !t.analysis || t.analysis.integratedLufs === null)) return null;
  if (options.match === 'reference' && !reference?.analysis) return null;
  const names = outputNames(tracks.map((t) => t.name));
  return planAlbum(
    tracks.map((t, i) => ({ input: t.name, output: names[i], analysis: t.analysis! })),
    options,
    defaultAlbumGraph(),
    'preset mastering-chain',
    options.match === 'reference' && reference?.analysis ? { input: reference.name, analysis: reference.analysis } : null,
  );
}

/** The plan of the panel's present tracks and options (see {@link previewPlan}). */
export function currentPlan(): AlbumPlan | null {
  const s = albumStore.get();
  return previewPlan(s.tracks, s.options, s.reference);
}
