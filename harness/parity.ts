/**
 * The parity harness page. Exposes `window.mixgraphParity` for test/e2e/parity.spec.ts:
 *  - `cases()` / `run(name)`: a case rendered by both engines and compared
 *  - `edits()` / `runEdit(name)`: a live edit during an offline render and its largest step
 *  - `runTail()`: untouched nodes keep their state across edits
 *  - `runRealtime(preset, s)`: the engine in a real-time AudioContext, recorded and measured
 *  - `runEngineChecks()`: transport position, stop, probe and meters of the LiveEngine API
 */
import { produce } from 'immer';
import type { Graph } from '../src/graph/types';
import type { ClipAudio } from '../src/nodes/types';
import { burstClip } from './clips';
import { editCases } from './editCases';
import { parityCases } from './parityCases';
import { compare, renderLive, renderOffline, SAMPLE_RATE, type Comparison, type Stereo } from './render';
import { graph } from './graphs';
import { runRealtime, type RealtimeResult } from './realtime';
import { runEngineChecks, type EngineCheckResult } from './engineChecks';

export interface ParityResult extends Comparison {
  name: string;
  latency: number;
  seconds: number;
  liveMs: number;
  offlineMs: number;
}

export interface EditResult {
  name: string;
  maxJump: number;
  allowedJump: number;
  /** The largest step of the same edit with ramps and fades set to 0 (measured). */
  unrampedJump: number;
  /** Largest step before the edit (the signal's own slope). */
  steadyJump: number;
  finalRmsDb: number;
  expectedFinalRmsDb: number | null;
}

export interface TailResult {
  /** Residual of a render with unrelated edits against one without, dB (−Infinity: identical). */
  unrelatedEditResidualDb: number;
  /** Energy right after cutting the reverb's input relative to just before, dB. */
  tailAfterCutDb: number;
}

const clips: Record<string, ClipAudio> = { burst: burstClip(SAMPLE_RATE) };

async function run(name: string): Promise<ParityResult> {
  const c = parityCases().find((x) => x.name === name);
  if (!c) throw new Error(`no parity case "${name}"`);
  return runGraph(c.graph, c.seconds, name);
}

/** Any validated graph document, rendered by both engines and compared. */
async function runGraph(g: Graph, seconds: number, name = g.name): Promise<ParityResult> {
  const c = { graph: g, seconds };
  let t = performance.now();
  const live = await renderLive(c.graph, c.seconds, clips);
  const liveMs = performance.now() - t;
  t = performance.now();
  const offline = await renderOffline(c.graph, c.seconds, clips);
  const offlineMs = performance.now() - t;
  return { name, ...compare(live, offline), latency: live.latency, seconds, liveMs, offlineMs };
}

function largestStep(s: Stereo, from: number, to: number): number {
  let largest = 0;
  for (const ch of [s.left, s.right]) {
    for (let i = Math.max(1, from); i < to; i++) largest = Math.max(largest, Math.abs(ch[i] - ch[i - 1]));
  }
  return largest;
}

function rmsDb(s: Stereo, from: number, to: number): number {
  let sum = 0;
  for (const ch of [s.left, s.right]) for (let i = from; i < to; i++) sum += ch[i] * ch[i];
  return 10 * Math.log10(sum / (2 * (to - from)));
}

async function runEdit(name: string): Promise<EditResult> {
  const c = editCases().find((x) => x.name === name);
  if (!c) throw new Error(`no edit case "${name}"`);
  const edited = c.edit(c.graph);
  const edit = {
    atSeconds: c.editAt,
    run: (engine: { update: (g: Graph) => { ok: boolean } }) => {
      if (!engine.update(edited).ok) throw new Error(`edit "${name}" failed`);
    },
  };
  const out = await renderLive(c.graph, c.seconds, clips, edit);
  const unramped = await renderLive(c.graph, c.seconds, clips, edit, { paramRampSeconds: 0, fadeSeconds: 0 });
  const n = out.left.length;
  const editFrame = Math.round(c.editAt * SAMPLE_RATE);
  return {
    name,
    maxJump: largestStep(out, 1, n),
    allowedJump: c.allowedJump,
    unrampedJump: largestStep(unramped, 1, n),
    steadyJump: largestStep(out, 1, editFrame),
    finalRmsDb: rmsDb(out, n - Math.round(0.25 * SAMPLE_RATE), n),
    expectedFinalRmsDb: c.finalRmsDb ?? null,
  };
}

async function runTail(): Promise<TailResult> {
  const base = graph(
    'tail',
    [
      ['d', 'source', { clip: 'demo:drums' }],
      ['verb', 'reverb', { decay: 3, mix: 0.5 }],
      ['out', 'output'],
      ['t', 'tone', { wave: 'pink' }],
      ['g', 'gain'],
    ],
    ['d>verb', 'verb>out', 't>g'],
  );
  const editAt = (128 * 375) / SAMPLE_RATE; // 1.0 s
  const seconds = 1.5;
  const unrelated = produce(base, (g) => {
    g.nodes = g.nodes.filter((n) => n.id !== 't' && n.id !== 'g');
    g.edges = g.edges.filter((e) => e.from.node !== 't');
    g.nodes.push({ id: 'p', type: 'pan', position: { x: 0, y: 0 }, params: { pan: 0.3 } });
  });
  const cut = produce(base, (g) => {
    g.edges = g.edges.filter((e) => e.id !== 'd>verb.in');
  });
  const reference = await renderLive(base, seconds, clips);
  const edited = await renderLive(base, seconds, clips, { atSeconds: editAt, run: (e) => void e.update(unrelated) });
  const cutOff = await renderLive(base, seconds, clips, { atSeconds: editAt, run: (e) => void e.update(cut) });
  const at = Math.round(editAt * SAMPLE_RATE);
  const window = Math.round(0.1 * SAMPLE_RATE);
  return {
    unrelatedEditResidualDb: compare(edited, reference).residualDb,
    // From 10 ms after the cut (past the 5 ms fade) against the 100 ms before it.
    tailAfterCutDb: rmsDb(cutOff, at + 480, at + 480 + window) - rmsDb(cutOff, at - window, at),
  };
}

declare global {
  interface Window {
    mixgraphParity: {
      cases(): string[];
      run(name: string): Promise<ParityResult>;
      runGraph(graph: Graph, seconds: number): Promise<ParityResult>;
      edits(): string[];
      runEdit(name: string): Promise<EditResult>;
      runTail(): Promise<TailResult>;
      runRealtime(preset: string, seconds: number): Promise<RealtimeResult>;
      runEngineChecks(): Promise<EngineCheckResult>;
    };
  }
}

window.mixgraphParity = {
  cases: () => parityCases().map((c) => c.name),
  run,
  runGraph: (g, seconds) => runGraph(g, seconds),
  edits: () => editCases().map((c) => c.name),
  runEdit,
  runTail,
  runRealtime,
  runEngineChecks,
};
document.getElementById('status')!.textContent = 'ready';
document.body.dataset.ready = 'true';
