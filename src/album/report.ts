/**
 * The album report: what each track measured before and after, as JSON and CSV (the HTML view is
 * in reportHtml.ts). Built only from the plan and the analysis of the files written, so the
 * one-command run and the split steps (`album report`) produce the same bytes.
 */
import type { LoudnessFigures, TrackAnalysis } from './analyzeTrack';
import { averageSpectrum, removeLevel, tonalDeviationDb } from './matchCurve';
import type { AlbumOptions, AlbumPlan } from './plan';
import { albumReportHtml } from './reportHtml';

/** A track misses its target when its output is further than this from it, LU. */
export const TARGET_TOLERANCE_LU = 0.5;

export interface TrackReport {
  index: number;
  input: string;
  output: string;
  targetLufs: number;
  inputFigures: LoudnessFigures;
  outputFigures: LoudnessFigures;
  /** Loudness change from input to output file, dB (output − input integrated). */
  gainDb: number | null;
  /** Largest band of the matching correction, dB. */
  matchCorrectionDb: number;
  tonalDeviationDb: { before: number; after: number };
  /** Level-removed spectra on the grid, dB. */
  spectrumBeforeDb: number[];
  spectrumAfterDb: number[];
  /** Why this track fails (empty when it passes). */
  problems: string[];
}

export interface AlbumReport {
  format: 'mixgraph-album-report';
  version: 1;
  options: AlbumOptions;
  graph: string;
  albumLufs: { input: number | null; output: number | null };
  frequenciesHz: number[];
  albumSpectrumBeforeDb: number[];
  albumSpectrumAfterDb: number[];
  referenceSpectrumDb: number[] | null;
  tracks: TrackReport[];
  /** One line per failing track; empty when the album passes. */
  failures: string[];
}

const round = (v: number | null, digits = 2): number | null => (v === null ? null : Number(v.toFixed(digits)));
const figures = (f: LoudnessFigures): LoudnessFigures => ({
  integratedLufs: round(f.integratedLufs),
  loudnessRangeLu: round(f.loudnessRangeLu),
  truePeakDbtp: round(f.truePeakDbtp),
  plrDb: round(f.plrDb),
});

/**
 * Builds the report.
 * @param outputs the analysis of each written file, in track order.
 * @param albumOutputLufs integrated loudness of all outputs as one programme.
 */
export function buildAlbumReport(plan: AlbumPlan, outputs: readonly TrackAnalysis[], albumOutputLufs: number | null): AlbumReport {
  const { options } = plan;
  const afterAverage = averageSpectrum(outputs.map((o) => o.spectrumDb));
  const reference = plan.reference?.spectrumDb ?? null;
  const tracks = plan.tracks.map((t, i): TrackReport => {
    const out = outputs[i];
    const problems: string[] = [];
    const lufs = out.integratedLufs;
    if (lufs === null || Math.abs(lufs - t.targetLufs) > TARGET_TOLERANCE_LU) {
      problems.push(`${lufs === null ? 'silent' : `${lufs.toFixed(2)} LUFS`}, target ${t.targetLufs.toFixed(2)} LUFS (more than ${TARGET_TOLERANCE_LU} LU off)`);
    }
    if (out.truePeakDbtp !== null && out.truePeakDbtp > options.ceilingDbtp) {
      problems.push(`true peak ${out.truePeakDbtp.toFixed(2)} dBTP passes the ${options.ceilingDbtp} dBTP ceiling`);
    }
    return {
      index: i,
      input: t.input,
      output: t.output,
      targetLufs: round(t.targetLufs) as number,
      inputFigures: figures(t.measured),
      outputFigures: figures(out),
      gainDb: lufs === null || t.measured.integratedLufs === null ? null : round(lufs - t.measured.integratedLufs),
      matchCorrectionDb: round(t.matchCorrectionDb) as number,
      tonalDeviationDb: {
        before: round(t.tonalDeviationBeforeDb) as number,
        after: round(tonalDeviationDb(out.spectrumDb, reference ?? afterAverage)) as number,
      },
      spectrumBeforeDb: removeLevel(t.measured.spectrumDb).map((v) => round(v) as number),
      spectrumAfterDb: removeLevel(out.spectrumDb).map((v) => round(v) as number),
      problems,
    };
  });
  return {
    format: 'mixgraph-album-report',
    version: 1,
    options,
    graph: plan.graphSource,
    albumLufs: { input: round(plan.albumLufs), output: round(albumOutputLufs) },
    frequenciesHz: plan.frequenciesHz.map((f) => round(f) as number),
    albumSpectrumBeforeDb: plan.albumSpectrumDb.map((v) => round(v) as number),
    albumSpectrumAfterDb: afterAverage.map((v) => round(v) as number),
    referenceSpectrumDb: reference ? reference.map((v) => round(v) as number) : null,
    tracks,
    failures: tracks.flatMap((t) => t.problems.map((p) => `${t.output}: ${p}`)),
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per track, the figures the issue lists. */
export function albumReportCsv(report: AlbumReport): string {
  const header = [
    'index', 'input', 'output', 'targetLufs',
    'inputIntegratedLufs', 'inputLoudnessRangeLu', 'inputTruePeakDbtp', 'inputPlrDb',
    'outputIntegratedLufs', 'outputLoudnessRangeLu', 'outputTruePeakDbtp', 'outputPlrDb',
    'gainDb', 'matchCorrectionDb', 'tonalDeviationBeforeDb', 'tonalDeviationAfterDb', 'problems',
  ];
  const rows = report.tracks.map((t) => [
    t.index, t.input, t.output, t.targetLufs,
    t.inputFigures.integratedLufs, t.inputFigures.loudnessRangeLu, t.inputFigures.truePeakDbtp, t.inputFigures.plrDb,
    t.outputFigures.integratedLufs, t.outputFigures.loudnessRangeLu, t.outputFigures.truePeakDbtp, t.outputFigures.plrDb,
    t.gainDb, t.matchCorrectionDb, t.tonalDeviationDb.before, t.tonalDeviationDb.after, t.problems.join('; '),
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** The report files, name → text, exactly as written to OUTDIR (CLI) or into the editor's zip. */
export function albumReportFiles(report: AlbumReport): Record<string, string> {
  return {
    'album-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'album-report.csv': albumReportCsv(report),
    'album-report.html': albumReportHtml(report),
  };
}
