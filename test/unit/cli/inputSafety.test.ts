/**
 * Issue 10, items 6, 8 and 10 against the real CLI process: temporary files on signals and after
 * crashes, bounded reads of hostile inputs, low-rate files in `loudness`, empty data chunks.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegEbur128 } from '../../helpers/externalTools';
import { pcm16le, wavBytes } from '../../helpers/wavBytes';

const bin = resolve('bin/mixgraph.mjs');
const dir = fs.mkdtempSync(join(tmpdir(), 'mixgraph-in-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function mixgraph(args: string[], timeout = 30_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started, signal: r.signal };
}

function scratch(name: string): string {
  const d = join(dir, name);
  fs.mkdirSync(d);
  return d;
}

/** A graph playing `file:a` once into the master. */
function fileGraph(d: string): string {
  const graph = join(d, 'g.json');
  fs.writeFileSync(
    graph,
    JSON.stringify({
      format: 'mixgraph',
      version: 1,
      name: 'in',
      nodes: [
        { id: 'src', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:a', loop: false } },
        { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [{ id: 'w', from: { node: 'src', port: 'out' }, to: { node: 'master', port: 'in' } }],
    }),
  );
  return graph;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at\s|\.(ts|js|mjs):\d+:\d+/m);

describe('temporary files (issue 10, item 6)', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} during a render leaves neither the output nor its temporary file`, async () => {
      const d = scratch(`sig-${signal}`);
      const child = spawn(process.execPath, [bin, 'render', 'eq-teaching', '-o', 'long.wav', '--seconds', '3000'], { cwd: d });
      let stderr = '';
      child.stderr.on('data', (b) => (stderr += b));
      const exited = new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
      // Wait until the temporary file exists and has grown: the render is under way.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const temp = fs.readdirSync(d).find((n) => n.endsWith('.tmp'));
        if (temp && fs.statSync(join(d, temp)).size > 1_000_000) break;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      expect(fs.readdirSync(d).some((n) => n.endsWith('.tmp'))).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(fs.readdirSync(d)).toEqual([]);
      expect(stderr).toMatch(new RegExp(`cancelled by ${signal}; nothing was written`));
    }, 60_000);
  }

  it('a later render removes temporary files of dead processes, never a live one', () => {
    const d = scratch('stale');
    let dead = 4_000_000; // above the default pid_max of 4 194 304 only on tuned systems; check it is free
    while (fs.existsSync(`/proc/${dead}`)) dead++;
    const stale = join(d, `.out.wav.${dead}.tmp`);
    const live = join(d, `.out.wav.${process.pid}.tmp`);
    const other = join(d, `.other.wav.${dead}.tmp`);
    for (const f of [stale, live, other]) fs.writeFileSync(f, 'x');
    const r = mixgraph(['render', 'eq-teaching', '-o', join(d, 'out.wav'), '--seconds', '0.1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/removed .*\.out\.wav\.\d+\.tmp, left behind by an earlier render/);
    expect(fs.readdirSync(d).sort()).toEqual([`.other.wav.${dead}.tmp`, `.out.wav.${process.pid}.tmp`, 'out.wav'].sort());
  });
});

describe('bounded reads (issue 10, item 8)', () => {
  it('refuses devices and FIFOs by type, before opening them (no hang, no unbounded read)', () => {
    const d = scratch('devices');
    const fifo = join(d, 'fifo.wav');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const graph = fileGraph(d);
    for (const input of ['/dev/zero', '/dev/urandom', fifo]) {
      for (const args of [
        ['loudness', input],
        ['render', graph, '-o', join(d, 'out.wav'), '--input', `a=${input}`],
      ]) {
        const r = mixgraph(args, 10_000);
        expect(r.signal, `${args.join(' ')} hung`).toBeNull();
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/not a regular file; audio is read from files only/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.ms).toBeLessThan(5000);
      }
    }
    expect(fs.readdirSync(d).sort()).toEqual(['fifo.wav', 'g.json']);
    // A FIFO as the graph is refused the same way.
    const r = mixgraph(['validate', fifo], 10_000);
    expect(r.signal).toBeNull();
    expect(r.stderr).toMatch(/FIFO.*not a graph file/);
  });

  it('rejects a 2 GB file of zeros after its first bytes', () => {
    const d = scratch('zeros');
    const zeros = join(d, 'zeros.wav');
    expect(spawnSync('truncate', ['-s', '2G', zeros]).status).toBe(0);
    const graph = fileGraph(d);
    for (const args of [
      ['loudness', zeros],
      ['render', graph, '-o', join(d, 'out.wav'), '--input', `a=${zeros}`],
    ]) {
      const r = mixgraph(args, 10_000);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/zeros\.wav: byte 0: not a recognised audio file/);
      expect(r.ms).toBeLessThan(5000);
      noStackTrace(r.stderr);
    }
  });

  it('still reads a WAV whose metadata chunks before the audio are larger than the first read', () => {
    const d = scratch('bigheader');
    // One second of a 440 Hz sine, 16-bit stereo at 48 kHz, plain and behind a 300 kB JUNK chunk.
    const sine = pcm16le(Int16Array.from({ length: 2 * 48_000 }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 440 * (i >> 1)) / 48_000))));
    const format = { channels: 2, rate: 48_000, bits: 16, data: sine };
    fs.writeFileSync(join(d, 'plain.wav'), wavBytes(format));
    fs.writeFileSync(join(d, 'padded.wav'), wavBytes({ ...format, extraChunks: [{ id: 'JUNK', body: new Uint8Array(300_000) }] }));
    const a = JSON.parse(mixgraph(['loudness', 'bigheader/plain.wav', '--json']).stdout);
    const b = JSON.parse(mixgraph(['loudness', 'bigheader/padded.wav', '--json']).stdout);
    expect(b).toEqual(a);
  });
});

describe('loudness and data chunks (issue 10, item 10)', () => {
  it('measures files from 1000 to 7999 Hz like the same sine at 48 kHz measured by ffmpeg', () => {
    const reference = join(dir, 'ref48k.wav');
    spawnSync('sox', ['-n', '-r', '48000', '-c', '2', '-b', '24', reference, 'synth', '5', 'sine', '300', 'vol', '0.5']);
    const expected = ffmpegEbur128(reference).integratedLufs;
    for (const rate of [1000, 4000, 7999]) {
      const low = join(dir, `low${rate}.wav`);
      spawnSync('sox', ['-n', '-r', String(rate), '-c', '2', '-b', '24', low, 'synth', '5', 'sine', '300', 'vol', '0.5']);
      const r = mixgraph(['loudness', low, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(Math.abs(JSON.parse(r.stdout).integratedLufs - expected)).toBeLessThanOrEqual(0.1);
    }
    // Below the decoder's range: one clear message naming the range.
    const tooLow = join(dir, 'low500.wav');
    fs.writeFileSync(tooLow, wavBytes({ rate: 500 }));
    const r = mixgraph(['loudness', tooLow]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sample rate 500 Hz is outside the supported range 1000–768000 Hz/);
  });

  it('warns when an input has an empty data chunk', () => {
    const d = scratch('empty');
    const empty = join(d, 'empty.wav');
    expect(spawnSync('sox', ['-n', '-r', '48000', '-c', '2', '-b', '16', empty, 'trim', '0', '0']).status).toBe(0);
    const r = mixgraph(['render', fileGraph(d), '-o', join(d, 'out.wav'), '--input', `a=${empty}`, '--seconds', '0.1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*empty\.wav: the file holds no audio \(0 frames\)/m);
  });
});
