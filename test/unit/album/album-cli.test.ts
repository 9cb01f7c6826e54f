/**
 * `mixgraph album` end to end on four synthesized songs (−24 … −9 LUFS; one dark and one bright,
 * ±4 dB/decade): the real bin script spawned as a user would, the results checked with ffmpeg's
 * ebur128 (loudness, true peak) and numpy's FFT (1/3-octave tonal balance), never with our own
 * meter. Also: --jobs 1 and 4 and the split steps give the same bytes; bad input fails cleanly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegEbur128 } from '../../helpers/externalTools';
import { ALBUM_SONGS, writeAlbumSongs } from './songs';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-album-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let tracks: string[] = [];
beforeAll(() => {
  tracks = writeAlbumSongs(dir);
}, 60_000);

function mixgraph(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 1/3-octave band levels (100 Hz … 10 kHz) of each file, by numpy (test/helpers/thirdOctaveBands.py). */
function bandLevels(paths: string[]): number[][] {
  const r = spawnSync('python3', ['test/helpers/thirdOctaveBands.py', ...paths], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[][];
}
const withoutLevel = (bands: number[]) => {
  const mean = bands.reduce((s, v) => s + v, 0) / bands.length;
  return bands.map((v) => v - mean);
};
/** Tonal deviation as the issue defines it: RMS of the level-removed band differences, dB. */
function deviations(paths: string[]): number[] {
  const flat = bandLevels(paths).map(withoutLevel);
  const average = flat[0].map((_, b) => flat.reduce((s, t) => s + t[b], 0) / flat.length);
  return flat.map((t) => Math.sqrt(t.reduce((s, v, b) => s + (v - average[b]) ** 2, 0) / t.length));
}
const outputsOf = (out: string) => ALBUM_SONGS.map((s) => join(out, s.name));
const filesOf = (out: string) => readdirSync(out).sort();

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at\s|\.(ts|js|mjs):\d+:\d+/m);

describe('mixgraph album', () => {
  const trackOut = join(dir, 'track');

  it('track mode: every track within 0.5 LU of the target and under the ceiling (ffmpeg); matching leaves ≤ 1 dB RMS (numpy)', () => {
    const r = mixgraph('album', ...tracks, '-o', trackOut, '--jobs', '4', '--target', '-14', '--ceiling', '-1', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tracks.map((t: { output: string }) => t.output)).toEqual(ALBUM_SONGS.map((s) => s.name));
    for (const file of outputsOf(trackOut)) {
      const ff = ffmpegEbur128(file);
      expect(Math.abs(ff.integratedLufs - -14), file).toBeLessThanOrEqual(0.5);
      expect(ff.truePeakDbtp, file).toBeLessThanOrEqual(-1);
    }
    // Before: the dark and bright songs deviate by their tilt (4 dB/decade over 100 Hz–10 kHz
    // gives 4 · 0.608 ≈ 2.4 dB RMS); after matching at 100 % every track is within 1 dB.
    const before = deviations(tracks);
    expect(before[1]).toBeGreaterThan(1.8);
    expect(before[2]).toBeGreaterThan(1.8);
    for (const d of deviations(outputsOf(trackOut))) expect(d).toBeLessThanOrEqual(1);
    for (const name of ['album-report.json', 'album-report.csv', 'album-report.html']) expect(existsSync(join(trackOut, name))).toBe(true);
    const html = readFileSync(join(trackOut, 'album-report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
  }, 180_000);

  it('gives the same bytes with --jobs 1 as with --jobs 4', () => {
    const out = join(dir, 'jobs1');
    const r = mixgraph('album', ...tracks, '-o', out, '--jobs', '1', '--target', '-14', '--ceiling', '-1');
    expect(r.code).toBe(0);
    expect(filesOf(out)).toEqual(filesOf(trackOut));
    for (const f of filesOf(out)) expect(readFileSync(join(out, f)).equals(readFileSync(join(trackOut, f))), f).toBe(true);
  }, 180_000);

  it('split steps (analyze → render --track N → report) give the same files as the one command', () => {
    const out = join(dir, 'split');
    const plan = join(dir, 'plan.json');
    expect(mixgraph('album', 'analyze', ...tracks, '--out', plan, '--target', '-14', '--ceiling', '-1', '--jobs', '2').code).toBe(0);
    for (let i = 0; i < tracks.length; i++) {
      const r = mixgraph('album', 'render', '--plan', plan, '--track', String(i), '-o', out);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(mixgraph('album', 'report', '--plan', plan, '-o', out).code).toBe(0);
    expect(filesOf(out)).toEqual(filesOf(trackOut));
    for (const f of filesOf(out)) expect(readFileSync(join(out, f)).equals(readFileSync(join(trackOut, f))), f).toBe(true);
  }, 180_000);

  it('album mode keeps the loudness differences within 0.2 LU; matching at 50 % halves the tonal deviation', () => {
    const out = join(dir, 'album');
    const r = mixgraph('album', ...tracks, '-o', out, '--mode', 'album', '--target', '-16', '--amount', '50', '--json');
    expect(r.code).toBe(0);
    const input = tracks.map((t) => ffmpegEbur128(t).integratedLufs);
    const output = outputsOf(out).map((t) => ffmpegEbur128(t).integratedLufs);
    for (let i = 1; i < tracks.length; i++) {
      expect(Math.abs(output[i] - output[0] - (input[i] - input[0]))).toBeLessThanOrEqual(0.2);
    }
    const before = deviations(tracks);
    const after = deviations(outputsOf(out));
    for (const i of [1, 2]) {
      expect(after[i] / before[i]).toBeGreaterThan(0.35);
      expect(after[i] / before[i]).toBeLessThan(0.65);
    }
  }, 180_000);

  it('names a missing track and writes nothing at all', () => {
    const out = join(dir, 'missing');
    const r = mixgraph('album', tracks[0], join(dir, 'nope.wav'), '-o', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.wav: file not found');
    noStackTrace(r.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a graph without a file:track source, naming it', () => {
    const r = mixgraph('album', tracks[0], '-o', join(dir, 'nograph'), '--graph', 'demo-mix');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/preset demo-mix: no source node plays file:track/);
    noStackTrace(r.stderr);
  });

  it('gives two tracks with the same file name distinct outputs, and stops cleanly on Ctrl+C', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    copyFileSync(tracks[0], join(dir, 'a', 'song.wav'));
    copyFileSync(tracks[2], join(dir, 'b', 'song.wav'));
    const out = join(dir, 'dupes');
    const r = mixgraph('album', join(dir, 'a', 'song.wav'), join(dir, 'b', 'song.wav'), '-o', out, '--match', 'none', '--json');
    expect(r.code).toBe(0);
    expect(filesOf(out)).toEqual(['album-report.csv', 'album-report.html', 'album-report.json', 'song-2.wav', 'song.wav']);

    // Ctrl+C while working: exit 1, no temporary or partial file left in OUTDIR.
    const stopped = join(dir, 'stopped');
    const child = spawn(process.execPath, ['bin/mixgraph.mjs', 'album', ...tracks, '-o', stopped, '--jobs', '2']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once rendering has begun (OUTDIR is created after the analysis).
    for (let waited = 0; !existsSync(stopped) && child.exitCode === null && waited < 90_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    const code = await closed;
    expect(code).toBe(1);
    expect(stderr).toContain('cancelled');
    const left = existsSync(stopped) ? readdirSync(stopped) : [];
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Whatever was finished before Ctrl+C is a whole file (ffmpeg reads it to the end).
    for (const f of left.filter((f) => f.endsWith('.wav'))) expect(ffmpegEbur128(join(stopped, f)).integratedLufs).toBeGreaterThan(-30);
    expect(left).not.toContain('album-report.json');
  }, 180_000);
});
