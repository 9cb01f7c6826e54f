/**
 * `mixgraph diff A B [--json]`: what changed between two graphs (files or built-in presets), in
 * words, one line per change — the same list the editor shows for two snapshots. Exit code 0
 * whether or not they differ (1 stays "something failed", as in every other command); scripts
 * read `same` from `--json`.
 */
import { diffGraphs } from '../../graph/diff';
import { catalog } from '../../nodes/registry';
import { loadGraph } from '../loadGraph';
import { terminalSafe } from '../terminalText';

/** Labels come from untrusted files: control characters are made visible, never sent raw. */
function say(line: string): void {
  process.stdout.write(`${terminalSafe(line)}\n`);
}

export function diffCommand(aArg: string, bArg: string, options: { json?: boolean }): number {
  const a = loadGraph(aArg);
  const b = loadGraph(bArg);
  const changes = diffGraphs(a.graph, b.graph, catalog);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ a: a.source, b: b.source, same: changes.length === 0, changes })}\n`);
    return 0;
  }
  if (changes.length === 0) {
    say(`${a.source} and ${b.source} sound and patch the same (layout, notes and groups are not compared)`);
    return 0;
  }
  say(`${changes.length} change${changes.length === 1 ? '' : 's'} from ${a.source} to ${b.source}:`);
  for (const change of changes) say(`  ${change.text}`);
  return 0;
}
