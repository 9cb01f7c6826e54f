/**
 * Renders a graph with both engines in the page: the live engine inside an OfflineAudioContext
 * (stereo, 48 kHz) and the offline engine (`renderGraph`), and measures how far apart they are.
 */
import type { Graph } from '../src/graph/types';
import type { ClipAudio } from '../src/nodes/types';
import { LiveEngine, type LiveEngineOptions } from '../src/runtime/live/liveEngine';
import { createLatencyProbe } from '../src/runtime/live/latencyProbe';
import { liveState } from '../src/runtime/live/liveState';
import { renderGraph } from '../src/runtime/render';

export const SAMPLE_RATE = 48000;

export interface Stereo {
  left: Float32Array;
  right: Float32Array;
}

/** Master latency of `graph` as the live engine plans it, samples. */
export function plannedLatency(graph: Graph, clips: Record<string, ClipAudio>): number {
  const latencyOf = createLatencyProbe({ sampleRate: SAMPLE_RATE, getClip: (name) => clips[name] });
  return liveState(graph, { latencyOf }).masterLatency;
}

/**
 * A live render: `frames` + master latency frames from transport position 0, then the first
 * `latency` frames dropped, as the offline render does. `edit` runs once, at a suspend point.
 */
export async function renderLive(
  graph: Graph,
  seconds: number,
  clips: Record<string, ClipAudio>,
  edit?: { atSeconds: number; run: (engine: LiveEngine) => void },
  options: LiveEngineOptions = {},
): Promise<Stereo & { latency: number }> {
  const latency = plannedLatency(graph, clips);
  const frames = Math.round(seconds * SAMPLE_RATE);
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames + latency, sampleRate: SAMPLE_RATE });
  const engine = await LiveEngine.create(context, { ...options, clips });
  const result = engine.update(graph);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (engine.masterLatencySamples !== latency) throw new Error(`latency ${engine.masterLatencySamples} ≠ planned ${latency}`);
  engine.start(0, 0);
  if (edit) {
    void context.suspend(edit.atSeconds).then(() => {
      edit.run(engine);
      void context.resume();
    });
  }
  const rendered = await context.startRendering();
  engine.dispose();
  return {
    left: rendered.getChannelData(0).slice(latency, latency + frames),
    right: rendered.getChannelData(1).slice(latency, latency + frames),
    latency,
  };
}

/** The offline engine's render of the same graph. */
export async function renderOffline(graph: Graph, seconds: number, clips: Record<string, ClipAudio>): Promise<Stereo> {
  const frames = Math.round(seconds * SAMPLE_RATE);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let at = 0;
  await renderGraph(graph, { sampleRate: SAMPLE_RATE, seconds, inputs: clips }, (l, r, n) => {
    left.set(l.subarray(0, n), at);
    right.set(r.subarray(0, n), at);
    at += n;
  });
  return { left, right };
}

export interface Comparison {
  /** 10·log10(Σ(a − b)² / Σb²) over both channels, dB (−Infinity: identical). */
  residualDb: number;
  /** Largest |a − b|. */
  maxDifference: number;
  /** Number of samples that differ at all. */
  differing: number;
  /** RMS of the reference, dBFS. */
  referenceRmsDb: number;
}

/** Compares `live` against the reference `offline`. */
export function compare(live: Stereo, offline: Stereo): Comparison {
  let error = 0;
  let energy = 0;
  let maxDifference = 0;
  let differing = 0;
  const n = offline.left.length;
  for (const [a, b] of [
    [live.left, offline.left],
    [live.right, offline.right],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const d = a[i] - b[i];
      error += d * d;
      energy += b[i] * b[i];
      if (d !== 0) differing++;
      if (Math.abs(d) > maxDifference) maxDifference = Math.abs(d);
    }
  }
  const residualDb = error === 0 ? -Infinity : energy === 0 ? Infinity : 10 * Math.log10(error / energy);
  return { residualDb, maxDifference, differing, referenceRmsDb: 10 * Math.log10(energy / (2 * n)) };
}
