/**
 * The audio of an ear-training question: every version rendered offline in the bounce worker (the
 * same engine as a bounce, so what is heard is exactly the graph), normalised to its loudness
 * target, then played from memory so switching between versions is instant and exact.
 */
import type { Graph } from '../../graph/types';
import { startBounce } from '../../runtime/bounce/bounceClient';
import { exerciseGraphs, loudnessTargets, type Question } from '../../teaching/earTraining';
import { clipsForGraph } from '../bounce/bounceJob';

/** Length of every version, s: long enough to judge, short enough to render in a moment. */
export const QUIZ_SECONDS = 8;
const RATE = 48_000;

async function render(graph: Graph, normalizeLufs?: number): Promise<{ wav: Blob; lufs: number | null }> {
  const job = startBounce(graph, { sampleRate: RATE, seconds: QUIZ_SECONDS, bits: '32f', ...(normalizeLufs !== undefined ? { normalizeLufs } : {}) }, clipsForGraph(graph, RATE), () => {});
  const result = await job.result;
  if (result.status !== 'done') throw new Error(result.status === 'error' ? (result.messages[0] ?? 'the render failed') : 'the render was cancelled');
  return { wav: result.wav, lufs: result.report.loudness.integratedLufs };
}

/** Renders the question's versions, loudness-matched; decodes them for `context`. */
export async function renderQuestion(context: BaseAudioContext, graph: Graph, masterId: string, question: Question): Promise<AudioBuffer[]> {
  const reference = await render(graph);
  if (reference.lufs === null) throw new Error('the source is silent here: pick another source');
  const targets = loudnessTargets(question, reference.lufs);
  const graphs = exerciseGraphs(graph, question, masterId);
  const buffers: AudioBuffer[] = [];
  for (let i = 0; i < graphs.length; i++) {
    const version = await render(graphs[i]!, targets[i]);
    buffers.push(await context.decodeAudioData(await version.wav.arrayBuffer()));
  }
  return buffers;
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
