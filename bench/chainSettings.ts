/**
 * "The chain" of issue 9 — three peaking EQ bands → compressor → reverb → limiter — as one set of
 * settings from which every tool's version is written, so the four rows process the same thing
 * as closely as each tool allows. `bench/fixtures/chain.json` is {@link chainGraph} written out
 * (a unit test checks they agree).
 */
import type { Graph } from '../src/graph/types';

/** The three peaking bands (RBJ cookbook peaking EQ in every tool; Q is linear). */
export const CHAIN_EQ_BANDS = [
  { freq: 100, gainDb: 3, q: 1 },
  { freq: 1000, gainDb: -2, q: 1.4 },
  { freq: 8000, gainDb: 2, q: 0.8 },
] as const;

/** Compressor: a typical bus setting that works on −18 dBFS RMS pink noise. */
export const CHAIN_COMPRESSOR = { thresholdDb: -24, ratio: 4, kneeDb: 6, attackMs: 10, releaseMs: 150 } as const;

/** Reverb: about 2 s of decay, 20 ms predelay, 25 % wet. */
export const CHAIN_REVERB = { decayS: 2, predelayMs: 20, mix: 0.25 } as const;

/**
 * Limiter: +12 dB drive into a −1 dB ceiling, 60 ms release, 5 ms lookahead; the drive makes it
 * work on most peaks, as a mastering limiter does.
 */
export const CHAIN_LIMITER = { inputGainDb: 12, ceilingDb: -1, releaseMs: 60, lookaheadMs: 5 } as const;

/** The clip name the chain's source plays (`--input pink=FILE`). */
export const CHAIN_CLIP = 'pink';

/** The chain as a Mixgraph graph: source → eq → compressor → reverb → limiter → output. */
export function chainGraph(): Graph {
  const [b1, b2, b3] = CHAIN_EQ_BANDS;
  const c = CHAIN_COMPRESSOR;
  const ids = ['src', 'eq', 'comp', 'verb', 'lim', 'out'];
  const edges = ids.slice(1).map((to, i) => ({
    id: `w${i + 1}`,
    from: { node: ids[i], port: 'out' },
    to: { node: to, port: 'in' },
  }));
  return {
    format: 'mixgraph',
    version: 1,
    name: 'Bench chain',
    description: 'npm run bench: 3 peaking EQ bands → compressor → reverb → limiter, the same chain as the sox, ffmpeg and Chromium rows.',
    nodes: [
      { id: 'src', type: 'source', position: { x: 0, y: 0 }, params: { clip: `file:${CHAIN_CLIP}`, loop: false } },
      {
        id: 'eq',
        type: 'eq',
        position: { x: 220, y: 0 },
        params: {
          p1Freq: b1.freq, p1Gain: b1.gainDb, p1Q: b1.q,
          p2Freq: b2.freq, p2Gain: b2.gainDb, p2Q: b2.q,
          p3Freq: b3.freq, p3Gain: b3.gainDb, p3Q: b3.q,
        },
      },
      {
        id: 'comp',
        type: 'compressor',
        position: { x: 440, y: 0 },
        params: { threshold: c.thresholdDb, ratio: c.ratio, knee: c.kneeDb, attack: c.attackMs, release: c.releaseMs },
      },
      {
        id: 'verb',
        type: 'reverb',
        position: { x: 660, y: 0 },
        params: { decay: CHAIN_REVERB.decayS, predelay: CHAIN_REVERB.predelayMs, mix: CHAIN_REVERB.mix },
      },
      {
        id: 'lim',
        type: 'limiter',
        position: { x: 880, y: 0 },
        params: {
          inputGain: CHAIN_LIMITER.inputGainDb,
          ceiling: CHAIN_LIMITER.ceilingDb, release: CHAIN_LIMITER.releaseMs, lookahead: CHAIN_LIMITER.lookaheadMs },
      },
      { id: 'out', type: 'output', position: { x: 1100, y: 0 }, params: {} },
    ],
    edges,
  };
}
