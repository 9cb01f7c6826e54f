/**
 * bin/mixgraph.mjs starts a render's worker threads before it loads the CLI bundle, by role
 * (src/cli/commands/renderWorkerUrl.ts adopts them): its roles must be the ones the threads
 * serve, or every early thread would load for nothing and the render would start new ones.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METER_ROLE } from '../../../src/cli/commands/renderMeterThread';
import { RENDER_PART_ROLE } from '../../../src/cli/commands/renderSplitThread';

describe('early render threads', () => {
  it('bin/mixgraph.mjs starts them under the roles the split part and the meter serve', () => {
    const bin = readFileSync(resolve('bin/mixgraph.mjs'), 'utf8');
    const roles = /const EARLY_ROLES = \[([^\]]*)\]/.exec(bin)?.[1];
    expect(roles).toBeDefined();
    expect(roles!.split(',').map((r) => r.trim().replace(/^'|'$/g, ''))).toEqual([RENDER_PART_ROLE, METER_ROLE]);
  });

  it('a render too short to split, and a command that is not a render, run as before', () => {
    for (const args of [['render', 'demo-mix', '-o', '-', '--seconds', '0.2'], ['validate', 'presets/demo-mix.json']]) {
      const r = spawnSync(process.execPath, [resolve('bin/mixgraph.mjs'), ...args], { encoding: 'buffer', timeout: 60_000 });
      expect(r.status, r.stderr.toString()).toBe(0);
    }
  });
});
