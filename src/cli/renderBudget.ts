/**
 * Memory limits of a render (issue 10, item 5): the engine's needs are estimated from the plan
 * before anything is allocated, input files are checked from their headers before they are
 * decoded, and each bound clip is prepared (downmixed, resampled) only as far as the render can
 * read it. Over the limit the render is refused with the largest consumers named.
 */
import { totalmem } from 'node:os';
import type { Graph } from '../graph/types';
import type { ClipAudio } from '../nodes/types';
import type { DecodedAudio } from '../runtime/audio-io';
import { formatMiB, probeAudioFile, readAudioFile, resampledLength, toRenderClip } from '../runtime/audio-io';
import { compile, DEFAULT_BLOCK_SIZE, defaultRenderSeconds, estimateRenderMemory, type MemoryConsumer, type Plan } from '../runtime/offline';
import { GraphRenderError } from '../runtime/render';
import { CliError } from './errors';
import { openStreamedInput, type StreamedInput } from './streamedInput';
import { echoName } from './terminalText';

/** Default `--max-memory`: half the machine's RAM, at most 4 GiB (more must be asked for). */
export function defaultMaxMemory(): number {
  return Math.min(Math.floor(totalmem() / 2), 4 * 2 ** 30);
}

/** The clips and length a render will use. */
export interface PreparedRender {
  inputs: Record<string, ClipAudio>;
  /** Render length, seconds: as given, or the default computed from the full clips. */
  seconds: number;
  warnings: string[];
  /** Closes the files of streamed inputs (call when the render is over). */
  close(): void;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : formatMiB(bytes);
}

function refuse(total: number, limit: number, consumers: MemoryConsumer[], explicitLimit: boolean): never {
  const largest = [...consumers]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((c) => `${c.what} ${formatBytes(c.bytes)}`)
    .join('; ');
  throw new CliError(
    `render: needs about ${formatBytes(total)} of memory, more than the ${formatBytes(limit)} allowed ` +
      `(${explicitLimit ? '--max-memory' : 'default: half the RAM, at most 4 GiB'}); largest: ${largest}; ` +
      'raise --max-memory, or use fewer nodes or shorter inputs',
  );
}

/**
 * Checks the memory budget and prepares the bound clips.
 *
 * @param bindings clip name → file, only those some node plays.
 * @param seconds the requested length, or undefined for the default.
 * @param limit bytes allowed; `explicitLimit` says whether the user set it (for the message).
 * @param predecoded clips already decoded (compressed formats), counted but not read again.
 * @param options.sharedMemory decode WAV and AIFF inputs into shared memory (a split render's
 *   worker then reads them without a copy).
 * @param options.streamInputs stream a WAV or AIFF input that one node plays from its file
 *   instead of decoding it (src/cli/streamedInput.ts); inputs read from two places are decoded.
 * @throws CliError over the limit; AudioFileError for unreadable inputs.
 */
export function prepareRender(
  graph: Graph,
  bindings: ReadonlyMap<string, string>,
  sampleRate: number,
  seconds: number | undefined,
  limit: number,
  explicitLimit: boolean,
  predecoded: ReadonlyMap<string, DecodedAudio> = new Map(),
  options: { sharedMemory?: boolean; streamInputs?: boolean } = {},
): PreparedRender {
  const compiled = compile(graph);
  if (!compiled.ok) throw new GraphRenderError(compiled.errors);
  const { plan } = compiled;
  const engine = estimateRenderMemory(plan, sampleRate, DEFAULT_BLOCK_SIZE);
  if (engine.bytes > limit) refuse(engine.bytes, limit, engine.consumers, explicitLimit);

  // A clip one node plays is read in order (a loop or an offset reopens or skips once): it can be
  // streamed. One that several nodes play would be reread from the start for each block.
  const streamed = new Map<string, StreamedInput>();
  const close = () => streamed.forEach((input) => input.close());
  if (options.streamInputs) {
    const readers = new Map<string, number>();
    for (const n of plan.nodes) for (const name of n.definition.clipsUsed?.(n.params) ?? []) readers.set(name, (readers.get(name) ?? 0) + 1);
    try {
      for (const [name, file] of bindings) {
        if (predecoded.has(name) || readers.get(name) !== 1) continue;
        const input = openStreamedInput(file, sampleRate);
        if (input) streamed.set(name, input);
      }
    } catch (error) {
      close();
      throw error;
    }
  }
  try {
    return prepareClips(plan, bindings, sampleRate, seconds, limit, explicitLimit, predecoded, options.sharedMemory, engine, streamed, close);
  } catch (error) {
    close();
    throw error;
  }
}

function prepareClips(
  plan: Plan,
  bindings: ReadonlyMap<string, string>,
  sampleRate: number,
  seconds: number | undefined,
  limit: number,
  explicitLimit: boolean,
  predecoded: ReadonlyMap<string, DecodedAudio>,
  sharedMemory: boolean | undefined,
  engine: { bytes: number; masterLatency: number; consumers: MemoryConsumer[] },
  streamed: ReadonlyMap<string, StreamedInput>,
  close: () => void,
): PreparedRender {
  // Inputs: headers first, so a file too large to decode is refused before it is read.
  const consumers = [...engine.consumers];
  let used = engine.bytes;
  for (const [name, file] of bindings) {
    if (streamed.has(name)) continue;
    const known = predecoded.get(name);
    const decodedBytes = known ? known.channels.reduce((sum, c) => sum + c.byteLength, 0) : probeAudioFile(file).decodedBytes;
    consumers.push({ what: `decoding --input ${name}=${echoName(file)}`, bytes: decodedBytes });
    used += decodedBytes;
    if (used > limit) refuse(used, limit, consumers, explicitLimit);
  }
  const decoded = new Map(
    [...bindings]
      .filter(([name]) => !streamed.has(name))
      .map(([name, file]) => [name, predecoded.get(name) ?? readAudioFile(file, { maxDecodedBytes: limit - engine.bytes, sharedMemory })]),
  );
  const warnings = [...bindings.keys()].flatMap((name) => streamed.get(name)?.warnings ?? decoded.get(name)?.warnings ?? []);
  const fullFrames = (name: string): number => {
    const s = streamed.get(name);
    if (s) return s.frames;
    const d = decoded.get(name);
    return d && d.channels.length > 0 ? resampledLength(d.channels[0].length, d.sampleRate, sampleRate) : 0;
  };

  // Length: as given, else from the full clips (length-only stand-ins: nothing is resampled yet).
  const standIns: Record<string, ClipAudio> = {};
  for (const name of [...streamed.keys(), ...decoded.keys()]) {
    const length = { length: fullFrames(name) } as unknown as Float32Array;
    standIns[name] = { left: length, right: length };
  }
  const renderSeconds = seconds ?? defaultRenderSeconds(plan, sampleRate, standIns);
  const engineFrames = Math.round(renderSeconds * sampleRate) + engine.masterLatency;

  // How far each clip is read: the most any node playing it can reach.
  const reach = new Map<string, number>();
  for (const n of plan.nodes) {
    const read = n.definition.clipFramesRead?.(n.params, sampleRate, engineFrames, fullFrames) ?? {};
    for (const [name, frames] of Object.entries(read)) reach.set(name, Math.max(reach.get(name) ?? 0, frames));
  }
  for (const [name] of decoded) {
    const frames = reach.get(name) ?? fullFrames(name);
    consumers.push({ what: `clip file:${name} at ${sampleRate} Hz (${frames} frames)`, bytes: frames * 2 * 4 });
  }
  const total = consumers.reduce((sum, c) => sum + c.bytes, 0);
  if (total > limit) refuse(total, limit, consumers, explicitLimit);

  const inputs: Record<string, ClipAudio> = {};
  // The decoded files are dropped here, so a stereo file at the render's rate becomes the clip as
  // it is (adopted, not copied).
  for (const [name, audio] of decoded) inputs[name] = toRenderClip(audio, sampleRate, reach.get(name) ?? fullFrames(name), { adopt: true });
  for (const [name, input] of streamed) inputs[name] = input.clip;
  return { inputs, seconds: renderSeconds, warnings, close };
}
