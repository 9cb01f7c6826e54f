/**
 * Paths echoed in messages (issue 10 item 9): control characters escaped and long paths cut in the
 * middle to 60 characters, keeping the file name — tried through the real command.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { echoPath, MAX_ECHOED_NAME } from '../../../src/cli/terminalText';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-echo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('echoed paths', () => {
  it('keeps short paths whole and cuts long ones in the middle, keeping the end', () => {
    expect(echoPath('mix.wav')).toBe('mix.wav');
    const long = `/${'deep/'.repeat(40)}song-03-master.json`;
    const shown = echoPath(long);
    expect(shown.length).toBe(MAX_ECHOED_NAME);
    expect(shown.startsWith('/deep/')).toBe(true);
    expect(shown.endsWith('/song-03-master.json')).toBe(true);
    expect(shown).toContain('…');
  });

  it('a broken graph under a long directory with an escape sequence in its name: one short, inert line per problem', () => {
    const nested = join(dir, `\u001b[2J${'x'.repeat(150)}`);
    mkdirSync(nested);
    const file = join(nested, 'bro\u001b]52;c;ken.json');
    writeFileSync(file, '{"format":"mixgraph",');
    const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'validate', file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('\u001b');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) {
      expect(line).toContain('…');
      expect(line).toContain('/bro\\x1b]52;c;ken.json');
      expect(line).not.toContain('x'.repeat(100));
    }
  });
});
