/**
 * `mixgraph render` on two threads (issue 9, item 2): the CLI bundle with
 * `MIXGRAPH_RENDER_THREADS=2` (the plan split across a worker thread) must write the very bytes
 * and report the very figures of `=1` (one thread), fail with the same message, and leave nothing
 * behind when cancelled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/runtime/document';
import { compile } from '../../../src/runtime/offline';
import { partitionPlan, WAV_WRITE_COST } from '../../../src/runtime/offline/partition';

const bin = resolve('bin/mixgraph.mjs');
const dir = mkdtempSync(join(tmpdir(), 'mixgraph-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Threads = '1' | '2';

function run(threads: Threads, args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    // One thread meters inline; the split render meters in a third thread, as it does by default
    // for renders of 10 s or more: the reference is the plainest render there is.
    env: { ...process.env, MIXGRAPH_RENDER_THREADS: threads, MIXGRAPH_METER_THREAD: threads === '1' ? '0' : '1' },
  });
}

/** Renders with one and with two threads; both must succeed with the same bytes and report. */
function expectSameRender(name: string, args: string[]): void {
  const outputs = (['1', '2'] as const).map((wanted) => {
    const out = join(dir, `${name}-${wanted}.wav`);
    const r = run(wanted, ['render', ...args, '-o', out, '--json']);
    expect(r.stderr, `${name} with ${wanted} thread(s)`).toBe('');
    expect(r.status).toBe(0);
    const { elapsedMs: _e, realtimeFactor: _r, output: _o, threads, ...report } = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(threads, `${name}: threads the render ran on`).toBe(Number(wanted));
    return { bytes: readFileSync(out), report };
  });
  expect(outputs[1].report).toEqual(outputs[0].report);
  expect(outputs[1].bytes.equals(outputs[0].bytes), `${name}: the split render's WAV differs`).toBe(true);
}

const presets = readdirSync('presets').filter((f) => f.endsWith('.json'));

describe('split render = one-thread render, byte for byte', () => {
  beforeAll(() => {
    // Pink noise files for the bench chain's `file:pink`: stereo at the render rate, and mono at
    // 44.1 kHz (resampled to 48 kHz before the render).
    for (const [file, opts] of [
      ['pink.wav', ['-r', '48000', '-c', '2']],
      ['pink-mono.wav', ['-r', '44100', '-c', '1']],
    ] as const) {
      const r = spawnSync('sox', ['-n', ...opts, '-b', '24', join(dir, file), 'synth', '7', 'pinknoise', 'vol', '0.3'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  for (const preset of presets) {
    it(`preset ${preset}`, () => expectSameRender(basename(preset, '.json'), [join('presets', preset), '--seconds', '1']));
  }

  it('the bench chain with its input file, past a whole ring of slots (7 s > 8 × 32768 frames)', () => {
    expectSameRender('chain', ['bench/fixtures/chain.json', '--input', `pink=${join(dir, 'pink.wav')}`]);
  });

  it('a looping input shorter than the render (streamed, reopened at each turn) beside an input two sources play (decoded)', () => {
    const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
    const wire = (id: string, from: string, to: string) => ({ id, from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });
    const graph = join(dir, 'two-inputs.json');
    writeFileSync(
      graph,
      JSON.stringify({
        format: 'mixgraph',
        version: 1,
        name: 'two inputs',
        nodes: [
          node('looped', 'source', { clip: 'file:loop', loop: true }),
          node('eq', 'eq', { p1Gain: 3 }),
          node('comp', 'compressor'),
          node('verb', 'reverb'),
          node('twiceA', 'source', { clip: 'file:twice', loop: false }),
          node('twiceB', 'source', { clip: 'file:twice', loop: false, offset: 0.5 }),
          node('lim', 'limiter'),
          node('out', 'output'),
        ],
        edges: [
          wire('w1', 'looped', 'eq'),
          wire('w2', 'eq', 'comp'),
          wire('w3', 'comp', 'verb'),
          wire('w4', 'verb', 'lim'),
          wire('w5', 'twiceA', 'lim'),
          wire('w6', 'twiceB', 'lim'),
          wire('w7', 'lim', 'out'),
        ],
      }),
    );
    expectSameRender('two-inputs', [graph, '--input', `loop=${join(dir, 'pink-mono.wav')}`, '--input', `twice=${join(dir, 'pink.wav')}`, '--seconds', '16']);
  });

  it('the chain from a mono 44.1 kHz file, normalised (two passes, two workers), at 96 kHz', () => {
    expectSameRender('chain-mono', [
      'bench/fixtures/chain.json',
      '--input',
      `pink=${join(dir, 'pink-mono.wav')}`,
      '--seconds',
      '3',
      '--rate',
      '96000',
      '--normalize',
      '-16',
    ]);
  });
});

describe('failures of a split render', () => {
  it('a signal growing past the float range inside the worker part names the same node, writes nothing', () => {
    // A 0 dBFS tone through 40 gains at +24 dB passes float32's largest value (+770.6 dBFS) first
    // at the 33rd (h32); 40 gains at 0 dB follow, so the partition puts the tone and the hot gains
    // in the worker, and the NaN is seen by the main thread's master, past the worker's nodes.
    const hot = Array.from({ length: 40 }, (_, i) => `h${String(i).padStart(2, '0')}`);
    const unity = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const ids = ['tone', ...hot, ...unity, 'master'];
    const graph = {
      format: 'mixgraph',
      version: 1,
      name: 'overflow',
      nodes: [
        { id: 'tone', type: 'tone', position: { x: 0, y: 0 }, params: { level: 0 } },
        ...hot.map((id) => ({ id, type: 'gain', position: { x: 0, y: 0 }, params: { gain: 24 } })),
        ...unity.map((id) => ({ id, type: 'gain', position: { x: 0, y: 0 }, params: { gain: 0 } })),
        { id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: ids.slice(1).map((to, i) => ({ id: `w${i}`, from: { node: ids[i], port: 'out' }, to: { node: to, port: 'in' } })),
    };
    // The node to blame runs in the worker (the CLI's cut with the meter in its own thread).
    const parsed = parseDocument(graph);
    const compiled = parsed.ok ? compile(parsed.graph) : undefined;
    if (!compiled?.ok) throw new Error('the overflow graph does not compile');
    const plan = compiled.plan;
    const split = partitionPlan(plan, 48000, () => true, WAV_WRITE_COST);
    expect(split?.worker[plan.nodes.findIndex((n) => n.id === 'h32')]).toBe(true);
    const file = join(dir, 'overflow.json');
    writeFileSync(file, JSON.stringify(graph));
    const results = (['1', '2'] as const).map((threads) => {
      const d = join(dir, `overflow-${threads}`);
      mkdirSync(d);
      const r = run(threads, ['render', file, '-o', join(d, 'out.wav'), '--seconds', '2']);
      expect(r.status).toBe(1);
      expect(readdirSync(d)).toEqual([]);
      return r.stderr;
    });
    expect(results[0]).toMatch(/^mixgraph: node "h32": its output is not a finite number/);
    expect(results[0].trim().split('\n')).toHaveLength(1);
    expect(results[1]).toBe(results[0]);
  });

  it('Ctrl-C during a split render stops both threads and leaves no file', async () => {
    const d = join(dir, 'cancel');
    mkdirSync(d);
    const child = spawn(process.execPath, [bin, 'render', 'demo-mix', '-o', 'long.wav', '--seconds', '3000'], {
      cwd: d,
      env: { ...process.env, MIXGRAPH_RENDER_THREADS: '2' },
    });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    const exited = new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const temp = readdirSync(d).find((n) => n.endsWith('.tmp'));
      if (temp && existsSync(join(d, temp)) && statSync(join(d, temp)).size > 1_000_000) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(d)).toEqual([]);
    expect(stderr).toMatch(/cancelled by SIGINT; nothing was written/);
  }, 60_000);
});
