/**
 * Section `album` (issue 12's speed row): `mixgraph album` on 4 × 3-minute tracks with `--jobs`
 * = cores against `--jobs 1`, whole processes, paired runs; target ≤ 0.6 on 2 cores. Skipped
 * until the CLI has the `album` command. Memory: the peak RSS (GNU time) of the `--jobs` = cores
 * run against one on tracks four times as long (4 × 12 min): tracks are streamed, so it must be
 * flat in track length. The same for one FLAC and one MP3 track, 2 min against 20 min
 * (`albumCompressedRows.ts`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compressedMemoryRows } from './albumCompressedRows';
import { writePinkNoiseWav } from './inputs';
import { ensureCliBundle } from './mixgraphCli';
import type { BenchOptions } from './options';
import { median, spread } from './stats';
import type { Row, SectionResult } from './types';
import { findTools } from './tools';
import { docCommand, runTimed, type ProcessRun } from './wholeProcess';

const SECTION = 'album';
const TRACKS = 4;

/** Whether this build's CLI lists an `album` command in `mixgraph --help`. */
export function cliHasAlbum(root: string): boolean {
  const r = spawnSync(process.execPath, [join('bin', 'mixgraph.mjs'), '--help'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 && /^\s+album\b/m.test(r.stdout);
}

/** `mixgraph album TRACK… -o OUTDIR --jobs N`. */
export function albumArgv(tracks: readonly string[], outDir: string, jobs: number): string[] {
  return [process.execPath, join('bin', 'mixgraph.mjs'), 'album', ...tracks, '-o', outDir, '--jobs', `${jobs}`];
}

/** Runs the album section. */
export async function albumSection(root: string, options: BenchOptions): Promise<SectionResult> {
  const cores = cpus().length;
  const name = `album ${TRACKS} tracks: --jobs ${cores} / --jobs 1 wall time`;
  ensureCliBundle(root);
  if (!cliHasAlbum(root)) {
    return { rows: [{ section: SECTION, name, value: null, unit: 'ratio', target: { op: '<=', limit: 0.6 }, skipped: 'skipped: this build has no `mixgraph album`' }], commands: [] };
  }
  const seconds = options.quick ? 10 : 180;
  const runs = options.quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-album-'));
  try {
    // Songs that differ in level, so the album's loudness work is real.
    const tracks = Array.from({ length: TRACKS }, (_, i) => join(dir, `track${i + 1}.wav`));
    tracks.forEach((path, i) => writePinkNoiseWav(path, seconds, { seed: 100 + 2 * i, rmsDbfs: -24 + 4 * i }));
    const serial = albumArgv(tracks, join(dir, 'out1'), 1);
    const parallel = albumArgv(tracks, join(dir, `out${cores}`), cores);
    const tools = findTools();
    const timePath = tools.time.version ? tools.time.path : null;
    const serialTimes: number[] = [];
    const parallelRuns: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
      serialTimes.push(runTimed(serial, { cwd: root }).seconds);
      parallelRuns.push(runTimed(parallel, { cwd: root, timePath }));
    }
    const parallelTimes = parallelRuns.map((r) => r.seconds);
    const ratios = serialTimes.map((s, i) => parallelTimes[i] / s);
    const audio = TRACKS * seconds;
    const rows: Row[] = [
      { section: SECTION, name: `album ${TRACKS} × ${seconds} s, --jobs 1`, value: audio / median(serialTimes), unit: '×realtime', detail: `median ${median(serialTimes).toFixed(2)} s` },
      { section: SECTION, name: `album ${TRACKS} × ${seconds} s, --jobs ${cores}`, value: audio / median(parallelTimes), unit: '×realtime', detail: `median ${median(parallelTimes).toFixed(2)} s` },
      { section: SECTION, name, value: median(ratios), unit: 'ratio', target: { op: '<=', limit: 0.6 }, detail: runs > 1 ? `paired runs ${spread(ratios, 2)}` : '' },
    ];
    // Memory flat in track length: the same album with tracks four times as long, once.
    const longSeconds = 4 * seconds;
    const longTracks = Array.from({ length: TRACKS }, (_, i) => join(dir, `long${i + 1}.wav`));
    longTracks.forEach((path, i) => writePinkNoiseWav(path, longSeconds, { seed: 100 + 2 * i, rmsDbfs: -24 + 4 * i }));
    const long = albumArgv(longTracks, join(dir, 'outlong'), cores);
    const skipped = timePath ? undefined : `skipped: ${tools.time.name} not installed (${tools.time.path})`;
    const shortRss = timePath ? median(parallelRuns.map((r) => r.peakRssMiB ?? 0)) : null;
    const longRss = timePath ? runTimed(long, { cwd: root, timePath }).peakRssMiB : null;
    rows.push(
      { section: SECTION, name: `album peak RSS, ${TRACKS} × ${seconds} s, --jobs ${cores}`, value: shortRss, unit: 'MiB', skipped },
      { section: SECTION, name: `album peak RSS, ${TRACKS} × ${longSeconds} s, --jobs ${cores}`, value: longRss, unit: 'MiB', skipped },
      {
        section: SECTION,
        name: `album peak RSS ${longSeconds} s / ${seconds} s tracks (flat in length)`,
        value: shortRss && longRss ? longRss / shortRss : null,
        unit: 'ratio',
        target: { op: '<=', limit: 1.25 },
        skipped,
      },
    );
    const compressed = compressedMemoryRows(root, dir, options, tools);
    rows.push(...compressed.rows);
    const timeWrap = timePath ? `${timePath} -f %M ` : '';
    return {
      rows,
      commands: [
        { section: SECTION, label: 'album, one job', command: docCommand(serial, dir) },
        { section: SECTION, label: 'album, every core', command: timeWrap + docCommand(parallel, dir) },
        { section: SECTION, label: 'album, every core, 4× longer tracks', command: timeWrap + docCommand(long, dir) },
        ...compressed.commands,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
