/**
 * The work of one bounce, independent of how messages travel (a Worker in the editor, a direct
 * call in tests): validate, render with the offline engine, encode the WAV in memory.
 */
import { parseDocument } from '../document';
import { renderGraph, GraphRenderError } from '../render';
import { RenderAbortedError, RenderOptionError } from '../offline';
import { createWavStreamEncoder, isAudioFileError } from '../audio-io/portable';
import type { BounceMessage, BounceRequest } from './protocol';

/** Progress messages at most this often, so the editor is not flooded. */
const PROGRESS_INTERVAL_MS = 100;

export async function runBounce(
  request: Extract<BounceRequest, { type: 'start' }>,
  post: (message: BounceMessage, transfer?: Transferable[]) => void,
  signal: AbortSignal,
): Promise<void> {
  const parsed = parseDocument(request.document);
  if (!parsed.ok) {
    post({ type: 'error', messages: parsed.errors.map((e) => e.message) });
    return;
  }
  const { options } = request;
  try {
    const encoder = createWavStreamEncoder({ sampleRate: options.sampleRate, channels: 2, bits: options.bits });
    const chunks: Uint8Array[] = [];
    let lastProgress = 0;
    const report = await renderGraph(
      parsed.graph,
      {
        sampleRate: options.sampleRate,
        seconds: options.seconds,
        normalizeLufs: options.normalizeLufs,
        inputs: request.clips,
        signal,
        onProgress: (doneFrames, totalFrames) => {
          const now = Date.now();
          if (now - lastProgress >= PROGRESS_INTERVAL_MS || doneFrames === totalFrames) {
            lastProgress = now;
            post({ type: 'progress', doneFrames, totalFrames });
          }
        },
      },
      // The encoder reuses its buffer, so each block is copied out.
      (left, right, frames) => void chunks.push(encoder.encode(left, right, frames).slice()),
    );
    const header = encoder.header();
    const wav = new Uint8Array(header.length + encoder.dataBytes);
    wav.set(header, 0);
    let at = header.length;
    for (const chunk of chunks) {
      wav.set(chunk, at);
      at += chunk.length;
    }
    post({ type: 'done', wav: wav.buffer, report }, [wav.buffer]);
  } catch (error) {
    if (error instanceof RenderAbortedError) post({ type: 'cancelled' });
    else if (error instanceof GraphRenderError) post({ type: 'error', messages: error.issues.map((i) => i.message) });
    else if (error instanceof RenderOptionError || isAudioFileError(error)) post({ type: 'error', messages: [error.message] });
    else post({ type: 'error', messages: [`bounce failed: ${error instanceof Error ? error.message : String(error)}`] });
  }
}
