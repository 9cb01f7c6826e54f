/**
 * The `mixgraph` command end to end: the real bin script spawned as a user would, its files read
 * back by sox and measured by ffmpeg.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegEbur128, soxInfo } from '../../helpers/externalTools';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mixgraph(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace would show "    at " frames or a file:line:column. */
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at\s|\.(ts|js|mjs):\d+:\d+/m);

describe('mixgraph CLI', () => {
  it('renders a preset to a WAV whose length and loudness check out with sox and ffmpeg', () => {
    const out = join(dir, 'mix.wav');
    const r = mixgraph('render', 'presets/demo-mix.json', '-o', out, '--seconds', '12', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const info = soxInfo(out);
    expect(info).toMatchObject({ sampleRate: 48000, channels: 2, samples: 12 * 48000, bits: 24 });
    const ff = ffmpegEbur128(out);
    // Our BS.1770 meter against ffmpeg's: 0.1 LU integrated, 0.2 dB true peak (issue 3).
    expect(Math.abs(report.integratedLufs - ff.integratedLufs)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(report.truePeakDbtp - ff.truePeakDbtp)).toBeLessThanOrEqual(0.2);
    expect(report.integratedLufs).toBeGreaterThan(-40);
    expect(report.realtimeFactor).toBeGreaterThan(0);
  });

  it('renders 30 s by default when every clip loops, in the requested format and rate', () => {
    const out = join(dir, 'eq.wav');
    const r = mixgraph('render', 'eq-teaching', '-o', out, '--bits', '16', '--rate', '44100');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/loudness/);
    expect(soxInfo(out)).toMatchObject({ sampleRate: 44100, samples: 30 * 44100, bits: 16 });
  });

  it('normalises to a loudness target, as measured by ffmpeg', () => {
    const out = join(dir, 'norm.wav');
    const r = mixgraph('render', 'demo-mix', '-o', out, '--seconds', '10', '--normalize', '-20', '--bits', '32f', '--json');
    expect(r.code).toBe(0);
    const ff = ffmpegEbur128(out);
    expect(Math.abs(ff.integratedLufs - -20)).toBeLessThanOrEqual(0.2);
  });

  it('masters mastering-chain to -14 LUFS with the true peak under -1 dBTP, per ffmpeg (issue 4)', () => {
    const out = join(dir, 'master.wav');
    const r = mixgraph('render', 'presets/mastering-chain.json', '-o', out, '--normalize', '-14', '--seconds', '20');
    expect(r.code).toBe(0);
    const ff = ffmpegEbur128(out);
    expect(Math.abs(ff.integratedLufs - -14)).toBeLessThanOrEqual(0.5);
    expect(ff.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('validate prints the processing order of a good graph', () => {
    const r = mixgraph('validate', 'presets/demo-mix.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ nodes, \d+ wires/);
    expect(r.stdout).toMatch(/order: .*→ master/);
  });

  it('validate on a broken file exits 1 naming the node, without a stack trace', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'mixgraph',
        version: 1,
        name: 'broken',
        nodes: [
          { id: 'eq-vox', type: 'eq', position: { x: 0, y: 0 }, params: { p1Gain: 40 } },
          { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
        ],
        edges: [],
      }),
    );
    const r = mixgraph('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/eq-vox/);
    expect(r.stderr).toMatch(/p1Gain/);
    noStackTrace(r.stderr);
  });

  it('reports JSON syntax errors with their place', () => {
    const bad = join(dir, 'syntax.json');
    writeFileSync(bad, '{ "format": "mixgraph",\n  "version": 1,,\n}');
    const r = mixgraph('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2, column 16/);
    noStackTrace(r.stderr);
  });

  it('refuses a render whose file clip is not bound, and writes nothing', () => {
    const graph = join(dir, 'needs-input.json');
    writeFileSync(
      graph,
      JSON.stringify({
        format: 'mixgraph',
        version: 1,
        name: 'needs input',
        nodes: [
          { id: 'vox', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:vocals' } },
          { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
        ],
        edges: [{ id: 'w', from: { node: 'vox', port: 'out' }, to: { node: 'master', port: 'in' } }],
      }),
    );
    const before = readdirSync(dir).length;
    const out = join(dir, 'never.wav');
    const r = mixgraph('render', graph, '-o', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"vox".*file:vocals.*--input vocals=FILE/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).length).toBe(before);
  });

  it('binds --input files (any rate, mono) and uses a non-looping clip length as the default', () => {
    const clip = join(dir, 'clip.wav');
    // 1.5 s mono 44.1 kHz 16-bit sine made by sox, to be resampled to 48 kHz and copied to both channels.
    const s = spawnSync('sox', ['-n', '-r', '44100', '-c', '1', '-b', '16', clip, 'synth', '1.5', 'sine', '440', 'vol', '0.5']);
    expect(s.status).toBe(0);
    const graph = join(dir, 'with-input.json');
    writeFileSync(
      graph,
      JSON.stringify({
        format: 'mixgraph',
        version: 1,
        name: 'with input',
        nodes: [
          { id: 'vox', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:vocals', loop: false } },
          { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
        ],
        edges: [{ id: 'w', from: { node: 'vox', port: 'out' }, to: { node: 'master', port: 'in' } }],
      }),
    );
    const out = join(dir, 'bound.wav');
    const r = mixgraph('render', graph, '-o', out, '--input', `vocals=${clip}`, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(soxInfo(out).samples).toBe(72000);
    // A 0.5-amplitude sine in both channels: BS.1770 puts a 440 Hz tone at about −3.7 − 0 + … so
    // compare with ffmpeg rather than a constant.
    expect(Math.abs(JSON.parse(r.stdout).integratedLufs - ffmpegEbur128(out).integratedLufs)).toBeLessThanOrEqual(0.1);
  });

  it('loudness --json prints the documented keys', () => {
    const out = join(dir, 'mix.wav');
    if (!existsSync(out)) mixgraph('render', 'demo-mix', '-o', out, '--seconds', '12');
    const r = mixgraph('loudness', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(
      ['integratedLufs', 'loudnessRangeLu', 'truePeakDbtp', 'samplePeakDbfs', 'maxMomentaryLufs', 'maxShortTermLufs'].sort(),
    );
  });

  it('loudness of a missing or broken file is one clear line', () => {
    const junk = join(dir, 'junk.wav');
    writeFileSync(junk, 'RIFF....WAVEjunk');
    for (const file of [join(dir, 'nope.wav'), junk]) {
      const r = mixgraph('loudness', file);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file.split('/').pop()!);
      noStackTrace(r.stderr);
    }
  });

  it('bad usage exits 2', () => {
    expect(mixgraph('render', 'demo-mix').code).toBe(2); // no -o
    expect(mixgraph('render', 'demo-mix', '-o', join(dir, 'x.wav'), '--bits', '12').code).toBe(2);
    expect(mixgraph('render', 'demo-mix', '-o', join(dir, 'x.wav'), '--rate', 'fast').code).toBe(2);
    expect(mixgraph('frobnicate').code).toBe(2);
    expect(existsSync(join(dir, 'x.wav'))).toBe(false);
  });

  it('lists the built-in presets with a description', () => {
    const r = mixgraph('presets');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^demo-mix\s+\S.+$/m);
    expect(r.stdout).toMatch(/^eq-teaching\s+\S.+$/m);
  });
});
