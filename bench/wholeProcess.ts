/**
 * Runs one command as a whole process and measures it: wall time from spawn to exit, and the
 * child's peak resident set size through GNU time (`-f %M`, KiB) when it is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One timed run. */
export interface ProcessRun {
  /** Wall-clock seconds, spawn to exit. */
  seconds: number;
  /** Peak RSS of the child in MiB, or null without GNU time. */
  peakRssMiB: number | null;
}

/** A failed command: the message names it and ends with the last line it printed. */
export class CommandFailedError extends Error {}

/** Shell-quoted form of a command for the docs (only what needs quoting is quoted). */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./$-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs `argv` (in `cwd`, with `env` added to this process's environment), wrapped in GNU time
 * when `timePath` is given.
 * @throws CommandFailedError when it cannot start or exits non-zero.
 */
export function runTimed(
  argv: readonly string[],
  options: { cwd?: string; timePath?: string | null; env?: Readonly<Record<string, string>> } = {},
): ProcessRun {
  const scratch = options.timePath ? mkdtempSync(join(tmpdir(), 'mixgraph-bench-time-')) : null;
  const rssFile = scratch ? join(scratch, 'rss') : '';
  const full = scratch ? [options.timePath!, '-f', '%M', '-o', rssFile, ...argv] : [...argv];
  try {
    const t0 = process.hrtime.bigint();
    const env = options.env ? { ...process.env, ...options.env } : undefined;
    const r = spawnSync(full[0], full.slice(1), { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.error || r.status !== 0) {
      const said = `${r.stderr ?? ''}`.trim().split('\n').pop() ?? '';
      throw new CommandFailedError(`${argv[0]} failed (${r.error?.message ?? `exit ${r.status}`}): ${said}`);
    }
    let peakRssMiB: number | null = null;
    if (scratch) {
      const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
    }
    return { seconds, peakRssMiB };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** `argv` as it goes into docs/benchmarks.md: `node` for this Node, `$TMP` for the scratch dir. */
export function docCommand(argv: readonly string[], scratchDir: string): string {
  return shellLine(argv.map((a) => (a === process.execPath ? 'node' : a.split(scratchDir).join('$TMP'))));
}
