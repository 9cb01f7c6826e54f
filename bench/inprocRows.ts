/**
 * Section `inproc`: the engine's own in-process rows, each a ratio against a reference run in
 * this same process (never an absolute time), with a target per ratio.
 *
 *   1. demo-mix, 3 minutes at 48 kHz: × realtime of the engine alone (stems already made).
 *   2. engine overhead: a chain of 32 gain nodes vs a hand-written loop doing the same multiplies.
 *   3. block size: 128-frame blocks vs 1024-frame blocks on demo-mix.
 *   4. streaming memory: heap growth rendering 180 s vs rendering 20 s (should not grow).
 */
import type { Graph } from '../src/graph/types';
import { parseDocument } from '../src/runtime/document';
import { compile, renderStream, type Plan } from '../src/runtime/offline';
import { findBuiltInPreset } from '../src/runtime/presets';
import type { BenchOptions } from './options';
import type { Row, SectionResult } from './types';

const SECTION = 'inproc';

function planOf(graph: Graph): Plan {
  const compiled = compile(graph);
  if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.plan;
}

function presetPlan(name: string): Plan {
  const parsed = parseDocument(findBuiltInPreset(name)!.document);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return planOf(parsed.graph);
}

async function timeRender(plan: Plan, seconds: number, blockSize = 1024): Promise<number> {
  const t0 = performance.now();
  await renderStream(plan, { seconds, blockSize }, () => {});
  return performance.now() - t0;
}

function gainChain(length: number): Graph {
  const nodes: Graph['nodes'] = [{ id: 'src', type: 'tone', position: { x: 0, y: 0 }, params: { wave: 'white' } }];
  const edges: Graph['edges'] = [];
  for (let i = 0; i < length; i++) {
    nodes.push({ id: `g${i}`, type: 'gain', position: { x: i, y: 0 }, params: { gain: -0.01 } });
    edges.push({ id: `w${i}`, from: { node: i === 0 ? 'src' : `g${i - 1}`, port: 'out' }, to: { node: `g${i}`, port: 'in' } });
  }
  nodes.push({ id: 'out', type: 'output', position: { x: 0, y: 0 }, params: {} });
  edges.push({ id: 'wout', from: { node: `g${length - 1}`, port: 'out' }, to: { node: 'out', port: 'in' } });
  return { format: 'mixgraph', version: 1, name: 'bench', nodes, edges };
}

/** What the gain chain does, written as one plain loop per block: the floor for the engine. */
function handLoop(length: number, seconds: number): number {
  const frames = seconds * 48000;
  const l = new Float32Array(1024);
  const r = new Float32Array(1024);
  const g = Math.pow(10, -0.01 / 20);
  let seed = 1;
  const t0 = performance.now();
  for (let done = 0; done < frames; done += 1024) {
    for (let i = 0; i < 1024; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      l[i] = r[i] = seed / 4294967296 - 0.5;
    }
    for (let k = 0; k < length; k++) {
      for (let i = 0; i < 1024; i++) {
        l[i] *= g;
        r[i] *= g;
      }
    }
  }
  return performance.now() - t0;
}

async function heapGrowth(plan: Plan, seconds: number): Promise<number> {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let blocks = 0;
  await renderStream(plan, { seconds }, () => {
    if (++blocks % 256 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return peak - before;
}

/** Runs the in-process section (shorter renders with --quick). */
export async function inprocSection(options: BenchOptions): Promise<SectionResult> {
  const long = options.quick ? 20 : 180;
  const mid = options.quick ? 10 : 60;
  const short = options.quick ? 5 : 30;
  const rows: Row[] = [];
  const demo = presetPlan('demo-mix');
  await timeRender(demo, 5); // warm-up: JIT and the demo stems' synthesis

  const demoMs = await timeRender(demo, long);
  rows.push({ section: SECTION, name: `demo-mix ${long} s, engine only`, value: long / (demoMs / 1000), unit: '×realtime', target: { op: '>=', limit: 10 } });

  const chain = planOf(gainChain(32));
  await timeRender(chain, 5);
  const chainMs = await timeRender(chain, mid);
  handLoop(32, 5);
  const loopMs = handLoop(32, mid);
  rows.push({ section: SECTION, name: 'engine / hand loop (32 gains)', value: chainMs / loopMs, unit: 'ratio', target: { op: '<=', limit: 3 } });

  const small = await timeRender(demo, short, 128);
  const large = await timeRender(demo, short, 1024);
  rows.push({ section: SECTION, name: 'block 128 / block 1024 time', value: small / large, unit: 'ratio', target: { op: '<=', limit: 1.6 } });

  const shortHeap = await heapGrowth(demo, short > 5 ? 20 : 5);
  const longHeap = await heapGrowth(demo, long);
  rows.push({
    section: SECTION,
    name: `heap growth ${long} s − ${short > 5 ? 20 : 5} s`,
    value: (longHeap - shortHeap) / 1048576,
    unit: 'MiB',
    target: { op: '<=', limit: 16 },
  });
  return {
    rows,
    commands: [{ section: SECTION, label: 'inproc', command: 'in process: renderStream on demo-mix and a 32-gain chain (bench/inprocRows.ts)' }],
  };
}
