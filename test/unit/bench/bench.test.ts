/**
 * The building blocks of `npm run bench`, run small: the chain's commands for mixgraph, sox and
 * ffmpeg write valid WAVs of the input's length (read back by sox), Chromium renders the chain,
 * missing tools become skipped rows, the synthetic graphs have the node counts they claim, the
 * profile summary charges shared code to its caller, and a rewrite of docs/benchmarks.md keeps
 * its history. Nothing here is timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soxInfo } from '../../helpers/externalTools';
import { ffmpegChainArgv, mixgraphChainArgv, soxChainArgv } from '../../../bench/chainCommands';
import { chainGraph } from '../../../bench/chainSettings';
import { chainSection } from '../../../bench/chainRows';
import { ensureCliBundle } from '../../../bench/mixgraphCli';
import { renderChainInChromium } from '../../../bench/chromiumChain';
import { BENCH_RATE, writeImpulseResponseWav, writePinkNoiseWav } from '../../../bench/inputs';
import { benchKernels } from '../../../bench/kernels';
import { parseBenchOptions } from '../../../bench/options';
import { summariseProfile } from '../../../bench/profile';
import { benchmarksMarkdown, writeBenchmarksDoc, type DocInput } from '../../../bench/report';
import { scalingGraph } from '../../../bench/scalingGraph';
import { findTools } from '../../../bench/tools';
import { runTimed } from '../../../bench/wholeProcess';
import { parseDocument } from '../../../src/runtime/document';
import { nodeDefinitions } from '../../../src/nodes/registry';

const root = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-test-'));
const pink = join(dir, 'pink.wav');
const ir = join(dir, 'ir.wav');
const SECONDS = 2;

beforeAll(() => {
  writePinkNoiseWav(pink, SECONDS);
  writeImpulseResponseWav(ir);
  ensureCliBundle(root);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sample peak of a file in dBFS, by sox's `stats`. */
function soxPeakDb(path: string): number {
  const r = spawnSync('sox', [path, '-n', 'stats'], { encoding: 'utf8' });
  return Number(/^Pk lev dB\s+(-?[\d.]+)/m.exec(r.stderr)![1]);
}

describe('the chain fixture', () => {
  it('is chainGraph() written out, and a valid graph', () => {
    const fixture = JSON.parse(readFileSync(join(root, 'bench', 'fixtures', 'chain.json'), 'utf8'));
    expect(fixture).toEqual(chainGraph());
    expect(parseDocument(fixture).ok).toBe(true);
  });
});

describe('the chain commands', () => {
  const input = () => soxInfo(pink);

  it('the input is 24-bit stereo 48 kHz pink noise of the asked length', () => {
    expect(input()).toEqual({ sampleRate: BENCH_RATE, channels: 2, samples: SECONDS * BENCH_RATE, bits: 24 });
  });

  it.each([
    ['mixgraph', () => mixgraphChainArgv(pink, join(dir, 'mixgraph.wav')), 'mixgraph.wav'],
    ['sox', () => soxChainArgv('sox', pink, join(dir, 'sox.wav')), 'sox.wav'],
    ['ffmpeg afir', () => ffmpegChainArgv('ffmpeg', pink, ir, join(dir, 'afir.wav'), 'afir'), 'afir.wav'],
  ])('%s writes a 24-bit stereo 48 kHz WAV as long as the input, limited below 0 dBFS', (_, argv, file) => {
    runTimed(argv(), { cwd: root });
    const out = join(dir, file);
    expect(soxInfo(out)).toEqual(input());
    const peak = soxPeakDb(out);
    expect(peak).toBeLessThan(0);
    expect(peak).toBeGreaterThan(-6); // the +12 dB drive reaches the limiter
  });

  it('ffmpeg with aecho writes at least the input length (aecho appends its tail)', () => {
    runTimed(ffmpegChainArgv('ffmpeg', pink, ir, join(dir, 'aecho.wav'), 'aecho'), { cwd: root });
    const info = soxInfo(join(dir, 'aecho.wav'));
    expect(info.bits).toBe(24);
    expect(info.samples).toBeGreaterThanOrEqual(SECONDS * BENCH_RATE);
  });

  it('Chromium renders the chain with and without the convolver', async () => {
    for (const convolver of [true, false]) {
      const run = await renderChainInChromium({ chromiumPath: '/usr/bin/chromium', pinkPath: pink, irPath: ir, seconds: SECONDS, convolver });
      expect(run.frames).toBe(SECONDS * BENCH_RATE);
      expect(run.peak).toBeGreaterThan(0.1);
      expect(run.wholeSeconds).toBeGreaterThan(run.renderSeconds);
    }
  });
});

describe('missing tools', () => {
  it('turn their rows into "skipped: X not installed" and the section still runs', async () => {
    const tools = findTools({ MIXGRAPH_BENCH_SOX: '/nonexistent/sox', MIXGRAPH_BENCH_FFMPEG: '/nonexistent/ffmpeg', MIXGRAPH_BENCH_CHROMIUM: '/nonexistent/chromium', MIXGRAPH_BENCH_TIME: '/nonexistent/time' });
    const { rows } = await chainSection(root, tools, { quick: true, sections: ['chain'], runs: 1, chainSeconds: 1, writeDocs: false });
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('mixgraph (whole process)').value).toBeGreaterThan(0);
    expect(row('mixgraph, one thread (whole process)').value).toBeGreaterThan(0);
    expect(row('mixgraph / mixgraph on one thread').value).toBeGreaterThan(0);
    expect(row('sox (whole process)')).toMatchObject({ value: null, skipped: 'skipped: sox not installed (/nonexistent/sox)' });
    expect(row('ffmpeg, afir reverb (whole process)').skipped).toMatch(/^skipped: ffmpeg not installed/);
    expect(row('Chromium with convolver (whole process)').skipped).toMatch(/^skipped: chromium not installed/);
    expect(row('mixgraph / sox')).toMatchObject({ value: null, skipped: 'skipped: sox not installed (/nonexistent/sox)' });
  });
});

describe('scaling graphs', () => {
  it.each([10, 37, 50, 200])('%i nodes: exactly that many, valid, all reaching the output', (n) => {
    const graph = scalingGraph(n);
    expect(graph.nodes).toHaveLength(n);
    const parsed = parseDocument(JSON.parse(JSON.stringify(graph)));
    expect(parsed.ok).toBe(true);
    const types = new Set(graph.nodes.map((x) => x.type));
    for (const t of ['source', 'eq', 'compressor', 'reverb', 'bus', 'limiter', 'output']) expect(types).toContain(t);
  });
});

describe('benchKernels', () => {
  it('times every registered kernel', () => {
    const speeds = benchKernels({ seconds: 0.2, runs: 1 });
    expect(speeds.map((s) => s.type)).toEqual(nodeDefinitions.map((d) => d.type));
    for (const s of speeds) expect(Number.isFinite(s.realtime) && s.realtime > 0).toBe(true);
  });
});

describe('options', () => {
  it('--quick is one run of 20 s and leaves the docs alone; a bad section is a one-line error', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ quick: true, runs: 1, chainSeconds: 20, writeDocs: false });
    expect(parseBenchOptions([])).toMatchObject({ runs: 5, chainSeconds: 120, writeDocs: true });
    expect(parseBenchOptions(['--only', 'chain,demo']).sections).toEqual(['chain', 'demo']);
    expect(() => parseBenchOptions(['--only', 'chian'])).toThrow('--only: "chian" is not a section; use chain, demo, album, scaling, kernels, inproc, profile');
  });
});

describe('summariseProfile', () => {
  it('charges shared code (true peak) to the part that called it', () => {
    const bundle = ['// src/nodes/limiter/kernel.ts', 'process', '// src/dsp/truePeak.ts', 'scanMax', '// src/dsp/loudness/meter.ts', 'measure'].join('\n');
    const frame = (id: number, functionName: string, lineNumber: number, children: number[] = []) => ({
      id,
      callFrame: { functionName, url: 'file:///x/dist/cli/mixgraph.mjs', lineNumber },
      children,
    });
    const profile = {
      nodes: [frame(1, '(root)', -1, [2, 4]), frame(2, 'process', 1, [3]), frame(3, 'scanMax', 3), frame(4, 'measure', 5, [5]), frame(5, 'scanMax', 3)],
      samples: [3, 3, 5, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    profile.nodes[0].callFrame.url = '';
    const { parts, totalMs } = summariseProfile(profile, 'dist/cli/mixgraph.mjs', bundle);
    expect(totalMs).toBe(4);
    expect(parts.get('kernel: limiter')).toBe(3);
    expect(parts.get('loudness meter (report)')).toBe(1);
  });
});

describe('docs/benchmarks.md', () => {
  it('a rewrite keeps the History section as it was', () => {
    const path = join(dir, 'benchmarks.md');
    const input: DocInput = {
      date: new Date('2026-01-01T00:00:00Z'),
      machine: { cpu: 'cpu', cores: 2, ramGiB: 4, node: 'v20', sox: 'sox', ffmpeg: 'ffmpeg', chromium: 'chromium' },
      quick: false,
      runs: 5,
      rows: [{ section: 'chain', name: 'mixgraph / sox', value: 1.5, unit: 'ratio', target: { op: '>=', limit: 1, aim: 2 } }],
      commands: [{ section: 'chain', label: 'sox', command: 'sox in.wav out.wav' }],
    };
    writeBenchmarksDoc(path, input);
    const first = readFileSync(path, 'utf8');
    expect(first).toContain('| mixgraph / sox | 1.50 | ratio | >= 1 (aim 2) | ok |');
    writeFileSync(path, `${first}| 2026-01-02 | abc123 | faster reverb | chain 7.5 → 15 |\n`);
    writeBenchmarksDoc(path, { ...input, rows: [{ ...input.rows[0], value: 0.5 }] });
    const second = readFileSync(path, 'utf8');
    expect(second).toContain('| mixgraph / sox | 0.50 | ratio | >= 1 (aim 2) | MISSED |');
    expect(second).toContain('| 2026-01-02 | abc123 | faster reverb | chain 7.5 → 15 |');
    expect(benchmarksMarkdown(input, null)).toContain('## History');
  });

  it('a partial run rewrites the sections it measured and keeps the others, marked with their date', () => {
    const path = join(dir, 'partial.md');
    const machine = { cpu: 'cpu', cores: 2, ramGiB: 4, node: 'v20', sox: 'sox', ffmpeg: 'ffmpeg', chromium: 'chromium' };
    const full: DocInput = {
      date: new Date('2026-01-01T10:00:00Z'),
      machine,
      quick: false,
      runs: 5,
      rows: [
        { section: 'chain', name: 'mixgraph / sox', value: 0.5, unit: 'ratio' },
        { section: 'album', name: 'album 4 tracks: --jobs 2 / --jobs 1 wall time', value: 0.55, unit: 'ratio' },
      ],
      commands: [
        { section: 'chain', label: 'sox', command: 'sox in.wav out.wav' },
        { section: 'album', label: 'album, one job', command: 'mixgraph album a.wav -o out --jobs 1' },
      ],
    };
    writeBenchmarksDoc(path, full);
    writeBenchmarksDoc(path, { ...full, date: new Date('2026-01-02T10:00:00Z'), rows: [{ section: 'chain', name: 'mixgraph / sox', value: 0.9, unit: 'ratio' }], commands: [full.commands[0]] });
    const partial = readFileSync(path, 'utf8');
    expect(partial).toContain('| mixgraph / sox | 0.90 |');
    expect(partial).not.toContain('| mixgraph / sox | 0.50 |');
    expect(partial).toContain('| album 4 tracks: --jobs 2 / --jobs 1 wall time | 0.55 |');
    expect(partial).toContain('_Kept from the run of 2026-01-01 10:00 UTC');
    expect(partial).toContain('- **album, one job** (album): `mixgraph album a.wav -o out --jobs 1`');
    // A second partial run keeps the kept table once, with its first date.
    writeBenchmarksDoc(path, { ...full, date: new Date('2026-01-03T10:00:00Z'), rows: [{ section: 'chain', name: 'mixgraph / sox', value: 1.1, unit: 'ratio' }], commands: [full.commands[0]] });
    const again = readFileSync(path, 'utf8');
    expect(again.match(/_Kept from the run of/g)?.length).toBe(1);
    expect(again).toContain('_Kept from the run of 2026-01-01 10:00 UTC');
    expect(again.match(/album, one job/g)?.length).toBe(1);
  });
});
