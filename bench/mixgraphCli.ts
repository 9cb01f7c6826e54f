/** The mixgraph CLI as the bench runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `mixgraph presets` once, untimed: bin/mixgraph.mjs rebuilds its bundle when any source is
 * newer, so no timed run pays for esbuild (and a current bundle is left alone).
 */
export function ensureCliBundle(root: string): void {
  const r = spawnSync(process.execPath, [join('bin', 'mixgraph.mjs'), 'presets'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not run the CLI: ${r.stderr.trim().split('\n').pop()}`);
}
