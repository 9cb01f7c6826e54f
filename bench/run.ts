/**
 * `npm run bench [-- --quick] [-- --only SECTION[,SECTION]] [-- --docs]`: speed and memory of
 * Mixgraph against sox, ffmpeg and Chromium in one run, printed as a table and written to
 * docs/benchmarks.md. Sections: chain (chainRows.ts), demo (demoRows.ts), album (albumRows.ts),
 * scaling (scalingRows.ts), kernels (kernelRows.ts), inproc (inprocRows.ts), profile (profile.ts). Exit code 1 when a row misses its target, 2 for a bad option.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { albumSection } from './albumRows';
import { withAutotuneRows } from './autotuneRows';
import { chainSection } from './chainRows';
import { demoSection } from './demoRows';
import { inprocSection } from './inprocRows';
import { kernelSection } from './kernelRows';
import { machineInfo } from './machine';
import { parseBenchOptions, type BenchOptions, type Section } from './options';
import { profileSection } from './profile';
import { scalingSection } from './scalingRows';
import { printRows, writeBenchmarksDoc } from './report';
import { findTools, type Toolset } from './tools';
import { meetsTarget, type CommandNote, type Row, type SectionResult } from './types';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

async function runSection(section: Section, tools: Toolset, options: BenchOptions): Promise<SectionResult> {
  switch (section) {
    case 'chain':
      return chainSection(root, tools, options);
    case 'demo':
      return demoSection(root, tools, options);
    case 'album':
      return albumSection(root, options);
    case 'scaling':
      return scalingSection(options);
    case 'kernels':
      return withAutotuneRows(kernelSection(options), options);
    case 'inproc':
      return inprocSection(options);
    case 'profile':
      return profileSection(root, options);
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 2;
  }
  const tools = findTools();
  for (const tool of [tools.sox, tools.ffmpeg, tools.chromium, tools.time]) {
    console.log(`${tool.name.padEnd(9)} ${tool.version ?? `not installed (${tool.path}): its rows are skipped`}`);
  }
  const rows: Row[] = [];
  const commands: CommandNote[] = [];
  for (const section of options.sections) {
    const t0 = performance.now();
    console.log(`\n— ${section}${options.quick ? ' (quick)' : ''}`);
    let result: SectionResult;
    try {
      result = await runSection(section, tools, options);
    } catch (error) {
      // A section that cannot run (a command failed, an input could not be written) is one row
      // saying why; the other sections still run.
      const reason = `failed: ${(error as Error).message.split('\n')[0]}`;
      result = { rows: [{ section, name: `${section} section`, value: null, unit: '', skipped: reason }], commands: [] };
    }
    printRows(result.rows);
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    rows.push(...result.rows);
    commands.push(...result.commands);
  }
  if (options.writeDocs) {
    const path = join(root, 'docs', 'benchmarks.md');
    writeBenchmarksDoc(path, { date: new Date(), machine: machineInfo(tools), quick: options.quick, runs: options.runs, rows, commands });
    console.log(`\nwrote ${path}`);
  }
  const missed = rows.filter((r) => !meetsTarget(r));
  if (missed.length > 0) console.log(`\n${missed.length} row(s) missed their target: ${missed.map((r) => r.name).join('; ')}`);
  return missed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
