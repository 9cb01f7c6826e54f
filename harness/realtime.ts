/**
 * The live engine in a real-time AudioContext (the production worklet bundle, the real clock):
 * plays a preset, records the master with a ScriptProcessorNode (a test tap only), and measures
 * its loudness with the same BS.1770 meter as the CLI, next to the offline render's.
 */
import type { Graph } from '../src/graph/types';
import { LoudnessMeter } from '../src/dsp/loudness';
import { parseDocument } from '../src/runtime/document';
import { LiveEngine } from '../src/runtime/live/liveEngine';
import { findBuiltInPreset } from '../src/runtime/presets';
import { renderGraph } from '../src/runtime/render';
import { SAMPLE_RATE } from './render';

export interface RealtimeResult {
  contextState: string;
  /** Context seconds that passed while recording. */
  contextSeconds: number;
  liveIntegratedLufs: number | null;
  offlineIntegratedLufs: number | null;
  /** Largest gain reduction reported by each compressor/limiter while playing, dB. */
  gainReductionDb: Record<string, number>;
  /** Largest |sample| an analyser on the master node saw. */
  analyserPeak: number;
  positionSeconds: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function presetGraph(name: string): Graph {
  const preset = findBuiltInPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  const parsed = parseDocument(preset.document);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.graph;
}

export async function runRealtime(presetName: string, seconds: number): Promise<RealtimeResult> {
  const graph = presetGraph(presetName);
  const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'playback' });
  await context.resume();
  const engine = await LiveEngine.create(context);
  const result = engine.update(graph);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const meter = new LoudnessMeter(SAMPLE_RATE);
  const tap = context.createScriptProcessor(4096, 2, 2);
  let recorded = 0;
  const wanted = Math.round(seconds * SAMPLE_RATE);
  tap.onaudioprocess = (e) => {
    if (recorded >= wanted || !engine.playing) return;
    const n = Math.min(e.inputBuffer.length, wanted - recorded);
    meter.push(e.inputBuffer.getChannelData(0), e.inputBuffer.getChannelData(1), n);
    recorded += n;
  };
  engine.masterBus.connect(tap);
  tap.connect(context.destination);

  const dynamics = graph.nodes.filter((n) => n.type === 'compressor' || n.type === 'limiter').map((n) => n.id);
  const gainReductionDb: Record<string, number> = Object.fromEntries(dynamics.map((id) => [id, 0]));
  const master = graph.nodes.find((n) => n.type === 'output')!.id;
  const analyser = engine.analyserFor(master)!;
  const frame = new Float32Array(analyser.fftSize);
  let analyserPeak = 0;

  const t0 = context.currentTime;
  engine.start(context.currentTime + 0.05, 0);
  const deadline = performance.now() + seconds * 1000 * 3 + 5000;
  while (recorded < wanted && performance.now() < deadline) {
    await sleep(50);
    for (const id of dynamics) gainReductionDb[id] = Math.max(gainReductionDb[id], engine.gainReductionDb(id));
    analyser.getFloatTimeDomainData(frame);
    for (const v of frame) analyserPeak = Math.max(analyserPeak, Math.abs(v));
  }
  const positionSeconds = engine.positionSeconds();
  const contextSeconds = context.currentTime - t0;
  const contextState = context.state;
  engine.stop();
  engine.dispose();
  tap.disconnect();
  await context.close();

  const offline = await renderGraph(graph, { sampleRate: SAMPLE_RATE, seconds });
  return {
    contextState,
    contextSeconds,
    liveIntegratedLufs: meter.result().integratedLufs,
    offlineIntegratedLufs: offline.loudness.integratedLufs,
    gainReductionDb,
    analyserPeak,
    positionSeconds,
  };
}
