/**
 * The outside programs the bench compares against, found once per run. A missing program turns
 * its rows into "skipped: X not installed", never a crash. `MIXGRAPH_BENCH_SOX`,
 * `MIXGRAPH_BENCH_FFMPEG`, `MIXGRAPH_BENCH_CHROMIUM` and `MIXGRAPH_BENCH_TIME` override the paths
 * (the tests use them to check the skipped rows).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A program: its path, or null with the reason it cannot be used. */
export interface Tool {
  name: string;
  path: string;
  /** First line of its version output, or null when it is not installed. */
  version: string | null;
}

function probe(name: string, path: string, args: string[], pick: (out: string) => string): Tool {
  const r = spawnSync(path, args, { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) return { name, path, version: null };
  return { name, path, version: pick(`${r.stdout}\n${r.stderr}`).trim() };
}

const firstLine = (out: string): string => out.trim().split('\n')[0];

/** sox, ffmpeg, Chromium and GNU time as installed on this machine. */
export interface Toolset {
  sox: Tool;
  ffmpeg: Tool;
  chromium: Tool;
  /** GNU time, for a child's peak RSS (`-f %M`). */
  time: Tool;
}

/** Finds the tools (each probe runs its `--version`). */
export function findTools(env: NodeJS.ProcessEnv = process.env): Toolset {
  const chromiumPath = env.MIXGRAPH_BENCH_CHROMIUM ?? '/usr/bin/chromium';
  const timePath = env.MIXGRAPH_BENCH_TIME ?? '/usr/bin/time';
  return {
    sox: probe('sox', env.MIXGRAPH_BENCH_SOX ?? 'sox', ['--version'], (o) => firstLine(o).replace(/^.*?(SoX)/, '$1')),
    ffmpeg: probe('ffmpeg', env.MIXGRAPH_BENCH_FFMPEG ?? 'ffmpeg', ['-version'], (o) => firstLine(o).replace(/ Copyright.*$/, '')),
    // Debian's /usr/bin/chromium wrapper prints a shell warning on stderr; the version is on stdout.
    chromium: existsSync(chromiumPath)
      ? probe('chromium', chromiumPath, ['--version'], (o) => o.split('\n').find((l) => /Chromium/.test(l)) ?? firstLine(o))
      : { name: 'chromium', path: chromiumPath, version: null },
    time: probe('GNU time', timePath, ['--version'], firstLine),
  };
}

/** The reason used in a skipped row. */
export function notInstalled(tool: Tool): string {
  return `skipped: ${tool.name} not installed (${tool.path})`;
}
