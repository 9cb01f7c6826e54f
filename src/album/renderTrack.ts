/**
 * The render step of album mastering: one track of a plan through the mastering graph. The
 * track's matching filter is applied to the clip (before the graph's first node), its gain on the
 * `file:track` sources, and the graph's limiters hold the ceiling. Because the graph may compress
 * or limit, loudness out is not loudness in plus gain: the render measures what it wrote and,
 * when that misses the track's target by more than {@link LOUDNESS_TOLERANCE_LU}, renders again
 * with a corrected gain (secant steps, at most {@link MAX_PASSES} passes). Every step depends only
 * on the plan and the track, so the bytes do not depend on which machine or worker runs it.
 * Pure: the caller supplies where the bytes go (a file in the CLI, memory in a Web Worker).
 */
import { GraphRenderError, renderGraph, type RenderReport } from '../runtime/render';
import type { StereoStream } from '../runtime/audio-io/decoders/stereoStream';
import { AlbumError } from './albumError';
import { designMatchFilter, isFlat } from './linearPhaseFilter';
import { prepareAlbumGraph, TRACK_CLIP_NAME, withTrackGain } from './masteringGraph';
import { MatchFilterStream } from './matchFilterStream';
import type { AlbumPlan } from './plan';
import { streamedClip } from './streamedClip';

/** A render pass is kept when its loudness is this close to the target, LU. */
export const LOUDNESS_TOLERANCE_LU = 0.05;
/** Most render passes per track. */
export const MAX_PASSES = 6;
/** Largest gain change between two passes, dB (keeps a saturated limiter from running away). */
const MAX_STEP_DB = 12;

/** Where one pass writes; `commit` keeps the pass, `abort` throws it away. */
export interface TrackOutput {
  write(left: Float32Array, right: Float32Array, frames: number): void;
  commit(): void | Promise<void>;
  abort(): void;
}

export interface RenderTrackOptions {
  /** Opens a fresh output for each pass. */
  openOutput: () => TrackOutput;
  signal?: AbortSignal;
  /** 0…1 over the whole track (passes after the first restart the bar at their share). */
  onProgress?: (fraction: number) => void;
}

export interface RenderedTrack {
  /** Gain before the graph that was kept, dB. */
  gainDb: number;
  passes: number;
  /** Loudness of the kept pass (float, before quantisation), LUFS. */
  renderedLufs: number | null;
  warnings: string[];
}

/** A track as the render reads it: stereo at the plan's rate, streamed (again for each pass). */
export interface TrackInput {
  /** Frames at the plan's rate. */
  frames: number;
  /** A fresh stream from the first frame. */
  open(): StereoStream;
  /**
   * Resolves when the next `open()` can run (a compressed track makes a decoder per stream,
   * asynchronously: `TrackSource.prepare`). Absent: `open()` can always run.
   */
  prepare?(): Promise<void>;
  /** The same track held so that `open()` can run any number of times at any moment. */
  decodeWhole?(): Promise<TrackInput>;
}

/** The track after its matching filter (streamed: the filter runs block by block). */
export function matchedTrack(plan: AlbumPlan, index: number, track: TrackInput): TrackInput {
  const correction = plan.tracks[index].correctionDb;
  if (isFlat(correction)) return track;
  const filter = designMatchFilter(correction, plan.options.sampleRate);
  return {
    frames: track.frames,
    open: () => new MatchFilterStream(track.open(), filter),
    ...(track.prepare ? { prepare: () => track.prepare!() } : {}),
  };
}

/**
 * Renders track `index` of `plan`, streaming it from `input` (stereo at the plan's rate): memory
 * does not grow with the track's length.
 * @throws AlbumError / GraphRenderError; RenderAbortedError when `signal` aborts.
 */
export async function renderAlbumTrack(plan: AlbumPlan, index: number, input: TrackInput, options: RenderTrackOptions): Promise<RenderedTrack> {
  const track = plan.tracks[index];
  if (!track) throw new AlbumError(`track ${index} is not in the plan (it has ${plan.tracks.length}, numbered from 0)`);
  const album = prepareAlbumGraph(plan.graph, plan.options.ceilingDbtp, plan.graphSource);
  const warnings: string[] = [];
  if (album.limiters.length === 0) warnings.push(`${plan.graphSource}: the graph has no limiter, so nothing holds the ${plan.options.ceilingDbtp} dBTP ceiling`);
  // A compressed track streams with one decoder per stream, made ahead (asynchronously). One
  // source reads the track forward, and reopens it at most once per pass (a looping source wraps
  // in the latency tail): a decoder for the stream and a spare suffice. Several sources playing
  // the track read it at several places at once: then it is held whole (as before streaming).
  const readable = album.trackSources.length > 1 && input.decodeWhole ? await input.decodeWhole() : input;
  const matched = matchedTrack(plan, index, readable);
  const seconds = matched.frames / plan.options.sampleRate;
  if (!(seconds > 0)) throw new AlbumError(`${track.input}: the track is empty`);

  const history: { gain: number; lufs: number }[] = [];
  let gain = track.gainDb;
  for (let pass = 0; ; pass++) {
    await matched.prepare?.();
    // A fresh stream per pass: each pass reads the track from its start.
    const clip = streamedClip(matched.open, matched.frames);
    await matched.prepare?.();
    const output = options.openOutput();
    let report: RenderReport;
    try {
      report = await renderGraph(
        withTrackGain(album, gain),
        {
          sampleRate: plan.options.sampleRate,
          seconds,
          inputs: { [TRACK_CLIP_NAME]: clip },
          signal: options.signal,
          onProgress: options.onProgress ? (done, total) => options.onProgress!(done / total) : undefined,
        },
        (l, r, n) => output.write(l, r, n),
      );
    } catch (error) {
      output.abort();
      if (error instanceof GraphRenderError) throw new AlbumError(`${plan.graphSource}: ${error.message}`);
      throw error;
    }
    const lufs = report.loudness.integratedLufs;
    const miss = lufs === null ? Infinity : track.targetLufs - lufs;
    const last = pass + 1 >= MAX_PASSES;
    if (Math.abs(miss) <= LOUDNESS_TOLERANCE_LU || last || lufs === null) {
      await output.commit();
      warnings.push(...report.warnings);
      return { gainDb: gain, passes: pass + 1, renderedLufs: lufs, warnings };
    }
    output.abort();
    history.push({ gain, lufs });
    gain = nextGain(history, track.targetLufs);
  }
}

/**
 * Next gain: a unit-slope step after the first pass, then secant steps through the last two
 * passes; a flat or falling slope (a limiter at its ceiling) falls back to the unit slope.
 */
function nextGain(history: readonly { gain: number; lufs: number }[], target: number): number {
  const a = history[history.length - 1];
  let slope = 1;
  if (history.length >= 2) {
    const b = history[history.length - 2];
    const s = (a.lufs - b.lufs) / (a.gain - b.gain);
    if (Number.isFinite(s) && s > 0.1) slope = Math.min(s, 2);
  }
  const step = Math.max(-MAX_STEP_DB, Math.min(MAX_STEP_DB, (target - a.lufs) / slope));
  return a.gain + step;
}
