/**
 * Listening in the Album panel: the open graph is the mastering graph, and its `file:track`
 * source plays the track chosen here. The track (decoded, at the live rate, level-matched when
 * asked) is bound to the session's clip `file:track` (`clipLibrary.set`), which the live engine
 * rebinds in place: its sources restart at the same transport position with the engine's
 * crossfade, so jumping from one track to another keeps the position and does not click. A
 * transition plays one clip (the end of a track, the album gap, the start of the next; see
 * `listening.ts`) from its start.
 */
import { TRACK_CLIP_NAME } from '../../album';
import type { Graph } from '../../graph/types';
import type { ClipAudio } from '../../nodes/types';
import { decodeAnyAudio } from '../../runtime/audio-io/decoders/decodeAnyAudio';
import { toRenderClip } from '../../runtime/audio-io/portable';
import { createStore, useStoreValue } from '../store/createStore';
import { LIVE_SAMPLE_RATE } from '../live/audioSession';
import { clipLibrary } from '../live/clipLibrary';
import { liveStore } from '../live/liveStore';
import { play, seek, startAudio, stop, transportPosition } from '../live/transport';
import { albumStore, currentPlan, type AlbumTrack } from './albumTracks';
import { listeningGainDb, positionAfterTransition, scaledClip, transitionClip, type LevelMatch, type TransitionLayout } from './listening';

/** What the panel is playing (by track key, so reordering keeps it). */
export type NowPlaying = { kind: 'track'; key: number } | { kind: 'transition'; key: number; nextKey: number; layout: TransitionLayout } | null;

export interface ListenState {
  now: NowPlaying;
  levelMatch: LevelMatch;
  /** A problem to show (a track that cannot be decoded). */
  error: string | null;
}

export const listenStore = createStore<ListenState>({ now: null, levelMatch: 'off', error: null });

export function useListen<S>(select: (s: ListenState) => S): S {
  return useStoreValue(listenStore, select);
}

/** Whether the graph has a source playing `file:track` (what the panel's tracks are bound to). */
export function graphPlaysTrack(graph: Graph): boolean {
  return graph.nodes.some((n) => n.type === 'source' && n.params.clip === `file:${TRACK_CLIP_NAME}`);
}

/** Decoded tracks at the live rate, most recent last; a few are kept so jumping back is instant. */
const decodedClips = new Map<number, Promise<ClipAudio>>();
const KEEP_DECODED = 3;

function clipOf(track: AlbumTrack): Promise<ClipAudio> {
  let clip = decodedClips.get(track.key);
  if (clip === undefined) {
    clip = decodeAnyAudio(track.bytes, track.name).then((decoded) => toRenderClip(decoded, LIVE_SAMPLE_RATE));
    clip.catch(() => decodedClips.delete(track.key));
  } else decodedClips.delete(track.key);
  decodedClips.set(track.key, clip);
  while (decodedClips.size > KEEP_DECODED) decodedClips.delete(decodedClips.keys().next().value as number);
  return clip;
}

/** The gain track `index` is heard at, dB, under the present level matching. */
function gainOf(index: number): number {
  const tracks = albumStore.get().tracks;
  const plan = currentPlan();
  return listeningGainDb(
    listenStore.get().levelMatch,
    index,
    tracks.map((t) => t.analysis?.integratedLufs ?? null),
    plan?.tracks.map((t) => t.gainDb),
  );
}

function bind(clip: ClipAudio, label: string): void {
  clipLibrary.set(TRACK_CLIP_NAME, label, { sampleRate: LIVE_SAMPLE_RATE, channels: [clip.left, clip.right] });
}

const indexOf = (key: number): number => albumStore.get().tracks.findIndex((t) => t.key === key);

function fail(error: unknown): void {
  listenStore.set((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
}

/**
 * Plays track `index` through the open graph. While something plays, the track changes at the
 * same position (from a transition: at the matching place in that track); otherwise playback
 * starts from the transport's position. Call from a click: audio starts inside the gesture.
 */
export async function playTrack(index: number): Promise<void> {
  const audio = startAudio();
  const track = albumStore.get().tracks[index];
  if (track === undefined) return;
  try {
    const clip = await clipOf(track);
    await audio;
    const before = listenStore.get().now;
    const at = indexOf(track.key);
    bind(scaledClip(clip, gainOf(at)), track.name);
    if (before?.kind === 'transition') {
      seek(positionAfterTransition(before.layout, indexOf(before.key), at, transportPosition(), LIVE_SAMPLE_RATE));
    }
    listenStore.set((s) => ({ ...s, now: { kind: 'track', key: track.key }, error: null }));
    if (!liveStore.get().playing) await play();
  } catch (error) {
    fail(error);
  }
}

/** Plays the transition from track `index` to the next one, from its start. */
export async function playTransition(index: number): Promise<void> {
  const audio = startAudio();
  const tracks = albumStore.get().tracks;
  const a = tracks[index];
  const b = tracks[index + 1];
  if (a === undefined || b === undefined) return;
  try {
    const [clipA, clipB] = await Promise.all([clipOf(a), clipOf(b)]);
    await audio;
    const { clip, layout } = transitionClip(clipA, clipB, gainOf(indexOf(a.key)), gainOf(indexOf(b.key)), LIVE_SAMPLE_RATE);
    bind(clip, `${a.name} → ${b.name}`);
    listenStore.set((s) => ({ ...s, now: { kind: 'transition', key: a.key, nextKey: b.key, layout }, error: null }));
    seek(0);
    if (!liveStore.get().playing) await play();
  } catch (error) {
    fail(error);
  }
}

/** Changes level matching; what is playing is rebound at the new gain (same position, crossfaded). */
export async function setLevelMatch(mode: LevelMatch): Promise<void> {
  listenStore.set((s) => ({ ...s, levelMatch: mode }));
  const now = listenStore.get().now;
  if (now === null) return;
  const index = indexOf(now.key);
  if (index < 0) return;
  if (now.kind === 'track') {
    const track = albumStore.get().tracks[index];
    const clip = await clipOf(track);
    bind(scaledClip(clip, gainOf(index)), track.name);
  } else {
    const next = indexOf(now.nextKey);
    if (next < 0) return;
    const tracks = albumStore.get().tracks;
    const [clipA, clipB] = await Promise.all([clipOf(tracks[index]), clipOf(tracks[next])]);
    bind(transitionClip(clipA, clipB, gainOf(index), gainOf(next), LIVE_SAMPLE_RATE).clip, `${tracks[index].name} → ${tracks[next].name}`);
  }
}

/** Stops playback and returns to the start (the track stays bound). */
export function stopListening(): void {
  stop();
  listenStore.set((s) => ({ ...s, now: null }));
}
