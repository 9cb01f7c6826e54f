/**
 * Section `demo`: `mixgraph render demo-mix --seconds 180 -o x.wav` as a whole process (median of
 * N), and its peak RSS at 30 s against 180 s: memory must be flat in render length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBundle } from './mixgraphCli';
import type { BenchOptions } from './options';
import { median, spread } from './stats';
import type { Toolset } from './tools';
import type { Row, SectionResult } from './types';
import { docCommand, runTimed, type ProcessRun } from './wholeProcess';

const SECTION = 'demo';

/** The demo-mix command for `seconds` of audio into `output` (run in the repository). */
export function demoArgv(seconds: number, output: string): string[] {
  return [process.execPath, join('bin', 'mixgraph.mjs'), 'render', 'demo-mix', '--seconds', `${seconds}`, '-o', output];
}

/** Runs the demo section. */
export async function demoSection(root: string, tools: Toolset, options: BenchOptions): Promise<SectionResult> {
  const long = options.quick ? 20 : 180;
  const short = options.quick ? 5 : 30;
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-demo-'));
  const timePath = tools.time.version ? tools.time.path : null;
  try {
    ensureCliBundle(root);
    const longArgv = demoArgv(long, join(dir, 'x.wav'));
    const shortArgv = demoArgv(short, join(dir, 'y.wav'));
    if (!options.quick) runTimed(shortArgv, { cwd: root, timePath }); // warm-up (page cache, stem cache if any)
    const longRuns: ProcessRun[] = [];
    const shortRuns: ProcessRun[] = [];
    // The long render forced onto one thread, paired with each long run (docs/performance.md).
    const oneThreadRuns: ProcessRun[] = [];
    const oneThread = { MIXGRAPH_RENDER_THREADS: '1' };
    for (let i = 0; i < options.runs; i++) {
      longRuns.push(runTimed(longArgv, { cwd: root, timePath }));
      oneThreadRuns.push(runTimed(longArgv, { cwd: root, timePath, env: oneThread }));
      shortRuns.push(runTimed(shortArgv, { cwd: root, timePath }));
    }
    const oneThreadSeconds = oneThreadRuns.map((r) => r.seconds);
    const longSeconds = longRuns.map((r) => r.seconds);
    const m = median(longSeconds);
    const rows: Row[] = [
      {
        section: SECTION,
        name: `demo-mix ${long} s (whole process)`,
        value: long / m,
        unit: '×realtime',
        target: { op: '>=', limit: 50, aim: 100 },
        detail: `median ${m.toFixed(2)} s${longRuns.length > 1 ? `, runs ${spread(longSeconds, 2)} s` : ''}`,
      },
      {
        section: SECTION,
        name: `demo-mix ${long} s, one thread (whole process)`,
        value: long / median(oneThreadSeconds),
        unit: '×realtime',
        detail: `median ${median(oneThreadSeconds).toFixed(2)} s, MIXGRAPH_RENDER_THREADS=1`,
      },
      {
        section: SECTION,
        name: `demo-mix ${long} s: split / one thread`,
        value: median(oneThreadSeconds.map((s, i) => s / longSeconds[i])),
        unit: 'ratio',
        detail: `paired runs ${spread(
          oneThreadSeconds.map((s, i) => s / longSeconds[i]),
          2,
        )}`,
      },
      {
        section: SECTION,
        name: `demo-mix ${short} s (whole process)`,
        value: short / median(shortRuns.map((r) => r.seconds)),
        unit: '×realtime',
        detail: `median ${median(shortRuns.map((r) => r.seconds)).toFixed(2)} s: startup weighs more`,
      },
    ];
    const rss = (runs: ProcessRun[]) => (runs[0].peakRssMiB === null ? null : median(runs.map((r) => r.peakRssMiB!)));
    const rssLong = rss(longRuns);
    const rssShort = rss(shortRuns);
    const skipped = timePath ? undefined : `skipped: ${tools.time.name} not installed (${tools.time.path})`;
    rows.push(
      { section: SECTION, name: `peak RSS, ${short} s render`, value: rssShort, unit: 'MiB', skipped },
      { section: SECTION, name: `peak RSS, ${long} s render`, value: rssLong, unit: 'MiB', skipped },
      {
        section: SECTION,
        name: `peak RSS ${long} s − ${short} s (flat in length)`,
        value: rssLong === null || rssShort === null ? null : rssLong - rssShort,
        unit: 'MiB',
        target: { op: '<=', limit: 16 },
        skipped,
      },
    );
    const timeWrap = timePath ? `${timePath} -f %M ` : '';
    return {
      rows,
      commands: [
        { section: SECTION, label: `demo-mix ${long} s`, command: timeWrap + docCommand(longArgv, dir) },
        { section: SECTION, label: `demo-mix ${long} s, one thread`, command: `MIXGRAPH_RENDER_THREADS=1 ${timeWrap}${docCommand(longArgv, dir)}` },
        { section: SECTION, label: `demo-mix ${short} s`, command: timeWrap + docCommand(shortArgv, dir) },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
