/**
 * `mixgraph render` measures its closing loudness report in a worker thread (issue 9): the report
 * and the file must be exactly those of the meter run inline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-meter-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(thread: '0' | '1', out: string, ...extra: string[]) {
  return renderPreset('presets/mastering-chain.json', '2', thread, out, ...extra);
}

function renderPreset(preset: string, seconds: string, thread: '0' | '1', out: string, ...extra: string[]) {
  const r = spawnSync(
    process.execPath,
    ['bin/mixgraph.mjs', 'render', preset, '-o', out, '--seconds', seconds, '--json', ...extra],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, MIXGRAPH_METER_THREAD: thread } },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const { elapsedMs: _e, realtimeFactor: _r, output: _o, threads: _t, ...report } = JSON.parse(r.stdout) as Record<string, unknown>;
  return report;
}

describe('render: loudness report measured in a worker thread', () => {
  it('gives the same report and the same bytes as the meter in the rendering thread, past one ring of audio', () => {
    // 8 slots of 65536 frames ≈ 10.9 s at 48 kHz: 12 s reuses a slot.
    const inline = renderPreset('presets/eq-teaching.json', '12', '0', join(dir, 'inline.wav'));
    const threaded = renderPreset('presets/eq-teaching.json', '12', '1', join(dir, 'thread.wav'));
    expect(threaded).toEqual(inline);
    expect(threaded.integratedLufs).toEqual(expect.any(Number));
    expect(readFileSync(join(dir, 'thread.wav')).equals(readFileSync(join(dir, 'inline.wav')))).toBe(true);
  });

  it('also when normalising (two passes, two meters)', () => {
    const inline = render('0', join(dir, 'n-inline.wav'), '--normalize', '-20');
    const threaded = render('1', join(dir, 'n-thread.wav'), '--normalize', '-20');
    expect(threaded).toEqual(inline);
    expect(readFileSync(join(dir, 'n-thread.wav')).equals(readFileSync(join(dir, 'n-inline.wav')))).toBe(true);
  });
});

describe('a split render meters in a third thread only with a core for it', () => {
  it('follows MIXGRAPH_METER_THREAD, else the length and three cores', async () => {
    const { availableParallelism } = await import('node:os');
    const { meterThreadBesideSplit, MIN_THREAD_SECONDS, SPLIT_METER_THREAD_CORES } = await import('../../../src/cli/commands/renderMeterThread');
    const saved = process.env.MIXGRAPH_METER_THREAD;
    try {
      const long = MIN_THREAD_SECONDS * 48000;
      process.env.MIXGRAPH_METER_THREAD = '0';
      expect(meterThreadBesideSplit(48000, 10 * long)).toBe(false);
      process.env.MIXGRAPH_METER_THREAD = '1';
      expect(meterThreadBesideSplit(48000, 10)).toBe(true);
      delete process.env.MIXGRAPH_METER_THREAD;
      expect(SPLIT_METER_THREAD_CORES).toBe(3);
      expect(meterThreadBesideSplit(48000, long - 1)).toBe(false);
      expect(meterThreadBesideSplit(48000, long)).toBe(availableParallelism() >= 3);
    } finally {
      if (saved === undefined) delete process.env.MIXGRAPH_METER_THREAD;
      else process.env.MIXGRAPH_METER_THREAD = saved;
    }
  });
});
