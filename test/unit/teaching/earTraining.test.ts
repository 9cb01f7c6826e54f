/**
 * Ear-training (issue 16): questions are seeded and deterministic, and every hidden version is
 * loudness-matched within 0.1 LU — measured on the rendered versions with our BS.1770 meter and,
 * once, with ffmpeg's ebur128.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../../src/dsp/loudness';
import type { Graph } from '../../../src/graph/types';
import { renderGraph } from '../../../src/runtime/render';
import {
  abxHidden,
  exerciseGraphs,
  generateQuestion,
  isBandClickCorrect,
  loudnessTargets,
  type Difficulty,
  type ExerciseKind,
} from '../../../src/teaching/earTraining';

const KINDS: ExerciseKind[] = ['which-band', 'boost-or-cut', 'compressed', 'louder'];

describe('questions', () => {
  it('are the same for the same seed, round and difficulty, and vary across rounds', () => {
    for (const kind of KINDS) {
      for (const difficulty of [1, 4] as Difficulty[]) {
        expect(generateQuestion(kind, 'class-7b', 3, difficulty)).toEqual(generateQuestion(kind, 'class-7b', 3, difficulty));
      }
      const answers = new Set(Array.from({ length: 40 }, (_, round) => generateQuestion(kind, 'class-7b', round, 2).answer));
      expect(answers.size).toBeGreaterThanOrEqual(2);
    }
    expect(generateQuestion('which-band', 'class-7b', 0, 1)).not.toEqual(generateQuestion('which-band', 'class-7c', 0, 1));
  });

  it('"Which band?" covers the bands, with octave bands and ±12 dB easy, third-octave ±3 dB hard', () => {
    const easy = Array.from({ length: 200 }, (_, r) => generateQuestion('which-band', 's', r, 1));
    expect(new Set(easy.map((q) => q.answer)).size).toBe(8);
    expect(easy[0]!.versions[1]!.chain[0]!.params.p2Gain).toBe(12);
    const hard = generateQuestion('which-band', 's', 0, 4);
    expect(hard.choices).toHaveLength(20);
    expect(hard.versions[1]!.chain[0]!.params.p2Gain).toBe(3);
    // RBJ: a one-octave band has Q = √2 ≈ 1.414; a third of an octave ≈ 4.32.
    expect(easy[0]!.versions[1]!.chain[0]!.params.p2Q).toBeCloseTo(Math.SQRT2, 3);
    expect(hard.versions[1]!.chain[0]!.params.p2Q).toBeCloseTo(4.318, 3);
  });

  it('ABX hides A or B, the same for the same seed and round, both over the rounds', () => {
    expect(abxHidden('class', 4)).toBe(abxHidden('class', 4));
    const hidden = Array.from({ length: 100 }, (_, r) => abxHidden('class', r));
    expect(hidden.filter((h) => h === 'A').length).toBeGreaterThan(30);
    expect(hidden.filter((h) => h === 'B').length).toBeGreaterThan(30);
  });

  it('a click on the EQ plot counts within half a band of the answer', () => {
    const q = generateQuestion('which-band', 'click', 0, 1);
    const hz = q.band!.hz;
    expect(isBandClickCorrect(q, hz)).toBe(true);
    expect(isBandClickCorrect(q, hz * 2 ** 0.45)).toBe(true);
    expect(isBandClickCorrect(q, hz * 2 ** -0.55)).toBe(false);
    const third = generateQuestion('which-band', 'click', 0, 4);
    expect(isBandClickCorrect(third, third.band!.hz * 2 ** 0.15)).toBe(true);
    expect(isBandClickCorrect(third, third.band!.hz * 2 ** 0.2)).toBe(false);
  });
});

/** The demo drums straight to the master: dynamic and broadband, so every exercise is audible. */
const drums: Graph = {
  format: 'mixgraph',
  version: 1,
  name: 'Ear training',
  nodes: [
    { id: 'drums', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'demo:drums' } },
    { id: 'master', type: 'output', position: { x: 300, y: 0 }, params: {} },
  ],
  edges: [{ id: 'w', from: { node: 'drums', port: 'out' }, to: { node: 'master', port: 'in' } }],
};
const SECONDS = 6;

async function renderVersion(graph: Graph, lufs: number) {
  const left: Float32Array[] = [];
  const right: Float32Array[] = [];
  const meter = new LoudnessMeter(48000);
  await renderGraph(graph, { seconds: SECONDS, normalizeLufs: lufs }, (l, r, n) => {
    meter.push(l, r, n);
    left.push(l.slice(0, n));
    right.push(r.slice(0, n));
  });
  return { lufs: meter.result().integratedLufs!, left, right };
}

function ffmpegIntegrated(left: Float32Array[], right: Float32Array[]): number {
  const frames = left.reduce((n, b) => n + b.length, 0);
  const interleaved = new Float32Array(2 * frames);
  let at = 0;
  for (let b = 0; b < left.length; b++) {
    for (let i = 0; i < left[b]!.length; i++, at++) {
      interleaved[2 * at] = left[b]![i]!;
      interleaved[2 * at + 1] = right[b]![i]!;
    }
  }
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-f', 'f32le', '-ar', '48000', '-ac', '2', '-i', 'pipe:0', '-af', 'ebur128', '-f', 'null', '-'], {
    input: Buffer.from(interleaved.buffer),
    maxBuffer: 64 * 1024 * 1024,
  });
  const log = run.stderr.toString();
  const m = /I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary:')));
  if (!m) throw new Error(`ffmpeg ebur128 summary not understood:\n${log.slice(-600)}`);
  return Number(m[1]);
}

describe('loudness matching', () => {
  it('every version of every exercise lands within 0.1 LU of its target (our meter), and ffmpeg agrees once', async () => {
    const reference = (await renderGraph(drums, { seconds: SECONDS })).loudness.integratedLufs!;
    let checkedWithFfmpeg = false;
    for (const kind of KINDS) {
      // Round 1 of "louder" with this seed makes A louder; the offsets are checked for every kind below.
      const question = generateQuestion(kind, 'matching', 1, 1);
      const graphs = exerciseGraphs(drums, question, 'master');
      const targets = loudnessTargets(question, reference);
      for (let v = 0; v < graphs.length; v++) {
        const rendered = await renderVersion(graphs[v]!, targets[v]!);
        expect(Math.abs(rendered.lufs - targets[v]!), `${kind} version ${v}`).toBeLessThanOrEqual(0.1);
        if (!checkedWithFfmpeg && question.versions[v]!.chain.length > 0) {
          // ffmpeg prints one decimal: 0.1 LU plus its rounding.
          expect(Math.abs(ffmpegIntegrated(rendered.left, rendered.right) - targets[v]!)).toBeLessThanOrEqual(0.15);
          checkedWithFfmpeg = true;
        }
      }
      const offsets = targets.map((t) => t - reference);
      expect(offsets).toEqual(question.loudnessOffsetsLu);
    }
    expect(checkedWithFfmpeg).toBe(true);
  }, 120_000);

  it('inserts the hidden chain before the master without touching the graph it was given', () => {
    const before = structuredClone(drums);
    const q = generateQuestion('compressed', 'x', 0, 2);
    const graphs = exerciseGraphs(drums, q, 'master');
    expect(drums).toEqual(before);
    const processed = graphs.find((g) => g.nodes.length === 3)!;
    const comp = processed.nodes.find((n) => n.type === 'compressor')!;
    expect(processed.edges.map((e) => `${e.from.node}>${e.to.node}`).sort()).toEqual([`${comp.id}>master`, `drums>${comp.id}`].sort());
  });
});
