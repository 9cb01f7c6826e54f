/**
 * The one render API that the CLI, the editor's bounce worker and the tests call: graph in,
 * blocks out to a sink, with a BS.1770 loudness report and optional loudness normalisation.
 */
import type { Graph, GraphIssue } from '../graph/types';
import { LoudnessMeter } from '../dsp/loudness';
import { compile } from './offline/compile';
import {
  DEFAULT_SAMPLE_RATE,
  defaultRenderSeconds,
  renderStream,
  type BlockSink,
  type RenderOptions,
  type RenderSummary,
} from './offline/render';
import { EngineError } from './offline/engine';

/** Loudness of a render (ITU-R BS.1770-4 / EBU R128); null where the programme is silent. */
export interface LoudnessReport {
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  truePeakDbtp: number | null;
  samplePeakDbfs: number | null;
  maxMomentaryLufs: number | null;
  maxShortTermLufs: number | null;
}

/**
 * Where the rendered blocks are measured for the closing loudness report. The default runs the
 * BS.1770 meter in the rendering thread; the CLI may hand the blocks to a meter in a worker thread
 * so the measurement runs beside the render. Any probe must report exactly what
 * {@link LoudnessMeter} reports for the same samples.
 */
export interface LoudnessProbe {
  /** Measures `frames` samples; the arrays are reused after the call, so copy what is kept. */
  push(left: Float32Array, right: Float32Array, frames: number): void | Promise<void>;
  /** The report over everything pushed; the probe is done afterwards. */
  finish(): Promise<LoudnessReport>;
  /** Stops the probe early (the render failed or was cancelled); never throws. */
  dispose(): void;
}

/** Makes a {@link LoudnessProbe} for a render of `frames` frames at `sampleRate`. */
export type LoudnessProbeFactory = (sampleRate: number, frames: number) => LoudnessProbe;

/** The default probe: the meter, in the calling thread. */
export function inlineLoudnessProbe(sampleRate: number): LoudnessProbe {
  const meter = new LoudnessMeter(sampleRate);
  return {
    push: (left, right, frames) => meter.push(left, right, frames),
    finish: async () => loudnessReportOf(meter),
    dispose: () => undefined,
  };
}

export interface RenderRequest extends RenderOptions {
  /** Target integrated loudness, LUFS: a gain is applied so the output lands there. */
  normalizeLufs?: number;
  /** Where the loudness report is measured; default {@link inlineLoudnessProbe}. */
  loudnessProbe?: LoudnessProbeFactory;
}

export interface RenderReport extends RenderSummary {
  loudness: LoudnessReport;
  /** Gain applied by normalisation, dB (null without `normalizeLufs`). */
  normalizeGainDb: number | null;
  warnings: string[];
}

/** The graph cannot be rendered as it stands (cycle, missing clip…); `issues` name the nodes. */
export class GraphRenderError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'GraphRenderError';
  }
}

/** The report's six figures from a meter (the CLI's `loudness --json` keys). */
export function loudnessReportOf(meter: LoudnessMeter): LoudnessReport {
  const r = meter.result();
  return {
    integratedLufs: r.integratedLufs,
    loudnessRangeLu: r.loudnessRangeLu,
    truePeakDbtp: r.truePeakDbtp,
    samplePeakDbfs: r.samplePeakDbfs,
    maxMomentaryLufs: r.maxMomentaryLufs,
    maxShortTermLufs: r.maxShortTermLufs,
  };
}

/**
 * Frames a render of `graph` with `request` will deliver to its sink (round(seconds · rate)), known
 * before rendering: a writer announces it in the WAV header and checks the 4 GiB limit up front.
 * @throws GraphRenderError when the graph does not compile.
 */
export function renderFrameCount(graph: Graph, request: RenderOptions = {}): number {
  const compiled = compile(graph);
  if (!compiled.ok) throw new GraphRenderError(compiled.errors);
  const sampleRate = request.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const seconds = request.seconds ?? defaultRenderSeconds(compiled.plan, sampleRate, request.inputs);
  return Math.round(seconds * sampleRate);
}

/**
 * Renders a validated graph into `sink` (omit it to only measure). With `normalizeLufs` the graph
 * is rendered twice — once to measure, once to write — so memory stays constant.
 */
export async function renderGraph(graph: Graph, request: RenderRequest = {}, sink?: BlockSink): Promise<RenderReport> {
  const compiled = compile(graph);
  if (!compiled.ok) throw new GraphRenderError(compiled.errors);
  const { plan } = compiled;
  const sampleRate = request.sampleRate ?? 48000;
  const warnings: string[] = [];
  if (plan.unused.length > 0) warnings.push(`not connected to the output, left out: ${plan.unused.join(', ')}`);

  const makeProbe = request.loudnessProbe ?? inlineLoudnessProbe;
  const totalFrames = Math.round((request.seconds ?? defaultRenderSeconds(plan, sampleRate, request.inputs)) * sampleRate);
  const probes: LoudnessProbe[] = [];
  try {
    let gain = 1;
    let normalizeGainDb: number | null = null;
    let measureSeconds = 0;
    if (request.normalizeLufs !== undefined) {
      const probe = makeProbe(sampleRate, totalFrames);
      probes.push(probe);
      const pass = await renderStream(plan, { ...request, onProgress: halfProgress(request, 0) }, (l, r, n) => probe.push(l, r, n));
      const measured = (await probe.finish()).integratedLufs;
      measureSeconds = pass.elapsedMs / 1000;
      if (measured === null) throw new GraphRenderError([{ path: 'render', message: 'cannot normalise: the render is silent' }]);
      normalizeGainDb = request.normalizeLufs - measured;
      gain = Math.pow(10, normalizeGainDb / 20);
    }
    const probe = makeProbe(sampleRate, totalFrames);
    probes.push(probe);
    const summary = await renderStream(
      plan,
      { ...request, onProgress: request.normalizeLufs !== undefined ? halfProgress(request, 1) : request.onProgress },
      (left, right, frames) => {
        if (gain !== 1) {
          for (let i = 0; i < frames; i++) {
            left[i] *= gain;
            right[i] *= gain;
          }
        }
        const measured = probe.push(left, right, frames);
        const written = sink?.(left, right, frames);
        return measured || written ? Promise.all([measured, written]).then(() => undefined) : undefined;
      },
    );
    const finishing = performance.now();
    const loudness = await probe.finish();
    const finishMs = performance.now() - finishing;
    if (normalizeGainDb !== null && loudness.truePeakDbtp !== null && loudness.truePeakDbtp > 0) {
      warnings.push(
        `after normalising to ${request.normalizeLufs} LUFS the true peak is ${loudness.truePeakDbtp.toFixed(2)} dBTP (over 0 dBTP: it will clip); put a limiter before the output`,
      );
    }
    // Speed counts both passes when normalising: that is what the user waited for.
    // …and the wait for a meter that runs beside the render to finish.
    const elapsedMs = summary.elapsedMs + measureSeconds * 1000 + finishMs;
    return {
      ...summary,
      elapsedMs,
      realtimeFactor: summary.seconds / (elapsedMs / 1000),
      loudness,
      normalizeGainDb,
      warnings,
    };
  } catch (error) {
    if (error instanceof EngineError) throw new GraphRenderError(error.issues);
    throw error;
  } finally {
    for (const p of probes) p.dispose();
  }
}

/** Maps a two-pass render's progress onto one 0..total bar. */
function halfProgress(request: RenderOptions, pass: 0 | 1): RenderOptions['onProgress'] {
  const report = request.onProgress;
  if (!report) return undefined;
  return (done, total) => report(pass * total + done, 2 * total);
}
