/**
 * Shows the results: a table on stdout, and docs/benchmarks.md (machine, commands, results, the
 * choices behind the rows, and a history section kept across runs for before/after numbers).
 */
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine';
import { meetsTarget, type CommandNote, type Row, type Target } from './types';

/** Heading of the section of docs/benchmarks.md that a rewrite keeps as it is. */
export const HISTORY_HEADING = '## History';

/** The value as shown: ratios and seconds to 2 decimals, everything else to 1. */
export function formatValue(row: Row): string {
  if (row.value === null) return '–';
  return row.value.toFixed(row.unit === 'ratio' || row.unit === 's' ? 2 : 1);
}

function formatTarget(target: Target | undefined): string {
  if (!target) return '';
  return `${target.op} ${target.limit}${target.aim !== undefined ? ` (aim ${target.aim})` : ''}`;
}

function status(row: Row): string {
  if (row.value === null) return row.skipped ?? 'skipped';
  if (!row.target) return '';
  return meetsTarget(row) ? 'ok' : 'MISSED';
}

/** Prints the rows as a plain table. */
export function printRows(rows: readonly Row[]): void {
  const lines = rows.map((r) => [r.section, r.name, formatValue(r), r.unit, formatTarget(r.target), status(r), r.detail ?? '']);
  const widths = [0, 1, 2, 3, 4, 5].map((c) => Math.max(...lines.map((l) => l[c].length)));
  for (const l of lines) {
    const right = (c: number) => l[c].padStart(widths[c]);
    const left = (c: number) => l[c].padEnd(widths[c]);
    console.log(`${left(0)}  ${left(1)}  ${right(2)} ${left(3)}  ${left(4)}  ${left(5)}  ${l[6]}`.trimEnd());
  }
}

const SECTION_TITLES: Record<string, string> = {
  chain: 'The chain: 3 peaking EQs → compressor → reverb → limiter, stereo 48 kHz pink noise',
  demo: 'demo-mix through the CLI',
  album: 'Album mastering (issue 12): every core against one',
  profile: 'Where `mixgraph render demo-mix` spends its time (node --cpu-prof)',
  scaling: 'Scaling: synthetic mixes of 10, 50 and 200 nodes',
  kernels: 'Each kernel alone (in process)',
  inproc: 'Engine, in process',
};

function resultsTable(rows: readonly Row[]): string {
  const out = ['| row | value | unit | target | status | detail |', '| --- | ---: | --- | --- | --- | --- |'];
  for (const r of rows) out.push(`| ${r.name} | ${formatValue(r)} | ${r.unit} | ${formatTarget(r.target)} | ${status(r)} | ${r.detail ?? ''} |`);
  return out.join('\n');
}

/** Everything docs/benchmarks.md needs from one run. */
export interface DocInput {
  date: Date;
  machine: MachineInfo;
  quick: boolean;
  runs: number;
  rows: readonly Row[];
  commands: readonly CommandNote[];
}

const DEFAULT_HISTORY = `${HISTORY_HEADING}

Before/after numbers of changes that moved a row, newest first: date, commit, the rows, the
machine if it differs from the one above. (\`npm run bench\` keeps this section as it is.)

| date | commit | change | rows (before → after) |
| --- | --- | --- | --- |
`;

/** What a partial run (`--only`) keeps of the previous file: the sections it did not measure. */
export interface KeptSections {
  /** When the previous file was written ("2026-12-03 13:38"). */
  written: string;
  /** Results table (markdown) by section key. */
  tables: ReadonlyMap<string, string>;
  /** Command lines (markdown list items) by section key. */
  commands: ReadonlyMap<string, string[]>;
}

/**
 * Reads the previous docs/benchmarks.md's results tables and command lines by section, so a
 * partial run rewrites only what it measured (a `--only chain,demo --docs` run once dropped every
 * other table).
 */
export function readKeptSections(path: string): KeptSections | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const written = /Written by .*? on (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(text)?.[1] ?? 'an earlier run';
  const tables = new Map<string, string>();
  for (const [section, title] of Object.entries(SECTION_TITLES)) {
    const at = text.indexOf(`\n### ${title}\n`);
    if (at < 0) continue;
    const body = text.slice(at + title.length + 6);
    const end = body.search(/\n(## |### )/);
    tables.set(section, (end < 0 ? body : body.slice(0, end)).trim());
  }
  const commands = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^- \*\*.+?\*\* \((\w+)\): `/.exec(line);
    if (match !== null) commands.set(match[1], [...(commands.get(match[1]) ?? []), line]);
  }
  return { written, tables, commands };
}

/**
 * The markdown of docs/benchmarks.md; `history` is the kept section (or the empty template), and
 * `kept` the previous file's sections this run did not measure (listed after, marked as kept).
 */
export function benchmarksMarkdown(input: DocInput, history: string | null, kept: KeptSections | null = null): string {
  const m = input.machine;
  const sections = [...new Set(input.rows.map((r) => r.section))];
  const parts: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC` +
      `${input.quick ? ' with --quick (one run each, 20 s of audio: a smoke test, not a measurement)' : ''}.` +
      ' Re-run it to refresh the tables; the History section at the end is kept.',
    '',
    'Whole-process rows are medians of ' +
      `${input.runs} run${input.runs === 1 ? '' : 's'}; the tools take turns within each run (paired runs), and each ratio is the median of the per-run ratios, ` +
      'so load from other work shifts both sides of a ratio alike. No row is a timed test: targets are checked here, never in `npm test`.',
    '',
    `Load average when the run began: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores. Other work on the machine makes absolute speeds noisy; ratios of paired runs less so.`,
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${m.cpu} |`,
    `| cores | ${m.cores} |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| Node.js | ${m.node} |`,
    `| sox | ${m.sox} |`,
    `| ffmpeg | ${m.ffmpeg} |`,
    `| Chromium | ${m.chromium} |`,
    '',
    '## Results',
    '',
  ];
  for (const section of sections) {
    parts.push(`### ${SECTION_TITLES[section] ?? section}`, '', resultsTable(input.rows.filter((r) => r.section === section)), '');
  }
  const keptSections = Object.keys(SECTION_TITLES).filter((section) => !sections.includes(section) && kept?.tables.has(section) === true);
  for (const section of keptSections) {
    const table = kept!.tables.get(section)!;
    const note = table.startsWith('_Kept from') ? '' : `_Kept from the run of ${kept!.written} UTC: not measured by this run (\`--only\`)._\n\n`;
    parts.push(`### ${SECTION_TITLES[section]}`, '', note + table, '');
  }
  parts.push('## Commands', '', '`$TMP` is the run\'s scratch directory; commands run in the repository root.', '');
  for (const c of input.commands) parts.push(`- **${c.label}** (${c.section}): \`${c.command}\``);
  for (const section of keptSections) parts.push(...(kept!.commands.get(section) ?? []));
  parts.push('', CHOICES, '', (history ?? DEFAULT_HISTORY).trimEnd(), '');
  return parts.join('\n');
}

const CHOICES = `## How the rows are made, and why

- **Inputs** are made by the bench itself in a temporary directory with Mixgraph's own seeded
  noise (\`bench/inputs.ts\`): 120 s of stereo 48 kHz pink noise (independent channels, −18 dBFS
  RMS) as 24-bit PCM, and a 2 s stereo impulse response (white noise under an exponential decay
  reaching −60 dB at 2 s, unit energy) as 32-bit float. Every tool reads the same WAV and (except
  Chromium) writes a 24-bit WAV.
- **The chain** is one set of settings (\`bench/chainSettings.ts\`) written out for each tool:
  EQ 100 Hz +3 dB Q 1, 1 kHz −2 dB Q 1.4, 8 kHz +2 dB Q 0.8 (RBJ peaking everywhere); compressor
  −24 dB, 4:1, 6 dB knee, 10/150 ms; reverb 2 s, 20 ms predelay, 25 % wet; limiter +12 dB drive
  into −1 dB, 60 ms release, 5 ms lookahead. Mixgraph's graph is \`bench/fixtures/chain.json\`.
- **sox**: \`equalizer\` ×3, \`compand\` (the compressor), \`reverb\` (sox's Freeverb, wet gain
  −9.5 dB = 25 % wet), \`gain 12\` and a second \`compand\` with instant attack and a 5 ms delay as
  the limiter (sox has no lookahead limiter; with a 1 ms attack it let peaks reach 0 dBFS).
- **ffmpeg, reverb**: the main ffmpeg row uses \`afir\` with the generated 2 s IR — a real reverb
  tail of the same length as Mixgraph's and the very IR Chromium's ConvolverNode uses, so the two
  convolution rows do the same work — mixed 75/25 with \`asplit\`/\`amix\`. A second row uses
  \`aecho\` with four taps, which is far less work than any reverb and shows ffmpeg's floor for the
  rest of the chain. \`alimiter\` runs with \`level=0\` (no auto-level).
- **Chromium**: Playwright (\`playwright-core\`) launches \`/usr/bin/chromium\` with the flags
  listed above; the page fetches the WAV from a local HTTP server, decodes it with
  \`decodeAudioData\` and renders with \`OfflineAudioContext.startRendering()\`. "render only" is
  \`startRendering()\` timed inside the page; "whole process" is launch to result (browser closed),
  including the fetch and decode but not writing a file (Chromium has no WAV encoder; moving 46 MB
  of samples back through Playwright would time Playwright, not Chromium). The limiter is a
  second DynamicsCompressorNode (ratio 20, hard knee), the closest Web Audio has. The
  mixgraph/Chromium target is checked against "render only", the stricter of the two.
- **mixgraph** rows run \`bin/mixgraph.mjs\` after the bench has built the CLI bundle, so no timed
  run pays for esbuild. Peak RSS comes from GNU time (\`-f %M\`).
- **demo-mix** includes synthesising the demo stems, the render, the loudness report and writing
  the WAV — what a user waits for.
- **Scaling** graphs (\`bench/scalingGraph.ts\`): tracks of source → EQ (high-pass + 3 bands) →
  compressor → pan into group buses (one per 4 tracks), a send from each track to a reverb bus,
  master bus, limiter, output; gain stages fill up to the exact node count. Sources play pink-noise
  clips in memory. "time per node" is wall µs per node per second of audio.
- **Kernels** (\`bench/kernels.ts\`, \`benchKernels\`): each registered kernel alone on pink noise
  in 1024-frame blocks, after one warm-up pass; params are the chain's where the type is in it.
- **Album** (issue 12): 4 × 3-minute pink-noise tracks at −24, −20, −16 and −12 dBFS RMS through
  \`mixgraph album\` with \`--jobs 1\` and \`--jobs\` = cores, median of 3 paired runs; skipped
  while the CLI has no \`album\` command.
- **Profile**: one \`mixgraph render demo-mix --seconds 180\` under \`node --cpu-prof\`. Each sample
  is charged to the nearest frame on its stack whose source file (found from esbuild's \`// src/…\`
  module markers in the bundle) belongs to a part: the demo stems, a node's kernel, the loudness
  meter, WAV I/O, the engine, the CLI. Shared DSP code (true peak, biquads) thus counts for the
  part that called it. The profiler slows the run down; read the shares, not the seconds.
  The shares are the main thread's; when the closing loudness meter runs in its own thread (a
  core free), that thread's busy time is one row of its own, outside the shares.
- Options: \`npm run bench -- --quick\` (or \`npm run bench:quick\`: one run each, 20 s of audio;
  does not rewrite this file unless \`--docs\` is given), \`--only
  chain|demo|album|scaling|kernels|inproc|profile\` (comma-separated; a partial run does not
  rewrite this file either unless \`--docs\` is given, and then keeps the tables of the sections
  it did not run, marked with the date they were measured).`;

/** Reads the kept History section of `path` (null when the file or the section is missing). */
export function readHistory(path: string): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(`\n${HISTORY_HEADING}\n`);
  return at < 0 ? null : text.slice(at + 1);
}

/** Rewrites docs/benchmarks.md at `path`, keeping its History section. */
export function writeBenchmarksDoc(path: string, input: DocInput): void {
  writeFileSync(path, benchmarksMarkdown(input, readHistory(path), readKeptSections(path)));
}
