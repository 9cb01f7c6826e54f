/**
 * Issue 10, items 1, 3, 9 and the strict numbers of item 10, against the real CLI process: where
 * a render's bytes go (devices, FIFOs, stdout, symbolic links, file modes), outputs that are
 * inputs, and what reaches the terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { soxInfo } from '../../helpers/externalTools';

const bin = resolve('bin/mixgraph.mjs');
const dir = fs.mkdtempSync(join(tmpdir(), 'mixgraph-out-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function mixgraph(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? dir, encoding: 'buffer', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

function scratch(name: string): string {
  const d = join(dir, name);
  fs.mkdirSync(d);
  return d;
}

/** One second of eq-teaching at 48 kHz, 24-bit stereo: 44 + 48000 · 6 bytes. */
const ONE_SECOND_BYTES = 44 + 48000 * 6;

describe('render output: devices, FIFOs, stdout and links (issue 10, item 1)', () => {
  it('streams to a character device instead of replacing it', () => {
    const d = scratch('dev');
    expect(spawnSync('mknod', ['-m', '666', join(d, 'null'), 'c', '1', '3']).status).toBe(0);
    const r = mixgraph(['render', 'eq-teaching', '-o', './null', '--seconds', '1'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.statSync(join(d, 'null')).isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(d)).toEqual(['null']);
  });

  it('streams a complete WAV to stdout with -o -, the report on stderr', () => {
    const r = mixgraph(['render', 'eq-teaching', '-o', '-', '--seconds', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(ONE_SECOND_BYTES);
    expect(r.stderr).toMatch(/rendered preset eq-teaching → -/);
    // ffprobe reads the piped bytes: the header's sizes are the real ones.
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels', '-of', 'csv=p=0', '-i', '-'], {
      input: r.stdout,
      encoding: 'utf8',
    });
    expect(probe.stdout.trim()).toBe('pcm_s24le,48000,2');
    expect(r.stdout.readUInt32LE(40)).toBe(48000 * 6);
  });

  it('streams into a FIFO that has a reader, and refuses one without a reader instead of hanging', async () => {
    const d = scratch('fifo');
    const fifo = join(d, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('sh', ['-c', `wc -c < '${fifo}'`]);
    let counted = '';
    reader.stdout.on('data', (b) => (counted += b));
    const done = new Promise((ok) => reader.on('close', ok));
    await new Promise((ok) => setTimeout(ok, 200));
    const r = mixgraph(['render', 'eq-teaching', '-o', fifo, '--seconds', '1']);
    await done;
    expect(r.code).toBe(0);
    expect(Number(counted.trim())).toBe(ONE_SECOND_BYTES);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);

    const lonely = mixgraph(['render', 'eq-teaching', '-o', fifo, '--seconds', '1']);
    expect(lonely.code).toBe(1);
    expect(lonely.stderr).toMatch(/no process is reading this FIFO/);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
  });

  it('follows a symbolic link and writes its target; the link stays a link', () => {
    const d = scratch('link');
    fs.mkdirSync(join(d, 'elsewhere'));
    fs.writeFileSync(join(d, 'elsewhere', 'real.wav'), 'old');
    fs.symlinkSync('elsewhere/real.wav', join(d, 'link.wav'));
    const r = mixgraph(['render', 'eq-teaching', '-o', 'link.wav', '--seconds', '1'], { cwd: d });
    expect(r.code).toBe(0);
    expect(fs.lstatSync(join(d, 'link.wav')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(join(d, 'link.wav'))).toBe('elsewhere/real.wav');
    expect(soxInfo(join(d, 'elsewhere', 'real.wav'))).toMatchObject({ samples: 48000, channels: 2 });
    expect(fs.readdirSync(join(d, 'elsewhere'))).toEqual(['real.wav']);
    // A dangling link is followed to the file it names.
    fs.symlinkSync('new.wav', join(d, 'dangling.wav'));
    expect(mixgraph(['render', 'eq-teaching', '-o', 'dangling.wav', '--seconds', '1'], { cwd: d }).code).toBe(0);
    expect(fs.lstatSync(join(d, 'dangling.wav')).isSymbolicLink()).toBe(true);
    expect(fs.statSync(join(d, 'new.wav')).size).toBe(ONE_SECOND_BYTES);
  });

  it('keeps the mode of a file it overwrites (600 stays 600)', () => {
    const d = scratch('mode');
    const out = join(d, 'private.wav');
    fs.writeFileSync(out, 'old');
    fs.chmodSync(out, 0o600);
    expect(mixgraph(['render', 'eq-teaching', '-o', out, '--seconds', '1']).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.statSync(out).size).toBe(ONE_SECOND_BYTES);
  });
});

describe('an output that is an input is refused (issue 10, item 3)', () => {
  function graphWithInput(d: string): string {
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
    expect(spawnSync('sox', ['-n', '-r', '48000', '-c', '2', '-b', '16', join(d, 'a.wav'), 'synth', '0.2', 'sine', '440']).status).toBe(0);
    return graph;
  }

  it('the graph itself, an input, a hard link or a symbolic link to one: exit 2, nothing written', () => {
    const d = scratch('same');
    const graph = graphWithInput(d);
    fs.linkSync(join(d, 'a.wav'), join(d, 'hard.wav'));
    fs.symlinkSync('g.json', join(d, 'soft.json'));
    const graphBytes = fs.readFileSync(graph);
    const audioBytes = fs.readFileSync(join(d, 'a.wav'));
    const cases: [string, RegExp][] = [
      ['g.json', /same file as the graph/],
      ['./sub/../g.json', /same file as the graph/],
      ['soft.json', /same file as the graph/],
      ['a.wav', /same file as --input a/],
      ['hard.wav', /same file as --input a/],
    ];
    fs.mkdirSync(join(d, 'sub'));
    for (const [output, message] of cases) {
      const r = mixgraph(['render', 'g.json', '-o', output, '--input', 'a=a.wav'], { cwd: d });
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.readFileSync(graph)).toEqual(graphBytes);
    expect(fs.readFileSync(join(d, 'a.wav'))).toEqual(audioBytes);
    expect(fs.readdirSync(d).sort()).toEqual(['a.wav', 'g.json', 'hard.wav', 'soft.json', 'sub']);
  });
});

describe('what reaches the terminal (issue 10, items 9 and 10)', () => {
  it('escapes control characters and cuts long keys in warnings', () => {
    const d = scratch('escape');
    const doc = {
      format: 'mixgraph',
      version: 1,
      name: 'x',
      '\u001b[2Jevil': 1,
      ['k'.repeat(1_000_000)]: 2,
      '\u009b31mc1': 3,
      nodes: [
        { id: 'tone', type: 'tone', position: { x: 0, y: 0 }, params: {} },
        { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [{ id: 'w', from: { node: 'tone', port: 'out' }, to: { node: 'master', port: 'in' } }],
    };
    fs.writeFileSync(join(d, 'g.json'), JSON.stringify(doc));
    const r = mixgraph(['validate', 'g.json'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).toMatch(/\\u001b\[2Jevil/);
    expect(r.stderr.length).toBeLessThan(2000);
    for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('escapes control characters in echoed paths and option values', () => {
    const r = mixgraph(['render', 'demo-mix', '-o', join(dir, 'x.wav'), '--bits', '\u001b]52;c;AAAA\u0007']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const missing = mixgraph(['loudness', join(dir, 'no\u001b[2Jfile.wav')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(missing.stderr).toMatch(/no\\x1b\[2Jfile\.wav/);
  });

  it('numeric options take plain decimals only (--seconds 0x10 is refused)', () => {
    for (const [option, value] of [
      ['--seconds', '0x10'],
      ['--seconds', '0b11'],
      ['--seconds', ' 5'],
      ['--seconds', 'Infinity'],
      ['--rate', '0xBB80'],
      ['--normalize', '-0x10'],
    ]) {
      const r = mixgraph(['render', 'eq-teaching', '-o', join(dir, 'n.wav'), option, value]);
      expect(r.code, `${option} ${value}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${option}: .* is not a decimal number`));
    }
    expect(fs.existsSync(join(dir, 'n.wav'))).toBe(false);
    expect(mixgraph(['render', 'eq-teaching', '-o', join(dir, 'n.wav'), '--seconds', '0.5e0']).code).toBe(0);
  });
});
