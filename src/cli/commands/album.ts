/**
 * `mixgraph album TRACK... -o OUTDIR [...]` and its split steps:
 *   album analyze TRACK... --out plan.json    map (analyse each track) + reduce (the plan)
 *   album render --plan plan.json --track N -o OUTDIR    map (render one track)
 *   album report --plan plan.json -o OUTDIR   the report, from the plan and the files written
 * The one-machine command runs exactly these steps, the maps over a worker pool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlbumError,
  albumReportFiles,
  buildAlbumReport,
  checkPlan,
  combinedIntegratedLufs,
  defaultAlbumGraph,
  outputNames,
  planAlbum,
  prepareAlbumGraph,
  type AlbumOptions,
  type AlbumPlan,
  type AlbumReport,
  type TrackAnalysis,
} from '../../album';
import { parseDocument } from '../../runtime/document';
import { RenderAbortedError } from '../../runtime/offline';
import { CliError, usageError } from '../errors';
import { loadGraph } from '../loadGraph';
import { echoPath } from '../terminalText';
import { checkReadable, prepareOutDir, removeTemporaryOutputs, writeTextFileAtomic } from './albumFiles';
import { parseAlbumFlags, parseJobs, type AlbumFlags } from './albumOptions';
import { createAlbumPool, type AlbumPool } from './albumPool';
import { createAlbumProgress } from './albumProgress';
import { analyzeOutputFile, renderTrackFile, type RenderTaskResult } from './albumTasks';

type Analysis = TrackAnalysis & { warnings: string[] };

/** The mastering graph named by `--graph` (default: mastering-chain with a file:track source). */
function albumGraph(graphArg: string | undefined, ceiling: number) {
  if (graphArg === undefined) return { graph: defaultAlbumGraph(), source: 'preset mastering-chain', warnings: [] as string[] };
  const loaded = loadGraph(graphArg);
  prepareAlbumGraph(loaded.graph, ceiling, loaded.source); // fails early without file:track
  return loaded;
}

/** Aborts on Ctrl+C (SIGINT) or SIGTERM for as long as the command runs. */
function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: abort.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs `work` for each item on the pool; results in item order. */
async function overPool<I, R>(items: readonly I[], work: (item: I) => Promise<R>, onAbort: () => void, signal: AbortSignal): Promise<R[]> {
  try {
    if (signal.aborted) throw new RenderAbortedError();
    const settled = await Promise.allSettled(items.map((item) => work(item)));
    if (signal.aborted) throw new RenderAbortedError();
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
    if (failed.length > 0) {
      const lines = failed.map((e) => (e instanceof Error ? e.message : String(e)));
      throw new CliError(lines.join('\n'));
    }
    return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
  } catch (error) {
    onAbort();
    throw error;
  }
}

/** Map + reduce: analyse every track (and the reference) and decide the plan. */
async function analyzeAll(pool: AlbumPool, tracks: string[], options: AlbumOptions, referencePath: string | null, graphArg: string | undefined, signal: AbortSignal): Promise<{ plan: AlbumPlan; warnings: string[] }> {
  const { graph, source, warnings } = albumGraph(graphArg, options.ceilingDbtp);
  checkReadable(referencePath ? [...tracks, referencePath] : tracks);
  const progress = createAlbumProgress('analysing', tracks.length + (referencePath ? 1 : 0));
  const all = referencePath ? [...tracks, referencePath] : tracks;
  let analyses: Analysis[];
  try {
    analyses = await overPool(
      all,
      async (path) => {
        const bar = progress.start(path.split(/[\\/]/).pop() ?? path);
        const a = await pool.run<Analysis>({ kind: 'analyze', path, sampleRate: options.sampleRate }, signal);
        bar.done();
        return a;
      },
      () => progress.stop(),
      signal,
    );
  } finally {
    progress.stop();
  }
  for (const a of analyses) warnings.push(...a.warnings);
  const names = outputNames(tracks);
  const reference = referencePath ? { input: referencePath, analysis: analyses[tracks.length] } : null;
  const analysed = tracks.map((input, i) => ({ input, output: names[i], analysis: analyses[i] }));
  const plan = planAlbum(analysed, options, graph, source, reference);
  return { plan, warnings };
}

/** Map: render every track of the plan into outDir; results in track order. */
async function renderAll(pool: AlbumPool, plan: AlbumPlan, outDir: string, signal: AbortSignal): Promise<RenderTaskResult[]> {
  const outputs = plan.tracks.map((t) => t.output);
  prepareOutDir(outDir, outputs, plan.tracks.map((t) => t.input));
  const progress = createAlbumProgress('mastering', plan.tracks.length);
  try {
    return await overPool(
      plan.tracks.map((t) => t.index),
      async (index) => {
        const bar = progress.start(plan.tracks[index].output);
        const r = await pool.run<RenderTaskResult>({ kind: 'render', plan, index, outDir }, signal, (f) => bar.update(f));
        bar.done();
        return r;
      },
      () => {
        progress.stop();
        removeTemporaryOutputs(outDir, outputs);
      },
      signal,
    );
  } finally {
    progress.stop();
  }
}

/** Writes album-report.json/.csv/.html into outDir. */
function writeReports(outDir: string, report: AlbumReport): void {
  for (const [name, text] of Object.entries(albumReportFiles(report))) writeTextFileAtomic(join(outDir, name), text);
}

function reportFromOutputs(plan: AlbumPlan, outputs: TrackAnalysis[]): AlbumReport {
  return buildAlbumReport(plan, outputs, combinedIntegratedLufs(outputs.map((o) => o.gatingBins)));
}

/** Prints the report (JSON with --json, else a table) and returns the exit code. */
function finish(report: AlbumReport, warnings: readonly string[], outDir: string, json: boolean | undefined): number {
  for (const w of new Set(warnings)) process.stderr.write(`warning: ${w}\n`);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const lines = [`mastered ${report.tracks.length} track(s) → ${outDir} (album ${report.albumLufs.input ?? '–'} → ${report.albumLufs.output ?? '–'} LUFS)`];
    for (const t of report.tracks) {
      const o = t.outputFigures;
      lines.push(
        `  ${t.output.padEnd(24)} ${String(o.integratedLufs ?? '–').padStart(7)} LUFS (target ${t.targetLufs})  ${String(o.truePeakDbtp ?? '–').padStart(6)} dBTP  tonal ${t.tonalDeviationDb.before} → ${t.tonalDeviationDb.after} dB${t.problems.length ? '  ✗' : ''}`,
      );
    }
    lines.push(`  report     ${join(outDir, 'album-report.html')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  for (const f of report.failures) process.stderr.write(`mixgraph: ${f}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

/** `mixgraph album TRACK... -o OUTDIR`. */
export async function albumCommand(tracks: string[], flags: AlbumFlags): Promise<number> {
  if (!flags.output) throw usageError('album: missing -o OUTDIR');
  if (tracks.length === 0) throw usageError('album: name at least one track');
  const { options, referencePath } = parseAlbumFlags(flags);
  const pool = createAlbumPool(parseJobs(flags.jobs));
  const interrupt = interruptSignal();
  let outputs: string[] = [];
  try {
    const { plan, warnings } = await analyzeAll(pool, tracks, options, referencePath, flags.graph, interrupt.signal);
    outputs = plan.tracks.map((t) => t.output);
    const results = await renderAll(pool, plan, flags.output, interrupt.signal);
    for (const r of results) warnings.push(...r.rendered.warnings);
    const report = reportFromOutputs(plan, results.map((r) => r.output));
    writeReports(flags.output, report);
    return finish(report, warnings, flags.output, flags.json);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await pool.destroy();
    interrupt.release();
    // A worker stopped mid-pass (Ctrl+C) may have opened a temporary file after the first sweep.
    removeTemporaryOutputs(flags.output, outputs);
  }
}

/** `mixgraph album analyze TRACK... --out plan.json`. */
export async function albumAnalyzeCommand(tracks: string[], flags: AlbumFlags & { out?: string }): Promise<number> {
  if (!flags.out) throw usageError('album analyze: missing --out plan.json');
  if (tracks.length === 0) throw usageError('album analyze: name at least one track');
  const { options, referencePath } = parseAlbumFlags(flags);
  const pool = createAlbumPool(parseJobs(flags.jobs));
  const interrupt = interruptSignal();
  try {
    const { plan, warnings } = await analyzeAll(pool, tracks, options, referencePath, flags.graph, interrupt.signal);
    writeTextFileAtomic(flags.out, `${JSON.stringify(plan)}\n`);
    for (const w of new Set(warnings)) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) process.stdout.write(`${JSON.stringify(plan)}\n`);
    else process.stdout.write(`planned ${plan.tracks.length} track(s) → ${flags.out} (album ${plan.albumLufs?.toFixed(2) ?? '–'} LUFS)\n`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await pool.destroy();
    interrupt.release();
  }
}

/** Reads and checks a plan file (its graph is validated again). */
function readPlan(path: string): AlbumPlan {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${echoPath(path)}: ${code === 'ENOENT' ? 'file not found' : code ? `cannot read the file (${code})` : 'not valid JSON'}`);
  }
  const plan = checkPlan(json, path);
  const parsed = parseDocument(plan.graph);
  if (!parsed.ok) throw new CliError(parsed.errors.map((e) => `${echoPath(path)}: graph: ${e.message}`).join('\n'));
  return { ...plan, graph: parsed.graph };
}

/** `mixgraph album render --plan plan.json --track N -o OUTDIR` (one track, in this process). */
export async function albumRenderCommand(flags: { plan?: string; track?: string; output?: string; json?: boolean }): Promise<number> {
  if (!flags.plan || flags.track === undefined || !flags.output) throw usageError('album render: needs --plan plan.json --track N -o OUTDIR');
  const plan = readPlan(flags.plan);
  const index = Number(flags.track);
  if (!Number.isInteger(index) || index < 0 || index >= plan.tracks.length) {
    throw usageError(`--track: ${flags.track} is not a track of ${flags.plan} (0…${plan.tracks.length - 1})`);
  }
  const track = plan.tracks[index];
  checkReadable([track.input]);
  prepareOutDir(flags.output, [track.output], plan.tracks.map((t) => t.input));
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await renderTrackFile(plan, index, flags.output, { signal: abort.signal });
    for (const w of result.rendered.warnings) process.stderr.write(`warning: ${w}\n`);
    const out = result.output;
    if (flags.json) process.stdout.write(`${JSON.stringify({ track: index, output: join(flags.output, track.output), integratedLufs: out.integratedLufs, truePeakDbtp: out.truePeakDbtp, gainDb: result.rendered.gainDb, passes: result.rendered.passes })}\n`);
    else process.stdout.write(`rendered track ${index} → ${join(flags.output, track.output)} (${out.integratedLufs?.toFixed(2) ?? '–'} LUFS, ${out.truePeakDbtp?.toFixed(2) ?? '–'} dBTP)\n`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** `mixgraph album report --plan plan.json -o OUTDIR`: measures the files and writes the reports. */
export async function albumReportCommand(flags: { plan?: string; output?: string; json?: boolean }): Promise<number> {
  if (!flags.plan || !flags.output) throw usageError('album report: needs --plan plan.json -o OUTDIR');
  const plan = readPlan(flags.plan);
  const files = plan.tracks.map((t) => join(flags.output!, t.output));
  checkReadable(files);
  const outputs: TrackAnalysis[] = [];
  for (const f of files) outputs.push(await analyzeOutputFile(f, plan.options.sampleRate));
  const report = reportFromOutputs(plan, outputs);
  writeReports(flags.output, report);
  return finish(report, [], flags.output, flags.json);
}

function asCliError(error: unknown): unknown {
  if (error instanceof AlbumError) return new CliError(error.message);
  return error;
}
