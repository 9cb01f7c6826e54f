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

export interface RenderRequest extends RenderOptions {
  /** Target integrated loudness, LUFS: a gain is applied so the output lands there. */
  normalizeLufs?: number;
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

  try {
    let gain = 1;
    let normalizeGainDb: number | null = null;
    let measureSeconds = 0;
    if (request.normalizeLufs !== undefined) {
      const probe = new LoudnessMeter(sampleRate);
      const pass = await renderStream(plan, { ...request, onProgress: halfProgress(request, 0) }, (l, r, n) => probe.push(l, r, n));
      measureSeconds = pass.elapsedMs / 1000;
      const measured = probe.result().integratedLufs;
      if (measured === null) throw new GraphRenderError([{ path: 'render', message: 'cannot normalise: the render is silent' }]);
      normalizeGainDb = request.normalizeLufs - measured;
      gain = Math.pow(10, normalizeGainDb / 20);
    }
    const meter = new LoudnessMeter(sampleRate);
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
        meter.push(left, right, frames);
        return sink?.(left, right, frames);
      },
    );
    const loudness = loudnessReportOf(meter);
    if (normalizeGainDb !== null && loudness.truePeakDbtp !== null && loudness.truePeakDbtp > 0) {
      warnings.push(
        `after normalising to ${request.normalizeLufs} LUFS the true peak is ${loudness.truePeakDbtp.toFixed(2)} dBTP (over 0 dBTP: it will clip); put a limiter before the output`,
      );
    }
    // Speed counts both passes when normalising: that is what the user waited for.
    const elapsedMs = summary.elapsedMs + measureSeconds * 1000;
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
  }
}

/** Maps a two-pass render's progress onto one 0..total bar. */
function halfProgress(request: RenderOptions, pass: 0 | 1): RenderOptions['onProgress'] {
  const report = request.onProgress;
  if (!report) return undefined;
  return (done, total) => report(pass * total + done, 2 * total);
}
