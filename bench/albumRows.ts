/**
 * Section `album` (issue 12's speed row): `mixgraph album` on 4 × 3-minute tracks with `--jobs`
 * = cores against `--jobs 1`, whole processes, paired runs; target ≤ 0.6 on 2 cores. Skipped
 * until the CLI has the `album` command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePinkNoiseWav } from './inputs';
import { ensureCliBundle } from './mixgraphCli';
import type { BenchOptions } from './options';
import { median, spread } from './stats';
import type { Row, SectionResult } from './types';
import { docCommand, runTimed } from './wholeProcess';

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
    const serialTimes: number[] = [];
    const parallelTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      serialTimes.push(runTimed(serial, { cwd: root }).seconds);
      parallelTimes.push(runTimed(parallel, { cwd: root }).seconds);
    }
    const ratios = serialTimes.map((s, i) => parallelTimes[i] / s);
    const audio = TRACKS * seconds;
    const rows: Row[] = [
      { section: SECTION, name: `album ${TRACKS} × ${seconds} s, --jobs 1`, value: audio / median(serialTimes), unit: '×realtime', detail: `median ${median(serialTimes).toFixed(2)} s` },
      { section: SECTION, name: `album ${TRACKS} × ${seconds} s, --jobs ${cores}`, value: audio / median(parallelTimes), unit: '×realtime', detail: `median ${median(parallelTimes).toFixed(2)} s` },
      { section: SECTION, name, value: median(ratios), unit: 'ratio', target: { op: '<=', limit: 0.6 }, detail: runs > 1 ? `paired runs ${spread(ratios, 2)}` : '' },
    ];
    return {
      rows,
      commands: [
        { section: SECTION, label: 'album, one job', command: docCommand(serial, dir) },
        { section: SECTION, label: 'album, every core', command: docCommand(parallel, dir) },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
