/**
 * The album's mastering graph: the graph every track is rendered through. Each track is bound to
 * the clip `file:track`; the graph's limiters get the album's ceiling; the track's gain is set on
 * the `file:track` sources, i.e. before the graph's first node.
 */
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { parseDocument } from '../runtime/document';
import { findBuiltInPreset } from '../runtime/presets';
import { AlbumError } from './albumError';

/** Name of the clip a track is bound to: sources playing `file:track` play the track. */
export const TRACK_CLIP_NAME = 'track';
const TRACK_CLIP = `file:${TRACK_CLIP_NAME}`;
/** The source gain param's range (src/nodes/source), dB. */
const SOURCE_GAIN_RANGE: readonly [number, number] = [-60, 24];

/**
 * The default mastering graph: the built-in `mastering-chain` preset with its demo sources
 * replaced by one source playing `file:track`, wired where they were (the premaster bus).
 */
export function defaultAlbumGraph(): Graph {
  const preset = findBuiltInPreset('mastering-chain');
  const parsed = preset ? parseDocument(preset.document) : undefined;
  if (!parsed || !parsed.ok) throw new AlbumError('the built-in mastering-chain preset is missing or invalid');
  const graph = parsed.graph;
  const sources = new Set(graph.nodes.filter((n) => n.type === 'source').map((n) => n.id));
  const targets = new Map<string, GraphEdge['to']>();
  for (const e of graph.edges) if (sources.has(e.from.node)) targets.set(`${e.to.node}:${e.to.port}`, e.to);
  const track: GraphNode = {
    id: 'track',
    type: 'source',
    label: 'Track',
    position: { x: 0, y: 220 },
    params: { clip: TRACK_CLIP, gain: 0, loop: false },
  };
  return {
    ...graph,
    name: 'Album mastering chain',
    nodes: [track, ...graph.nodes.filter((n) => !sources.has(n.id))],
    edges: [
      ...[...targets.values()].map((to, i) => ({ id: `w-track-${i}`, from: { node: 'track', port: 'out' }, to })),
      ...graph.edges.filter((e) => !sources.has(e.from.node)),
    ],
  };
}

/** A graph ready for album rendering. */
export interface AlbumGraph {
  graph: Graph;
  /** Ids of the sources that play the track. */
  trackSources: string[];
  /** Ids of the limiters whose ceiling was set. */
  limiters: string[];
}

/**
 * Checks that the graph plays `file:track` and sets every limiter's ceiling.
 * @param source how to name the graph in errors (its path or `preset …`).
 * @throws AlbumError when no source plays `file:track`.
 */
export function prepareAlbumGraph(graph: Graph, ceilingDbtp: number, source: string): AlbumGraph {
  const trackSources = graph.nodes.filter((n) => n.type === 'source' && n.params.clip === TRACK_CLIP).map((n) => n.id);
  if (trackSources.length === 0) {
    throw new AlbumError(`${source}: no source node plays ${TRACK_CLIP}; the album binds each track to that clip (set a source's clip to ${TRACK_CLIP})`);
  }
  const limiters = graph.nodes.filter((n) => n.type === 'limiter').map((n) => n.id);
  return {
    graph: {
      ...graph,
      nodes: graph.nodes.map((n) => (n.type === 'limiter' ? { ...n, params: { ...n.params, ceiling: ceilingDbtp } } : n)),
    },
    trackSources,
    limiters,
  };
}

/** The graph with `gainDb` added to the gain of every track source (clamped to the param range). */
export function withTrackGain(album: AlbumGraph, gainDb: number): Graph {
  const ids = new Set(album.trackSources);
  return {
    ...album.graph,
    nodes: album.graph.nodes.map((n) => {
      if (!ids.has(n.id)) return n;
      const base = typeof n.params.gain === 'number' ? n.params.gain : 0;
      const gain = Math.max(SOURCE_GAIN_RANGE[0], Math.min(SOURCE_GAIN_RANGE[1], base + gainDb));
      return { ...n, params: { ...n.params, gain } };
    }),
  };
}
