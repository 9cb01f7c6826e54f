/**
 * Issue 10, items 7, 5 and 10 against the real CLI process: non-finite output and clipping,
 * memory limits, the 4 GiB WAV limit and RF64.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pcm16le, wavBytes } from '../../helpers/wavBytes';

const bin = resolve('bin/mixgraph.mjs');
const dir = fs.mkdtempSync(join(tmpdir(), 'mixgraph-checks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function mixgraph(args: string[], timeout = 60_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

type Node = { id: string; type: string; params?: Record<string, unknown> };

/** A graph of `nodes` wired in a chain into the master. */
function chain(name: string, nodes: Node[]): string {
  const all = [...nodes, { id: 'master', type: 'output' }];
  const file = join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'mixgraph',
      version: 1,
      name,
      nodes: all.map((n) => ({ ...n, position: { x: 0, y: 0 }, params: n.params ?? {} })),
      edges: all.slice(1).map((n, i) => ({ id: `e${i}`, from: { node: all[i].id, port: 'out' }, to: { node: n.id, port: 'in' } })),
    }),
  );
  return file;
}

describe('non-finite output and clipping (issue 10, item 7)', () => {
  it('40 gains at +24 dB: an error naming the first node that went non-finite, exit 1, nothing written', () => {
    const gains = Array.from({ length: 40 }, (_, i) => ({ id: `g${String(i).padStart(2, '0')}`, type: 'gain', params: { gain: 24 } }));
    const graph = chain('hot', [{ id: 'tone', type: 'tone', params: { level: -18 } }, ...gains]);
    const r = mixgraph(['render', graph, '-o', 'hot.wav', '--seconds', '1']);
    expect(r.code).toBe(1);
    // −18 dBFS + 24 dB · k passes float32's largest value (+770.6 dBFS) first at k = 33: g32.
    expect(r.stderr).toMatch(/^mixgraph: node "g32": its output is not a finite number/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir).filter((n) => n.includes('hot.wav'))).toEqual([]);
  });

  it('warns when 24-bit output clips, with the count and peak numpy finds in the float render', () => {
    const args = ['render', 'eq-teaching', '--seconds', '2', '--normalize', '-3'];
    expect(mixgraph([...args, '-o', 'loud32.wav', '--bits', '32f']).code).toBe(0);
    const r = mixgraph([...args, '-o', 'loud24.wav', '--bits', '24']);
    expect(r.code).toBe(0);
    const py = spawnSync(
      'python3',
      [
        '-c',
        `import numpy as np, sys
b = open(sys.argv[1], 'rb').read()
i = b.index(b'data')
x = np.frombuffer(b[i + 8:], dtype='<f4').astype(np.float64)
q = np.floor(x * 8388608 + 0.5)
print(int(np.sum((q > 8388607) | (q < -8388608))), 20 * np.log10(np.max(np.abs(x))))`,
        join(dir, 'loud32.wav'),
      ],
      { encoding: 'utf8' },
    );
    const [count, peakDb] = py.stdout.trim().split(' ').map(Number);
    expect(count).toBeGreaterThan(100);
    const m = /warning: (\d+) samples clipped in the 24-bit output \(peak (-?[\d.]+) dBFS\)/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(count);
    expect(Math.abs(Number(m![2]) - peakDb)).toBeLessThan(0.01);
    // Float output keeps the overs: no warning.
    expect(mixgraph([...args, '-o', 'loud32b.wav', '--bits', '32f']).stderr).not.toMatch(/clipped/);
  });
});

/** Runs mixgraph under GNU time; returns its result and peak resident memory in MB. */
function measured(args: string[]) {
  const started = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]) / 1024;
  return { code: r.status, stderr: r.stderr.replace(/maxrss=\d+\n?/, '').replace(/^Command exited with non-zero status \d+\n/m, ''), rssMb: rss, ms: Date.now() - started };
}

describe('memory limits (issue 10, item 5)', () => {
  it('10 000 reverbs are refused from the estimate, naming them, without allocating gigabytes', () => {
    const reverbs = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, type: 'reverb', params: { size: (i % 100) / 100 } }));
    const graph = chain('reverbs', [{ id: 'tone', type: 'tone' }, ...reverbs]);
    const r = measured(['render', graph, '-o', 'reverbs.wav', '--seconds', '0.001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mixgraph: render: needs about [\d.]+ GiB of memory, more than the [\d.]+ (GiB|MiB) allowed .*largest: 10000 reverb nodes \(r0, r1, r2, …\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.rssMb).toBeLessThan(600);
    expect(fs.readdirSync(dir).filter((n) => n.includes('reverbs.wav'))).toEqual([]);
  });

  it('a 30-minute file at 1 kHz renders one second without resampling the rest', () => {
    const clip = join(dir, 'long1k.wav');
    // 16-bit mono at 1 kHz, 1.8 M frames of a 100 Hz sine (3.6 MB), written directly (sox takes seconds).
    const frames = 1_800_000;
    const sine = Int16Array.from({ length: frames }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 100 * i) / 1000)));
    fs.writeFileSync(clip, wavBytes({ rate: 1000, data: pcm16le(sine) }));
    // Played by one source, the file is streamed; played by two, it is decoded (at most as far as
    // the render reads it).
    const streamed = chain('long', [{ id: 'src', type: 'source', params: { clip: 'file:a', loop: false } }]);
    const decoded = join(dir, 'long-twice.json');
    const twice = JSON.parse(fs.readFileSync(streamed, 'utf8'));
    twice.nodes[0].params.gain = -6;
    twice.nodes.push({ id: 'src2', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:a', loop: false, offset: 0.5, gain: -6 } });
    twice.edges.push({ id: 'e2', from: { node: 'src2', port: 'out' }, to: { node: 'master', port: 'in' } });
    fs.writeFileSync(decoded, JSON.stringify(twice));
    for (const graph of [streamed, decoded]) {
      const r = measured(['render', graph, '-o', 'long.wav', '--seconds', '1', '--input', `a=${clip}`]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // The whole clip at 48 kHz would be 86.4 M frames (660 MiB as float stereo).
      expect(r.rssMb).toBeLessThan(250);
      expect(fs.statSync(join(dir, 'long.wav')).size).toBe(44 + 48000 * 6);
    }
    // Without --seconds the whole clip is the render: decoded, --max-memory then refuses it by name.
    const whole = measured(['render', decoded, '-o', 'long.wav', '--input', `a=${clip}`, '--max-memory', '256M']);
    expect(whole.code).toBe(1);
    expect(whole.stderr).toMatch(/largest: clip file:a at 48000 Hz \(86400000 frames\) 659\.2 MiB/);
  });

  it('--max-memory takes sizes like 512M or 2G, nothing else', () => {
    for (const bad of ['lots', '0x100M', '-1G', '10']) {
      const r = mixgraph(['render', 'eq-teaching', '-o', 'm.wav', '--max-memory', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--max-memory/);
    }
    expect(mixgraph(['render', 'eq-teaching', '-o', 'm.wav', '--seconds', '0.1', '--max-memory', '1.5G']).code).toBe(0);
  });
});

describe('the 4 GiB WAV limit (issue 10, item 10)', () => {
  it('is checked from the length before anything is written', () => {
    // 24 h of 96 kHz stereo float: 66 GB.
    const r = mixgraph(['render', 'eq-teaching', '-o', 'huge.wav', '--seconds', '86400', '--rate', '96000', '--bits', '32f']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.wav: 8294400000 frames of 32-bit float stereo are 61\.80 GiB, over the 4 GiB limit of a WAV file/);
    expect(r.ms).toBeLessThan(10_000);
    expect(fs.readdirSync(dir).filter((n) => n.includes('huge.wav'))).toEqual([]);
  });
});

describe('RF64 output (issue 10, item 10)', () => {
  for (const bits of ['16', '24', '32f']) {
    it(`--format rf64 --bits ${bits}: ffprobe reads it as RF64 and ffmpeg decodes the same samples as the WAV`, () => {
      const common = ['render', 'eq-teaching', '--seconds', '1.5', '--bits', bits];
      expect(mixgraph([...common, '-o', `r64-${bits}.wav`, '--format', 'rf64']).code).toBe(0);
      expect(mixgraph([...common, '-o', `plain-${bits}.wav`]).code).toBe(0);
      const rf64 = fs.readFileSync(join(dir, `r64-${bits}.wav`));
      expect(rf64.toString('latin1', 0, 4)).toBe('RF64');
      expect(rf64.toString('latin1', 12, 16)).toBe('ds64');
      const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=sample_rate,channels,duration_ts', '-of', 'csv=p=0', join(dir, `r64-${bits}.wav`)], {
        encoding: 'utf8',
      });
      expect(probe.stdout.trim()).toBe('48000,2,72000');
      const decode = (file: string) =>
        spawnSync('ffmpeg', ['-v', 'error', '-i', join(dir, file), '-f', 'f64le', '-'], { maxBuffer: 1 << 26 }).stdout as Buffer;
      const a = decode(`r64-${bits}.wav`);
      expect(a.length).toBe(72000 * 2 * 8);
      expect(a.equals(decode(`plain-${bits}.wav`))).toBe(true);
    });
  }
});
