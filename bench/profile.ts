/**
 * Section `profile`: where `mixgraph render demo-mix` spends its
 * time as a whole process. Runs it under `node --cpu-prof`, maps each sampled frame of the CLI
 * bundle back to its source file (esbuild marks each module with a `// src/…` comment) and charges
 * every sample to the nearest frame on its stack that belongs to a known part — so the true-peak
 * code counts as the limiter's when the limiter calls it and as the meter's when the meter does.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBundle } from './mixgraphCli';
import type { BenchOptions } from './options';
import type { Row, SectionResult } from './types';
import { docCommand, runTimed } from './wholeProcess';

/** The parts of a render, matched against a frame's source file in this order. */
const PARTS: readonly { part: string | ((file: string) => string); test: (file: string) => boolean }[] = [
  { part: 'demo-stem synthesis', test: (f) => f.startsWith('src/nodes/source/demo/') },
  { part: (f) => `kernel: ${f.split('/')[2]}`, test: (f) => /^src\/nodes\/[^/]+\//.test(f) },
  { part: 'loudness meter (report)', test: (f) => f.startsWith('src/dsp/loudness/') },
  { part: 'WAV read/write', test: (f) => f.startsWith('src/runtime/audio-io/') },
  { part: 'engine (wiring, delay compensation)', test: (f) => f.startsWith('src/runtime/offline/') },
  { part: 'render driver', test: (f) => f === 'src/runtime/render.ts' },
  { part: 'CLI (options, graph loading, report)', test: (f) => f.startsWith('src/cli/') || f.startsWith('src/graph/') || f.startsWith('src/runtime/') },
  { part: 'libraries (commander, cli-progress)', test: (f) => f.startsWith('node_modules/') },
];

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Module start lines of an esbuild bundle: line (0-based) → source path. */
function bundleModules(bundleText: string): { line: number; file: string }[] {
  const starts: { line: number; file: string }[] = [];
  bundleText.split('\n').forEach((text, line) => {
    const m = /^\/\/ ((?:src|node_modules|presets)\/\S+)$/.exec(text);
    if (m) starts.push({ line, file: m[1] });
  });
  return starts;
}

function fileAt(modules: { line: number; file: string }[], line: number): string {
  let lo = 0;
  let hi = modules.length - 1;
  let found = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (modules[mid].line <= line) {
      found = modules[mid].file;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Time per part (ms) and the top self-time functions of a `.cpuprofile` of the CLI bundle. */
export function summariseProfile(profile: CpuProfile, bundlePath: string, bundleText: string): { parts: Map<string, number>; top: { name: string; ms: number }[]; totalMs: number } {
  const modules = bundleModules(bundleText);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fileOf = (n: CpuProfileNode) => (n.callFrame.url.endsWith(bundlePath) ? fileAt(modules, n.callFrame.lineNumber) : '');
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let part: string;
    if (name === '(garbage collector)') part = 'garbage collector';
    else if (name === '(idle)') part = 'idle (waiting for I/O)';
    else if (name === '(program)') part = 'V8 (compiling, runtime)';
    else {
      const file = fileOf(node);
      const hit = file ? PARTS.find((p) => p.test(file)) : undefined;
      const up = parent.get(id);
      part = hit ? (typeof hit.part === 'string' ? hit.part : hit.part(file)) : up !== undefined ? classify(up) : 'Node startup and module loading';
    }
    partOf.set(id, part);
    return part;
  };
  const parts = new Map<string, number>();
  const self = new Map<number, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = profile.timeDeltas[i] / 1000;
    totalMs += ms;
    parts.set(classify(id), (parts.get(classify(id)) ?? 0) + ms);
    self.set(id, (self.get(id) ?? 0) + ms);
  });
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const file = fileOf(node);
    const key = `${node.callFrame.functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const top = [...byFunction].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, 12);
  return { parts, top, totalMs };
}

/** Runs the profile section. */
export async function profileSection(root: string, options: BenchOptions): Promise<SectionResult> {
  const seconds = options.quick ? 20 : 180;
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-profile-'));
  try {
    ensureCliBundle(root);
    const argv = [process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, join('bin', 'mixgraph.mjs'), 'render', 'demo-mix', '--seconds', `${seconds}`, '-o', join(dir, 'x.wav')];
    const run = runTimed(argv, { cwd: root });
    // One profile per thread: CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the render
    // runs in thread 0, the loudness meter (when it runs beside the render) in another.
    const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const threadOf = (f: string) => f.split('.')[4];
    const profileFile = profiles.find((f) => threadOf(f) === '0');
    if (!profileFile) throw new Error(`node --cpu-prof wrote no profile of the main thread in ${dir}`);
    const bundleRel = join('dist', 'cli', 'mixgraph.mjs');
    const { parts, top, totalMs } = summariseProfile(
      JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as CpuProfile,
      bundleRel,
      readFileSync(join(root, bundleRel), 'utf8'),
    );
    const rows: Row[] = [
      { section: 'profile', name: `demo-mix ${seconds} s under --cpu-prof`, value: run.seconds, unit: 's', detail: `${(seconds / run.seconds).toFixed(1)}× realtime with the profiler on` },
    ];
    for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1])) {
      rows.push({ section: 'profile', name: part, value: ms / 1000, unit: 's', detail: `${((100 * ms) / totalMs).toFixed(1)} %` });
    }
    for (const other of profiles.filter((f) => f !== profileFile)) {
      const worker = JSON.parse(readFileSync(join(dir, other), 'utf8')) as CpuProfile;
      const names = new Map(worker.nodes.map((n) => [n.id, n.callFrame.functionName]));
      let busyMs = 0;
      worker.samples.forEach((id, i) => {
        const name = names.get(id);
        if (name !== '(idle)' && name !== '(program)') busyMs += worker.timeDeltas[i] / 1000;
      });
      rows.push({ section: 'profile', name: `worker thread ${threadOf(other)} (beside the render)`, value: busyMs / 1000, unit: 's', detail: 'not in the shares above: the loudness meter of the closing report' });
    }
    for (const f of top) rows.push({ section: 'profile', name: `self: ${f.name}`, value: f.ms / 1000, unit: 's', detail: `${((100 * f.ms) / totalMs).toFixed(1)} %` });
    return { rows, commands: [{ section: 'profile', label: 'profile', command: docCommand(argv, dir) }] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
