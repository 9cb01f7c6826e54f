/**
 * The codec preview's audio-thread half: `CodecPlayout` (src/runtime/codec) in an
 * AudioWorkletProcessor. Input blocks go to the codec worker over a MessagePort (1024 frames at a
 * time), decoded blocks come back the same way; the output is the decoded stream (or the
 * artifacts) a fixed latency behind. While off it only counts frames.
 */
import { CodecPlayout } from '../../runtime/codec/codecPlayout';
import { workletScope } from '../../runtime/live/worklet/workletScope';
import { CODEC_PLAYOUT_PROCESSOR, CODEC_SEND_FRAMES, type PlayoutPlaying, type PlayoutStats, type PlayoutWorkerMessage, type ToPlayoutMessage } from './codecPreviewProtocol';

/** Stats at most this often, frames (~0.25 s at 48 kHz). */
const STATS_FRAMES = 12288;

class CodecPlayoutProcessor extends workletScope.AudioWorkletProcessor {
  private readonly playout: CodecPlayout;
  private worker: MessagePort | null = null;
  private on = false;
  private sendL = new Float32Array(CODEC_SEND_FRAMES);
  private sendR = new Float32Array(CODEC_SEND_FRAMES);
  private sendFill = 0;
  /** Input used while Chromium passes none (one quantum of zeros, never written). */
  private silence = new Float32Array(128);
  private sendStart = 0;
  private sinceStats = 0;
  /** 'playing' was posted for this run. */
  private announced = false;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const { latency } = options.processorOptions as { latency: number };
    this.playout = new CodecPlayout(latency, workletScope.sampleRate);
    this.port.onmessage = (event: MessageEvent<ToPlayoutMessage>) => this.command(event.data);
  }

  private command(m: ToPlayoutMessage): void {
    if (m.kind === 'port') {
      this.worker = m.port;
      this.worker.onmessage = (event: MessageEvent<PlayoutWorkerMessage>) => {
        const d = event.data;
        if (d.kind === 'decoded') this.playout.receive(d.start, d.left, d.right);
      };
    } else if (m.kind === 'enable') {
      if (m.on && !this.on) {
        this.playout.restart(this.playout.nextIndex);
        this.sendFill = 0;
        this.sendStart = this.playout.nextIndex;
        this.announced = false;
      }
      this.on = m.on;
    } else {
      this.playout.setMode(m.artifacts ? 'artifacts' : 'codec');
    }
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0];
    const outL = out?.[0];
    if (outL === undefined) return true;
    const outR = out[1] ?? outL;
    const frames = outL.length;
    const input = inputs[0] ?? [];
    if (!this.on) {
      // Off: silence out, indices keep counting.
      outL.fill(0);
      outR.fill(0);
      this.playout.skip(frames);
      this.sendFill = 0;
      this.sendStart = this.playout.nextIndex;
      return true;
    }
    // While on, an empty input (Chromium passes none while no upstream node is actively
    // processing, e.g. for a few quanta around a reconnection) is silence going in — the decoded
    // stream due now, 200 ms behind, still plays, and the codec's input stays continuous. Writing
    // silence out here instead cut 512-frame gaps into the preview.
    if (input.length === 0 && this.silence.length !== frames) this.silence = new Float32Array(frames);
    const inL = input.length === 0 ? this.silence : input[0];
    const inR = input.length === 0 ? this.silence : (input[1] ?? inL);
    this.playout.process(inL, inR, outL, outR, frames);
    this.sendL.set(inL, this.sendFill);
    this.sendR.set(inR, this.sendFill);
    this.sendFill += frames;
    if (this.sendFill >= CODEC_SEND_FRAMES) {
      const message: PlayoutWorkerMessage = { kind: 'input', start: this.sendStart, left: this.sendL, right: this.sendR };
      this.worker?.postMessage(message, [this.sendL.buffer, this.sendR.buffer]);
      // Transferred: fresh buffers (about 47 a second; the worker owns the sent ones now).
      this.sendL = new Float32Array(CODEC_SEND_FRAMES);
      this.sendR = new Float32Array(CODEC_SEND_FRAMES);
      this.sendStart += this.sendFill;
      this.sendFill = 0;
    }
    if (!this.announced && this.playout.playedFrames > 0) {
      this.announced = true;
      this.port.postMessage({ kind: 'playing' } satisfies PlayoutPlaying);
    }
    this.sinceStats += frames;
    if (this.sinceStats >= STATS_FRAMES) {
      this.sinceStats = 0;
      const stats: PlayoutStats = { kind: 'stats', lateFrames: this.playout.lateFrames, playedFrames: this.playout.playedFrames, matchGain: this.playout.matchGain };
      this.port.postMessage(stats);
    }
    return true;
  }
}

workletScope.registerProcessor(CODEC_PLAYOUT_PROCESSOR, CodecPlayoutProcessor);
