/**
 * What the Album panel plays, as pure functions (unit-tested without audio): the gain a track is
 * heard at when level matching is on, the clip that plays a transition (the end of one track, the
 * album gap, the start of the next), and where the playhead lands when the listener jumps from a
 * transition to a track. The gain is applied to the clip itself, i.e. before the graph's first
 * node — where the album render applies its gain — so the graph's compressor and limiter react
 * to the level-matched track as they will in the master.
 */
import type { ClipAudio } from '../../nodes/types';

/**
 * Level matching while listening:
 * - `off`: every track as recorded;
 * - `plan`: the gain the album plan applies before the graph (track mode: each track to the
 *   target; album mode: one gain for all, differences kept) — what the master will do;
 * - `loudness`: every track at the integrated loudness of the quietest one (BS.1770-4), so
 *   tracks compare at equal loudness and nothing is raised towards clipping before the graph.
 */
export type LevelMatch = 'off' | 'plan' | 'loudness';

/** Seconds of the first track heard in a transition (its last seconds). */
export const TRANSITION_TAIL_SECONDS = 5;
/** Silence between the tracks in a transition, s (the usual gap between album tracks). */
export const TRANSITION_GAP_SECONDS = 2;
/** Seconds of the next track heard in a transition (its first seconds). */
export const TRANSITION_HEAD_SECONDS = 5;

/**
 * The gain a track is heard at, dB.
 * @param inputLufs integrated loudness of every track, in album order (null: silent or not measured).
 * @param planGainDb the plan's gain of every track (undefined: no plan yet).
 */
export function listeningGainDb(mode: LevelMatch, index: number, inputLufs: readonly (number | null)[], planGainDb?: readonly number[]): number {
  if (mode === 'plan') return planGainDb?.[index] ?? 0;
  if (mode === 'loudness') {
    const own = inputLufs[index];
    const measured = inputLufs.filter((v): v is number => v !== null && Number.isFinite(v));
    if (own === null || own === undefined || measured.length === 0) return 0;
    return Math.min(...measured) - own;
  }
  return 0;
}

/** 10^(dB/20). */
const dbToGain = (db: number): number => Math.pow(10, db / 20);

/** The clip scaled by `gainDb` (a new clip; the same one when the gain is 0 dB). */
export function scaledClip(clip: ClipAudio, gainDb: number): ClipAudio {
  if (gainDb === 0) return clip;
  const g = dbToGain(gainDb);
  const scale = (x: Float32Array) => {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] * g;
    return out;
  };
  return { left: scale(clip.left), right: scale(clip.right) };
}

/** Where a transition clip's parts lie, in frames. */
export interface TransitionLayout {
  /** First frame of the first track that is heard. */
  fromFrame: number;
  /** Frames of the first track (its tail). */
  tailFrames: number;
  /** Frames of silence between them. */
  gapFrames: number;
  /** Frames of the next track (its head). */
  headFrames: number;
}

/** The layout of a transition between clips of `framesA` and `framesB` frames at `sampleRate`. */
export function transitionLayout(framesA: number, framesB: number, sampleRate: number): TransitionLayout {
  const tailFrames = Math.min(framesA, Math.round(TRANSITION_TAIL_SECONDS * sampleRate));
  return {
    fromFrame: framesA - tailFrames,
    tailFrames,
    gapFrames: Math.round(TRANSITION_GAP_SECONDS * sampleRate),
    headFrames: Math.min(framesB, Math.round(TRANSITION_HEAD_SECONDS * sampleRate)),
  };
}

/**
 * The transition as one clip: the tail of `a` at `gainA` dB, the gap, the head of `b` at
 * `gainB` dB — sample-exact, as it will sound when the mastered files play back to back.
 */
export function transitionClip(a: ClipAudio, b: ClipAudio, gainA: number, gainB: number, sampleRate: number): { clip: ClipAudio; layout: TransitionLayout } {
  const framesA = Math.min(a.left.length, a.right.length);
  const framesB = Math.min(b.left.length, b.right.length);
  const layout = transitionLayout(framesA, framesB, sampleRate);
  const { fromFrame, tailFrames, gapFrames, headFrames } = layout;
  const total = tailFrames + gapFrames + headFrames;
  const ga = dbToGain(gainA);
  const gb = dbToGain(gainB);
  const channel = (x: Float32Array, y: Float32Array) => {
    const out = new Float32Array(total);
    for (let i = 0; i < tailFrames; i++) out[i] = x[fromFrame + i] * ga;
    const at = tailFrames + gapFrames;
    for (let i = 0; i < headFrames; i++) out[at + i] = y[i] * gb;
    return out;
  };
  return { clip: { left: channel(a.left, b.left), right: channel(a.right, b.right) }, layout };
}

/**
 * Where a jump from a transition to track `target` lands, s: in the part of the track the
 * playhead is in (the first track's tail, or the next track's head), else at the same position.
 * @param first index of the transition's first track; `position` is in the transition clip, s.
 */
export function positionAfterTransition(layout: TransitionLayout, first: number, target: number, position: number, sampleRate: number): number {
  const frame = Math.round(position * sampleRate);
  if (target === first) return (layout.fromFrame + Math.min(frame, layout.tailFrames)) / sampleRate;
  if (target === first + 1) return Math.max(0, frame - layout.tailFrames - layout.gapFrames) / sampleRate;
  return position;
}
