/**
 * The audio of an ear-training question: every version rendered offline in the bounce worker (the
 * same engine as a bounce, so what is heard is exactly the graph), normalised to its loudness
 * target, then played from memory so switching between versions is instant and exact.
 */
import type { Graph } from '../../graph/types';
import { startBounce } from '../../runtime/bounce/bounceClient';
import { exerciseGraphs, type Question } from '../../teaching/earTraining';
import { clipsForGraph } from '../bounce/bounceJob';

/** Length of every version, s: long enough to judge, short enough to render in a moment. */
export const QUIZ_SECONDS = 8;
const RATE = 48_000;

async function render(graph: Graph): Promise<{ wav: Blob; lufs: number | null }> {
  const job = startBounce(graph, { sampleRate: RATE, seconds: QUIZ_SECONDS, bits: '32f' }, clipsForGraph(graph, RATE), () => {});
  const result = await job.result;
  if (result.status !== 'done') throw new Error(result.status === 'error' ? (result.messages[0] ?? 'the render failed') : 'the render was cancelled');
  return { wav: result.wav, lufs: result.report.loudness.integratedLufs };
}

/**
 * Renders `versions`, each levelled to `reference`'s integrated loudness plus its offset (LU), and
 * decodes them for `context`. Each graph renders once: its loudness comes with the render, and the
 * gain is applied to the decoded 32-bit float samples — the same gain `renderGraph`'s normalisation
 * would apply, without its second pass. A version identical to the reference reuses its render.
 */
export async function renderMatched(context: BaseAudioContext, reference: Graph, versions: readonly Graph[], offsetsLu: readonly number[]): Promise<AudioBuffer[]> {
  const measured = await render(reference);
  if (measured.lufs === null) throw new Error('the source is silent here: pick another source');
  const buffers: AudioBuffer[] = [];
  for (let i = 0; i < versions.length; i++) {
    const version = versions[i] === reference ? measured : await render(versions[i]!);
    if (version.lufs === null) throw new Error('a version is silent: pick another source');
    const buffer = await context.decodeAudioData(await version.wav.arrayBuffer());
    const gain = 10 ** ((measured.lufs + (offsetsLu[i] ?? 0) - version.lufs) / 20);
    for (let c = 0; c < buffer.numberOfChannels; c++) {
      const samples = buffer.getChannelData(c);
      for (let n = 0; n < samples.length; n++) samples[n]! *= gain;
    }
    buffers.push(buffer);
  }
  return buffers;
}

/** Renders the question's versions, loudness-matched to the unprocessed source; decodes them for `context`. */
export function renderQuestion(context: BaseAudioContext, graph: Graph, masterId: string, question: Question): Promise<AudioBuffer[]> {
  return renderMatched(context, graph, exerciseGraphs(graph, question, masterId), question.loudnessOffsetsLu);
}

/** Plays one buffer at a time, each switch crossfaded over 20 ms (no click), continuing at the same place. */
export class QuizPlayer {
  private source: AudioBufferSourceNode | null = null;
  private gain: GainNode | null = null;
  private startedAt = 0;
  private offset = 0;

  constructor(private readonly context: AudioContext) {}

  /** Plays `buffer` (looping) from where the previous version was. */
  play(buffer: AudioBuffer): void {
    const now = this.context.currentTime;
    const position = this.source === null ? 0 : (this.offset + now - this.startedAt) % buffer.duration;
    this.fadeOut();
    const gain = this.context.createGain();
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(1, now + 0.02);
    gain.connect(this.context.destination);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    source.connect(gain);
    source.start(now, position);
    this.source = source;
    this.gain = gain;
    this.startedAt = now;
    this.offset = position;
  }

  stop(): void {
    this.fadeOut();
    this.source = null;
  }

  private fadeOut(): void {
    if (this.source === null || this.gain === null) return;
    const now = this.context.currentTime;
    this.gain.gain.setValueAtTime(this.gain.gain.value, now);
    this.gain.gain.linearRampToValueAtTime(0, now + 0.02);
    this.source.stop(now + 0.03);
  }
}
