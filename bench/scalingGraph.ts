/**
 * Synthetic mixes of a given node count for the scaling rows: tracks of source → EQ → compressor
 * → pan into group buses (one per four tracks), a post-pan send from each track into a reverb
 * bus, a master bus, a limiter and the output — what a real session of that size holds.
 */
import type { Graph, GraphNode } from '../src/graph/types';
import { CHAIN_COMPRESSOR, CHAIN_EQ_BANDS } from './chainSettings';

/** Nodes every scaling graph has: reverb bus, reverb, master bus, limiter, output. */
const FIXED_NODES = 5;
/** Nodes per track: source, EQ, compressor, pan, send gain. */
const TRACK_NODES = 5;
const TRACKS_PER_GROUP = 4;

/** Clips the tracks cycle through (`file:clip0` …), bound by the caller. */
export const SCALING_CLIPS = ['clip0', 'clip1', 'clip2', 'clip3'] as const;

function groupsFor(tracks: number): number {
  return tracks >= TRACKS_PER_GROUP ? Math.ceil(tracks / TRACKS_PER_GROUP) : 0;
}

/**
 * A mix of exactly `nodeCount` nodes (≥ 10): as many tracks as fit, the rest as gain stages on
 * the master before the limiter.
 */
export function scalingGraph(nodeCount: number): Graph {
  if (!Number.isInteger(nodeCount) || nodeCount < FIXED_NODES + TRACK_NODES) throw new Error(`scalingGraph: ${nodeCount} nodes is fewer than one track needs`);
  let tracks = 1;
  while (FIXED_NODES + TRACK_NODES * (tracks + 1) + groupsFor(tracks + 1) <= nodeCount) tracks++;
  const groups = groupsFor(tracks);
  const pads = nodeCount - FIXED_NODES - TRACK_NODES * tracks - groups;

  const nodes: GraphNode[] = [];
  const edges: Graph['edges'] = [];
  const add = (id: string, type: string, params: GraphNode['params']) => nodes.push({ id, type, position: { x: nodes.length * 10, y: 0 }, params });
  const wire = (from: string, to: string) => edges.push({ id: `w${edges.length}`, from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });

  add('verbBus', 'bus', {});
  add('verb', 'reverb', { mix: 1 });
  add('master', 'bus', {});
  wire('verbBus', 'verb');
  wire('verb', 'master');
  for (let g = 0; g < groups; g++) {
    add(`group${g}`, 'bus', { gain: -3 });
    wire(`group${g}`, 'master');
  }
  const [b1, b2, b3] = CHAIN_EQ_BANDS;
  for (let t = 0; t < tracks; t++) {
    add(`src${t}`, 'source', { clip: `file:${SCALING_CLIPS[t % SCALING_CLIPS.length]}`, gain: -6, offset: t * 0.37 });
    add(`eq${t}`, 'eq', { hpOn: true, p1Freq: b1.freq, p1Gain: b1.gainDb, p2Freq: b2.freq, p2Gain: b2.gainDb, p3Freq: b3.freq, p3Gain: b3.gainDb });
    add(`comp${t}`, 'compressor', { threshold: CHAIN_COMPRESSOR.thresholdDb, ratio: CHAIN_COMPRESSOR.ratio });
    add(`pan${t}`, 'pan', { pan: ((t % 7) - 3) / 4 });
    add(`send${t}`, 'gain', { gain: -12 });
    wire(`src${t}`, `eq${t}`);
    wire(`eq${t}`, `comp${t}`);
    wire(`comp${t}`, `pan${t}`);
    wire(`pan${t}`, groups > 0 ? `group${Math.floor(t / TRACKS_PER_GROUP)}` : 'master');
    wire(`pan${t}`, `send${t}`);
    wire(`send${t}`, 'verbBus');
  }
  let last = 'master';
  for (let p = 0; p < pads; p++) {
    add(`trim${p}`, 'gain', { gain: -0.5 });
    wire(last, `trim${p}`);
    last = `trim${p}`;
  }
  add('lim', 'limiter', {});
  add('out', 'output', {});
  wire(last, 'lim');
  wire('lim', 'out');
  return { format: 'mixgraph', version: 1, name: `scaling ${nodeCount}`, nodes, edges };
}
