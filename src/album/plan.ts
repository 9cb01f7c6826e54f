/**
 * The reduce step of album mastering: from every track's analysis to the plan — each track's
 * loudness target and first gain, the album (or reference) spectrum, each track's matching
 * correction. The plan is plain JSON: `mixgraph album analyze` writes it, `album render --track N`
 * reads it, so any scheduler can run the map steps.
 */
import type { Graph } from '../graph/types';
import type { TrackAnalysis, LoudnessFigures } from './analyzeTrack';
import { AlbumError } from './albumError';
import { combinedIntegratedLufs } from './gatingBlocks';
import { GRID_SIZE, gridFrequencies } from './logFrequency';
import { averageSpectrum, largestCorrectionDb, matchCorrection, removeLevel, tonalDeviationDb } from './matchCurve';

export const PLAN_FORMAT = 'mixgraph-album-plan';
export const PLAN_VERSION = 1;

/** Output sample format, as `render --bits`. */
export type AlbumBits = '16' | '24' | '32f';

/** The album options (CLI flags) that decide the result. */
export interface AlbumOptions {
  /** Integrated loudness target, LUFS (default −14). */
  targetLufs: number;
  /** True-peak ceiling, dBTP (default −1). */
  ceilingDbtp: number;
  /** `track`: every track hits the target; `album`: one gain, differences kept. */
  mode: 'track' | 'album';
  /** `none`, `album` (towards the album average) or `reference` (towards `referenceName`). */
  match: 'none' | 'album' | 'reference';
  /** Matching strength, 0…100 %. */
  amountPercent: number;
  /** Largest correction, dB. */
  maxCorrectionDb: number;
  bits: AlbumBits;
  /** Render rate, Hz. */
  sampleRate: number;
}

/** The defaults of `mixgraph album`. */
export const DEFAULT_ALBUM_OPTIONS: AlbumOptions = {
  targetLufs: -14,
  ceilingDbtp: -1,
  mode: 'track',
  match: 'album',
  amountPercent: 100,
  maxCorrectionDb: 6,
  bits: '24',
  sampleRate: 48000,
};

/** What the plan keeps of a track's analysis (its input measurements). */
export interface PlannedTrack {
  index: number;
  /** The track as given (a path for the CLI, a file name in the editor). */
  input: string;
  /** Output file name, unique in the album (`<name>.wav`). */
  output: string;
  measured: LoudnessFigures & { frames: number; spectrumDb: number[] };
  /** Loudness the render aims for, LUFS. */
  targetLufs: number;
  /** First estimate of the gain before the graph, dB (the render refines it). */
  gainDb: number;
  /** Matching correction on the log grid, dB (all 0 when matching is off). */
  correctionDb: number[];
  /** Largest band of the correction, dB. */
  matchCorrectionDb: number;
  /** Tonal deviation of the input from the album average (or the reference), dB RMS. */
  tonalDeviationBeforeDb: number;
}

export interface AlbumPlan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  options: AlbumOptions;
  /** Where the graph came from (path or `preset mastering-chain`). */
  graphSource: string;
  graph: Graph;
  /** Grid frequencies of every spectrum, Hz. */
  frequenciesHz: number[];
  /** Integrated loudness of all input tracks as one programme, LUFS. */
  albumLufs: number | null;
  /** In album mode, the one gain for the album, dB. */
  albumGainDb: number | null;
  /** Album average spectrum of the inputs (level removed), dB. */
  albumSpectrumDb: number[];
  /** The reference's spectrum (level removed), when matching to one. */
  reference: { input: string; spectrumDb: number[]; integratedLufs: number | null } | null;
  tracks: PlannedTrack[];
  warnings: string[];
}

/** An input to the reduce: the track, its output name, its analysis. */
export interface AnalysedTrack {
  input: string;
  output: string;
  analysis: TrackAnalysis;
}

/** Output file names: `<name without extension>.wav`, made unique with `-2`, `-3`… in track order. */
export function outputNames(inputs: readonly string[]): string[] {
  const used = new Set<string>();
  return inputs.map((input) => {
    const base = (input.split(/[\\/]/).pop() ?? 'track').replace(/\.[^.]*$/, '') || 'track';
    let name = `${base}.wav`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}.wav`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Decides gains and corrections (the reduce). */
export function planAlbum(
  tracks: readonly AnalysedTrack[],
  options: AlbumOptions,
  graph: Graph,
  graphSource: string,
  reference: { input: string; analysis: TrackAnalysis } | null = null,
): AlbumPlan {
  const warnings: string[] = [];
  for (const t of tracks) {
    if (t.analysis.integratedLufs === null) throw new AlbumError(`${t.input}: the track is silent; there is nothing to master`);
  }
  if (options.match === 'reference' && !reference) throw new AlbumError('matching to a reference needs the reference track');
  const albumLufs = combinedIntegratedLufs(tracks.map((t) => t.analysis.gatingBins));
  const albumGainDb = options.mode === 'album' && albumLufs !== null ? options.targetLufs - albumLufs : null;
  const albumSpectrumDb = averageSpectrum(tracks.map((t) => t.analysis.spectrumDb));
  const referenceSpectrum = reference ? removeLevel(reference.analysis.spectrumDb) : null;
  const matchTarget = options.match === 'reference' && referenceSpectrum ? referenceSpectrum : albumSpectrumDb;
  const amount = options.amountPercent / 100;

  const planned = tracks.map((t, index): PlannedTrack => {
    const a = t.analysis;
    const inputLufs = a.integratedLufs as number;
    const gainDb = albumGainDb ?? options.targetLufs - inputLufs;
    const correctionDb =
      options.match === 'none' || amount === 0
        ? new Array<number>(GRID_SIZE).fill(0)
        : matchCorrection(a.spectrumDb, matchTarget, amount, options.maxCorrectionDb);
    return {
      index,
      input: t.input,
      output: t.output,
      measured: {
        integratedLufs: a.integratedLufs,
        loudnessRangeLu: a.loudnessRangeLu,
        truePeakDbtp: a.truePeakDbtp,
        plrDb: a.plrDb,
        frames: a.frames,
        spectrumDb: a.spectrumDb,
      },
      // Album mode keeps each track's distance from the album loudness.
      targetLufs: inputLufs + gainDb,
      gainDb,
      correctionDb,
      matchCorrectionDb: largestCorrectionDb(correctionDb),
      tonalDeviationBeforeDb: tonalDeviationDb(a.spectrumDb, matchTarget),
    };
  });
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    options: { ...options },
    graphSource,
    graph,
    frequenciesHz: gridFrequencies(),
    albumLufs,
    albumGainDb,
    albumSpectrumDb,
    reference: reference && referenceSpectrum
      ? { input: reference.input, spectrumDb: referenceSpectrum, integratedLufs: reference.analysis.integratedLufs }
      : null,
    tracks: planned,
    warnings,
  };
}

const isNumberArray = (v: unknown, length: number): boolean =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Checks a plan read from JSON (untrusted) enough to render from it; the graph itself is
 * validated again by the caller.
 * @throws AlbumError naming the file and the field.
 */
export function checkPlan(value: unknown, source: string): AlbumPlan {
  const fail = (what: string): never => {
    throw new AlbumError(`${source}: not a usable album plan (${what})`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const plan = value as Partial<AlbumPlan>;
  if (plan.format !== PLAN_FORMAT) fail(`"format" must be "${PLAN_FORMAT}"`);
  if (plan.version !== PLAN_VERSION) fail(`"version" ${String(plan.version)} is not ${PLAN_VERSION}`);
  if (typeof plan.options !== 'object' || plan.options === null) fail('"options" missing');
  if (!Array.isArray(plan.tracks) || plan.tracks.length === 0) fail('"tracks" must list at least one track');
  plan.tracks!.forEach((t, i) => {
    if (typeof t?.input !== 'string' || typeof t.output !== 'string' || !/^[^\\/]+\.wav$/.test(t.output)) fail(`tracks[${i}]: input/output`);
    if (typeof t.targetLufs !== 'number' || typeof t.gainDb !== 'number') fail(`tracks[${i}]: targetLufs/gainDb`);
    if (!isNumberArray(t.correctionDb, GRID_SIZE)) fail(`tracks[${i}].correctionDb must hold ${GRID_SIZE} numbers`);
  });
  if (typeof plan.graph !== 'object' || plan.graph === null) fail('"graph" missing');
  return plan as AlbumPlan;
}
