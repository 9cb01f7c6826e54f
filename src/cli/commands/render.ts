/**
 * `mixgraph render GRAPH.json -o OUT.wav [--input NAME=FILE]... [--rate HZ] [--seconds S]
 * [--bits 16|24|32f] [--normalize LUFS] [--json]`
 */
import { basename } from 'node:path';
import { resolveParams } from '../../graph/catalog';
import { getNodeDefinition } from '../../nodes/registry';
import type { DecodedAudio } from '../../runtime/audio-io';
import { readCompressedAudioFile } from '../../runtime/audio-io/decoders/readAnyAudioFile';
import {
  openWavFileWriter,
  removeStaleTemporaryFiles,
  resolveOutputTarget,
  type WavBits,
} from '../../runtime/audio-io';
import { SUPPORTED_SAMPLE_RATES } from '../../runtime/offline';
import { renderFrameCount, renderGraph, type RenderReport } from '../../runtime/render';
import { CliError, usageError } from '../errors';
import { formatDb, formatDuration } from '../format';
import { graphFilePath, loadGraph } from '../loadGraph';
import { checkOutputIsNotAnInput } from '../outputSafety';
import { withCancelOnSignals } from '../signals';
import { printLines, terminalSafe } from '../terminalText';
import { parseChoice, parseInputBindings, parseNumberOption, parseSizeOption } from '../parseOptions';
import { defaultMaxMemory, prepareRender } from '../renderBudget';
import { createProgress } from '../progress';
import { dropSpareMeter, meterThreadBesideSplit, prewarmMeterThread, renderLoudnessProbe, splitRenderLoudnessProbe } from './renderMeterThread';
import { prewarmRenderWorker, renderSplitLauncher, splitMayFollow } from './renderSplitThread';
import { dropEarlyThreads } from './renderWorkerUrl';
import { shareClips } from '../../runtime/offline/split';

export interface RenderCommandOptions {
  output?: string;
  input: string[];
  rate?: string;
  seconds?: string;
  bits?: string;
  normalize?: string;
  json?: boolean;
  maxMemory?: string;
  format?: string;
}

const BITS = ['16', '24', '32f'] as const;

export async function renderCommand(graphArg: string, options: RenderCommandOptions): Promise<number> {
  if (!options.output) throw usageError('render: missing -o OUT.wav');
  const sampleRate = options.rate === undefined ? 48000 : parseNumberOption('--rate', options.rate, 1, 1e6, 'Hz');
  if (!SUPPORTED_SAMPLE_RATES.includes(sampleRate)) {
    throw usageError(`--rate: ${sampleRate} Hz is not supported; use ${SUPPORTED_SAMPLE_RATES.join(', ')}`);
  }
  const seconds = options.seconds === undefined ? undefined : parseNumberOption('--seconds', options.seconds, 0.001, 86400, 's');
  const bitsChoice = parseChoice('--bits', options.bits ?? '24', BITS);
  const bits: WavBits = bitsChoice === '32f' ? '32f' : (Number(bitsChoice) as 16 | 24);
  const container = parseChoice('--format', options.format ?? 'wav', ['wav', 'rf64'] as const);
  const normalizeLufs =
    options.normalize === undefined ? undefined : parseNumberOption('--normalize', options.normalize, -70, 0, 'LUFS');
  const bindings = parseInputBindings(options.input);
  const maxMemory = options.maxMemory === undefined ? defaultMaxMemory() : parseSizeOption('--max-memory', options.maxMemory);

  const { graph, source, warnings } = loadGraph(graphArg);
  // The worker thread of a split render loads while the inputs are read (renderSplitThread.ts).
  prewarmRenderWorker(seconds);
  // A split render meters in a thread of its own too: load that one now as well.
  if (splitMayFollow()) prewarmMeterThread();
  // Threads bin/mixgraph.mjs started early that neither call adopted cost CPU for nothing.
  dropEarlyThreads();

  // Decide what the output is before anything is read or written: a device, FIFO or `-` is
  // streamed to, a file goes through temp + rename, and it may not be one of the inputs.
  const target = resolveOutputTarget(options.output);
  const graphFile = graphFilePath(graphArg);
  checkOutputIsNotAnInput(target, [
    ...(graphFile === undefined ? [] : [{ role: 'the graph', path: graphFile }]),
    ...[...bindings].map(([name, file]) => ({ role: `--input ${name}`, path: file })),
  ]);
  if (target.kind === 'file') {
    for (const stale of removeStaleTemporaryFiles(target.writePath)) {
      warnings.push(`removed ${stale}, left behind by an earlier render that was killed`);
    }
  }

  // Every file: clip must be bound before anything is written.
  const needed = new Set<string>();
  for (const node of graph.nodes) {
    const def = getNodeDefinition(node.type);
    for (const name of def?.clipsUsed?.(resolveParams(def, node.params)) ?? []) {
      needed.add(name);
      if (!bindings.has(name)) {
        throw new CliError(`${source}: node "${node.id}" plays clip file:${name}, but no audio is bound; pass --input ${name}=FILE`);
      }
    }
  }
  for (const name of bindings.keys()) {
    if (!needed.has(name)) warnings.push(`--input ${name}: no node plays file:${name}; ignored`);
  }
  const usedBindings = new Map([...bindings].filter(([name]) => needed.has(name)));
  // FLAC, MP3 and Ogg are decoded whole (their length is known only then); WAV and AIFF are read
  // by prepareRender, headers first.
  const compressed = new Map<string, DecodedAudio>();
  for (const [name, file] of usedBindings) {
    const decoded = await readCompressedAudioFile(file);
    if (decoded) compressed.set(name, decoded);
  }
  // A WAV or AIFF input one node plays is streamed from its file (a split render's worker reads
  // its own stream); others are decoded, into shared memory when a split is likely.
  const prepared = prepareRender(graph, usedBindings, sampleRate, seconds, maxMemory, options.maxMemory !== undefined, compressed, {
    sharedMemory: splitMayFollow(),
    streamInputs: true,
  });
  warnings.push(...prepared.warnings);

  const frames = renderFrameCount(graph, { sampleRate, seconds: prepared.seconds, inputs: prepared.inputs });
  // A split render meters in a thread of its own when a third core is there (the meter's cost
  // then leaves the main side of the cut), else on the main thread (docs/performance.md).
  const meterInline = !meterThreadBesideSplit(sampleRate, frames);
  const split = await renderSplitLauncher(sampleRate, frames, meterInline);
  if (meterInline) dropSpareMeter();
  const loudnessProbe = split ? splitRenderLoudnessProbe : renderLoudnessProbe;
  // A split render's worker reads the input clips where they are: in shared memory (moved, not
  // kept twice).
  if (split) prepared.inputs = shareClips(prepared.inputs);
  const request = { sampleRate, seconds: prepared.seconds, inputs: prepared.inputs, normalizeLufs, loudnessProbe, split };
  const writer = openWavFileWriter(options.output, { sampleRate, bits, container, expectedFrames: frames });
  const progress = createProgress(`rendering ${basename(options.output)}`);
  let report: RenderReport;
  try {
    report = await withCancelOnSignals((signal) =>
      renderGraph(
        graph,
        { ...request, signal, onProgress: (d, t) => progress.update(d, t) },
        (left, right, frames) => writer.write(left, right, frames),
      ),
    );
    progress.stop();
    writer.close();
  } catch (error) {
    progress.stop();
    writer.abort();
    throw error;
  } finally {
    dropSpareMeter(); // unused when the render metered inline after all
    prepared.close();
  }

  const { clippedSamples, peak } = writer.clipStats;
  if (clippedSamples > 0) {
    warnings.push(
      `${clippedSamples} samples clipped in the ${bitsChoice}-bit output (peak ${(20 * Math.log10(peak)).toFixed(2)} dBFS); ` +
        'lower the level, end the chain with a limiter, or write --bits 32f',
    );
  }
  const allWarnings = [...warnings, ...report.warnings];
  for (const w of allWarnings) printLines('warning: ', w);
  // With `-o -` the WAV is on stdout: the report goes to stderr.
  const reportStream = target.kind === 'stream' && target.stdout ? process.stderr : process.stdout;
  const shownOutput = target.kind === 'stream' && target.stdout ? '-' : options.output;
  if (options.json) {
    reportStream.write(`${JSON.stringify(renderJson(shownOutput, bitsChoice, report, allWarnings))}\n`);
  } else {
    reportStream.write(terminalSafe(renderText(source, shownOutput, bitsChoice, report)));
  }
  return 0;
}

function renderJson(output: string, bits: string, r: RenderReport, warnings: string[]) {
  return {
    output,
    sampleRate: r.sampleRate,
    bits,
    seconds: r.seconds,
    frames: r.frames,
    ...r.loudness,
    normalizeGainDb: r.normalizeGainDb,
    latencySamples: r.latencySamples,
    elapsedMs: Math.round(r.elapsedMs),
    realtimeFactor: Number(r.realtimeFactor.toFixed(1)),
    threads: r.threads,
    warnings,
  };
}

function renderText(source: string, output: string, bits: string, r: RenderReport): string {
  const l = r.loudness;
  const lines = [
    `rendered ${source} → ${output}`,
    `  length     ${formatDuration(r.seconds)} at ${r.sampleRate} Hz, ${bits === '32f' ? '32-bit float' : `${bits}-bit`}`,
    `  loudness   ${formatDb(l.integratedLufs, 'LUFS')} integrated, range ${l.loudnessRangeLu === null ? '–' : `${l.loudnessRangeLu.toFixed(1)} LU`}`,
    `  peaks      ${formatDb(l.truePeakDbtp, 'dBTP')} true peak, ${formatDb(l.samplePeakDbfs, 'dBFS')} sample peak`,
  ];
  if (r.normalizeGainDb !== null) lines.push(`  normalised ${r.normalizeGainDb >= 0 ? '+' : ''}${r.normalizeGainDb.toFixed(2)} dB`);
  lines.push(`  speed      ${r.realtimeFactor.toFixed(1)}× realtime (${(r.elapsedMs / 1000).toFixed(2)} s)`);
  return `${lines.join('\n')}\n`;
}
