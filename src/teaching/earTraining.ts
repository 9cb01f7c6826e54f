/**
 * Ear-training exercises (issue 16), seeded so a class can share one link: the same seed and round
 * give the same question on every machine. Each question says what the hidden processing is, as
 * graph nodes inserted before the master; `exerciseGraphs` builds the graphs to play and
 * `loudnessTargets` says how to level them so loudness never gives the answer away. Pure.
 */
import type { Graph, GraphEdge, GraphNode, ParamValue } from '../graph/types';

export type ExerciseKind = 'which-band' | 'boost-or-cut' | 'compressed' | 'louder';
/** 1 (easy: ±12 dB, octave bands) … 4 (hard: ±3 dB, third-octave bands). */
export type Difficulty = 1 | 2 | 3 | 4;

/** A node the exercise inserts, without id or position (the builder assigns them). */
export interface HiddenNode {
  type: string;
  params: Record<string, ParamValue>;
}

export interface Choice {
  id: string;
  label: string;
}

export interface Question {
  kind: ExerciseKind;
  seed: string;
  round: number;
  difficulty: Difficulty;
  prompt: string;
  /**
   * What plays: `versions[0]` is the reference ("original") when the exercise compares against it,
   * and each version is the processing inserted before the master (empty: unprocessed).
   */
  versions: { label: string; chain: HiddenNode[] }[];
  /**
   * Loudness of each version relative to the reference, LU, after matching: 0 for every version
   * except in "Which is louder?", where one version is deliberately louder (or, in the
   * level-matched trap, none is).
   */
  loudnessOffsetsLu: number[];
  choices: Choice[];
  answer: string;
  /** For "Which band?": the boosted or cut band's centre (Hz) and how far a click may miss, in octaves. */
  band?: { hz: number; toleranceOctaves: number };
}

/** FNV-1a of the seed text and round: a 32-bit state for the generator. */
function hashSeed(seed: string, round: number): number {
  let h = 0x811c9dc5;
  const text = `${seed}#${round}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h === 0 ? 0x9e3779b9 : h;
}

/** Marsaglia's xorshift32 ("Xorshift RNGs", J. Stat. Softw. 8(14), 2003): uniform in [0, 1). */
function generator(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** ISO 266 preferred octave centres used for the easy levels, and third-octave centres for the hard. */
const OCTAVE_BANDS = [63, 125, 250, 500, 1000, 2000, 4000, 8000] as const;
const THIRD_OCTAVE_BANDS = [100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000] as const;
/** Peaking-band Q for one octave and one third of an octave (RBJ cookbook: Q = 2^(N/2) / (2^N − 1)). */
const bandQ = (octaves: number) => Math.sqrt(2 ** octaves) / (2 ** octaves - 1);

const BAND_GAIN_DB: Record<Difficulty, number> = { 1: 12, 2: 6, 3: 6, 4: 3 };
const LOUDER_BY_LU: Record<Difficulty, number> = { 1: 3, 2: 2, 3: 1, 4: 0.5 };

const formatHz = (hz: number) => (hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`);
const peaking = (hz: number, gainDb: number, octaves: number): HiddenNode => ({
  type: 'eq',
  params: { p2Freq: hz, p2Gain: gainDb, p2Q: Number(bandQ(octaves).toFixed(3)) },
});

/** The question for `seed`, `round` and `difficulty`: always the same for the same three. */
export function generateQuestion(kind: ExerciseKind, seed: string, round: number, difficulty: Difficulty): Question {
  const random = generator(hashSeed(`${kind}:${seed}:${difficulty}`, round));
  const base = { kind, seed, round, difficulty };
  const third = difficulty >= 3;
  switch (kind) {
    case 'which-band': {
      const bands = third ? THIRD_OCTAVE_BANDS : OCTAVE_BANDS;
      const hz = pick(random, bands);
      const gain = BAND_GAIN_DB[difficulty];
      const octaves = third ? 1 / 3 : 1;
      return {
        ...base,
        prompt: `One band was boosted by ${gain} dB. Click where on the EQ plot.`,
        versions: [
          { label: 'Original', chain: [] },
          { label: 'Processed', chain: [peaking(hz, gain, octaves)] },
        ],
        loudnessOffsetsLu: [0, 0],
        choices: bands.map((b) => ({ id: String(b), label: formatHz(b) })),
        answer: String(hz),
        band: { hz, toleranceOctaves: octaves / 2 },
      };
    }
    case 'boost-or-cut': {
      const hz = pick(random, third ? THIRD_OCTAVE_BANDS : OCTAVE_BANDS);
      const boost = random() < 0.5;
      const gain = BAND_GAIN_DB[difficulty] * (boost ? 1 : -1);
      return {
        ...base,
        prompt: `A band around ${formatHz(hz)} was changed by ${BAND_GAIN_DB[difficulty]} dB. Boost or cut?`,
        versions: [
          { label: 'Original', chain: [] },
          { label: 'Processed', chain: [peaking(hz, gain, third ? 1 / 3 : 1)] },
        ],
        loudnessOffsetsLu: [0, 0],
        choices: [
          { id: 'boost', label: 'Boost' },
          { id: 'cut', label: 'Cut' },
        ],
        answer: boost ? 'boost' : 'cut',
      };
    }
    case 'compressed': {
      // Harder levels compress less: 8:1 far below the peaks down to 2:1 just under them.
      const ratio = [8, 4, 3, 2][difficulty - 1]!;
      const threshold = [-36, -30, -26, -22][difficulty - 1]!;
      const compressor: HiddenNode = { type: 'compressor', params: { threshold, ratio, attack: 5, release: 120, knee: 6, makeup: 0 } };
      const aIsCompressed = random() < 0.5;
      return {
        ...base,
        prompt: 'One of A and B is compressed (and both are equally loud). Which?',
        versions: [
          { label: 'A', chain: aIsCompressed ? [compressor] : [] },
          { label: 'B', chain: aIsCompressed ? [] : [compressor] },
        ],
        loudnessOffsetsLu: [0, 0],
        choices: [
          { id: 'A', label: 'A' },
          { id: 'B', label: 'B' },
        ],
        answer: aIsCompressed ? 'A' : 'B',
      };
    }
    case 'louder': {
      // One in four rounds is the trap: B is brighter but level-matched, so neither is louder.
      const trap = random() < 0.25;
      const louderIsA = random() < 0.5;
      const by = LOUDER_BY_LU[difficulty];
      const bright: HiddenNode = { type: 'eq', params: { hsFreq: 4000, hsGain: 4 } };
      return {
        ...base,
        prompt: 'Which is louder?',
        versions: [
          { label: 'A', chain: [] },
          { label: 'B', chain: trap ? [bright] : [] },
        ],
        loudnessOffsetsLu: trap ? [0, 0] : louderIsA ? [by, 0] : [0, by],
        choices: [
          { id: 'A', label: 'A' },
          { id: 'B', label: 'B' },
          { id: 'same', label: 'Same loudness' },
        ],
        answer: trap ? 'same' : louderIsA ? 'A' : 'B',
      };
    }
  }
}

/** Whether a click on the EQ plot at `hz` names the band of a "Which band?" question. */
export function isBandClickCorrect(question: Question, hz: number): boolean {
  if (question.band === undefined || !(hz > 0)) return false;
  return Math.abs(Math.log2(hz / question.band.hz)) <= question.band.toleranceOctaves + 1e-9;
}

/**
 * The graph for each version: `graph` with the version's chain inserted between everything that
 * fed the master and the master itself. Ids are prefixed `quiz-` and unique; the input graph is
 * not changed.
 */
export function exerciseGraphs(graph: Graph, question: Question, masterId: string): Graph[] {
  return question.versions.map((version) => {
    const taken = new Set(graph.nodes.map((n) => n.id));
    const freshId = (stem: string) => {
      let n = 1;
      while (taken.has(`quiz-${stem}-${n}`)) n++;
      const id = `quiz-${stem}-${n}`;
      taken.add(id);
      return id;
    };
    const master = graph.nodes.find((n) => n.id === masterId);
    if (master === undefined) throw new Error(`the graph has no node "${masterId}"`);
    const inserted: GraphNode[] = version.chain.map((hidden, i) => ({
      id: freshId(hidden.type),
      type: hidden.type,
      position: { x: master.position.x - 200 + i * 20, y: master.position.y + 160 },
      params: { ...hidden.params },
    }));
    if (inserted.length === 0) return graph;
    const edges: GraphEdge[] = [];
    const head = inserted[0]!.id;
    for (const edge of graph.edges) {
      edges.push(edge.to.node === masterId ? { ...edge, to: { node: head, port: 'in' } } : edge);
    }
    for (let i = 0; i + 1 < inserted.length; i++) {
      edges.push({ id: `${inserted[i]!.id}-wire`, from: { node: inserted[i]!.id, port: 'out' }, to: { node: inserted[i + 1]!.id, port: 'in' } });
    }
    const tail = inserted[inserted.length - 1]!.id;
    edges.push({ id: `${tail}-to-master`, from: { node: tail, port: 'out' }, to: { node: masterId, port: 'in' } });
    return { ...graph, nodes: [...graph.nodes, ...inserted], edges };
  });
}

/**
 * The integrated loudness each version must be normalised to, from the reference's: every version
 * matched to the first, plus the question's deliberate offsets.
 */
export function loudnessTargets(question: Question, referenceLufs: number): number[] {
  return question.loudnessOffsetsLu.map((offset) => referenceLufs + offset);
}

/**
 * ABX on two snapshots: which of A and B the hidden X is, for `seed` and `round` (the same on
 * every machine). The versions are the two snapshots themselves; the caller levels them.
 */
export function abxHidden(seed: string, round: number): 'A' | 'B' {
  return generator(hashSeed(`abx:${seed}`, round))() < 0.5 ? 'A' : 'B';
}
