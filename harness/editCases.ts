/**
 * Live edits during an OfflineAudioContext render (suspend → `update` → resume), and the bound
 * each one must respect: the largest sample-to-sample step |y[n] − y[n−1]| may not exceed what
 * the signals' own slopes plus the ramp or crossfade allow. The harness also renders each edit
 * with ramps and fades set to 0, which must break the bound (so the check can fail).
 *
 * For y = c(t)·u(t) + (1 − c(t))·v(t) with c ramping linearly from 0 to 1 over F s:
 *   |Δy| ≤ max|Δu| + max|Δv| + max|u − v| / (F·fs)
 * and for a sine of peak A at f Hz, max|Δu| ≤ A·2π·f/fs.
 */
import { produce } from 'immer';
import type { Graph } from '../src/graph/types';
import { DEFAULT_FADE_SECONDS, DEFAULT_PARAM_RAMP_SECONDS } from '../src/runtime/live/diff';
import { STEP_FRAMES } from '../src/runtime/live/worklet/kernelRunner';
import { graph } from './graphs';
import { SAMPLE_RATE } from './render';

export interface EditCase {
  name: string;
  graph: Graph;
  seconds: number;
  /** When the edit is applied, s (a multiple of 128 frames: `suspend` works per render quantum). */
  editAt: number;
  edit(g: Graph): Graph;
  /** Largest |Δy| the ramp or fade allows. */
  allowedJump: number;
  /** Expected RMS (dBFS, both channels) of the last 0.25 s, to prove the edit happened. */
  finalRmsDb?: number;
}

const dB = (db: number): number => Math.pow(10, db / 20);
/** Largest per-sample step of a sine of peak `a` at `f` Hz. */
const sineSlope = (a: number, f: number): number => (a * 2 * Math.PI * f) / SAMPLE_RATE;
const fadeFrames = DEFAULT_FADE_SECONDS * SAMPLE_RATE;
const rampFrames = DEFAULT_PARAM_RAMP_SECONDS * SAMPLE_RATE;
/** RMS of a sine of peak `a`, dBFS. */
const sineRmsDb = (a: number): number => 20 * Math.log10(a / Math.SQRT2);
/** Suspend points must fall on a render quantum: 0.5 s = 24000 frames = 187.5 quanta, so use 0.496 s. */
const EDIT_AT = (128 * 186) / SAMPLE_RATE;

const A = dB(-6);

export function editCases(): EditCase[] {
  const fader = graph('fader', [['t', 'tone', { wave: 'sine', freq: 100, level: -6 }], ['g', 'gain'], ['out', 'output']], ['t>g', 'g>out']);
  const twoTones = graph(
    'two tones',
    [['t1', 'tone', { wave: 'sine', freq: 100, level: -6 }], ['t2', 'tone', { wave: 'sine', freq: 150, level: -6 }], ['out', 'output']],
    ['t1>out'],
  );
  const twoWired = produce(twoTones, (g) => {
    g.edges.push({ id: 't2>out', from: { node: 't2', port: 'out' }, to: { node: 'out', port: 'in' } });
  });
  const eqCut = graph(
    'eq cut',
    [['t', 'tone', { wave: 'sine', freq: 100, level: -6 }], ['eq', 'eq', { p1Freq: 100, p1Gain: -24, p1Q: 1 }], ['out', 'output']],
    ['t>eq', 'eq>out'],
  );
  const makeup = graph(
    'compressor makeup',
    [['t', 'tone', { wave: 'sine', freq: 100, level: -6 }], ['c', 'compressor', { threshold: 0, knee: 0, makeup: 0 }], ['out', 'output']],
    ['t>c', 'c>out'],
  );
  const makeupSteps = rampFrames / STEP_FRAMES;
  return [
    {
      name: 'gain 0 → −20 dB (param ramp)',
      graph: fader,
      seconds: 1,
      editAt: EDIT_AT,
      edit: (g) => produce(g, (d) => void (d.nodes[1].params.gain = -20)),
      allowedJump: sineSlope(A, 100) + (A * (1 - dB(-20))) / rampFrames,
      finalRmsDb: sineRmsDb(A * dB(-20)),
    },
    {
      name: 'connect a wire (crossfade)',
      graph: twoTones,
      seconds: 1,
      editAt: EDIT_AT,
      edit: () => twoWired,
      allowedJump: sineSlope(A, 100) + sineSlope(A, 150) + A / fadeFrames,
      // Two sines of equal peak at different frequencies: powers add.
      finalRmsDb: sineRmsDb(A) + 10 * Math.log10(2),
    },
    {
      name: 'remove a node and its wire (crossfade)',
      graph: twoWired,
      seconds: 1,
      editAt: EDIT_AT,
      edit: (g) => produce(g, (d) => {
        d.nodes = d.nodes.filter((n) => n.id !== 't2');
        d.edges = d.edges.filter((e) => e.from.node !== 't2');
      }),
      allowedJump: sineSlope(A, 100) + sineSlope(A, 150) + A / fadeFrames,
      finalRmsDb: sineRmsDb(A),
    },
    {
      name: 'bypass an EQ (crossfade)',
      graph: eqCut,
      seconds: 1,
      editAt: EDIT_AT,
      edit: (g) => produce(g, (d) => void (d.nodes[1].bypass = true)),
      // wet ≈ A·10^(−24/20) at 100 Hz, dry = A: |wet − dry| ≤ A·(1 + 10^(−24/20)).
      allowedJump: sineSlope(A, 100) * (1 + dB(-24)) + (A * (1 + dB(-24))) / fadeFrames,
      finalRmsDb: sineRmsDb(A),
    },
    {
      name: 'compressor makeup 0 → 12 dB (worklet glide)',
      graph: makeup,
      seconds: 1,
      editAt: EDIT_AT,
      edit: (g) => produce(g, (d) => void (d.nodes[1].params.makeup = 12)),
      // The host glides makeup in dB in steps of STEP_FRAMES: the largest step is the last one.
      allowedJump: sineSlope(A * dB(12), 100) + A * (dB(12) - dB(12 - 12 / makeupSteps)),
      finalRmsDb: sineRmsDb(A * dB(12)),
    },
  ];
}
