/**
 * Main-thread side of the codec preview: the playout worklet node (audio thread), the codec
 * worker, and the MessageChannel that joins them directly. Loaded on first use: nothing of it
 * exists until someone turns the preview on.
 */
import workletUrl from './codecPreview.worklet?worker&url';
import { CODEC_PLAYOUT_PROCESSOR, type CodecChoice, type CodecSupport, type FromCodecWorkerMessage, type PlayoutPlaying, type PlayoutStats, type ToCodecWorkerMessage, type ToPlayoutMessage } from './codecPreviewProtocol';

/** Latency of the preview, s: the codec path plays this far behind the dry signal. */
export const CODEC_PREVIEW_LATENCY_SECONDS = 0.2;

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** The preview's nodes and worker. */
export class CodecPreviewNode {
  /** Connect what is monitored here; its output is the decode (or the artifacts), 0.2 s later. */
  readonly node: AudioWorkletNode;
  private readonly worker: Worker;
  /** Latest stats from the worklet. */
  stats: PlayoutStats | null = null;
  /** Latest error from the worker. */
  onError: (message: string) => void = () => {};
  /** The first decoded frames of a run are playing. */
  onPlaying: () => void = () => {};
  /** Decoded frames are playing (from the worklet's first of a run until the preview stops). */
  playing = false;
  /** A codec is chosen; the worklet sends input once the worker has one open. */
  private wanted = false;
  private readonly support: Promise<CodecSupport[]>;

  private constructor(private readonly context: BaseAudioContext) {
    this.node = new AudioWorkletNode(context, CODEC_PLAYOUT_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      channelCount: 2,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions: { latency: Math.round(CODEC_PREVIEW_LATENCY_SECONDS * context.sampleRate) },
    });
    this.node.port.onmessage = (e: MessageEvent<PlayoutStats | PlayoutPlaying>) => {
      if (e.data.kind === 'stats') this.stats = e.data;
      else if (this.wanted) {
        this.playing = true;
        this.onPlaying();
      }
    };
    this.worker = new Worker(new URL('./codecWorker.ts', import.meta.url), { type: 'module' });
    const channel = new MessageChannel();
    this.node.port.postMessage({ kind: 'port', port: channel.port1 } satisfies ToPlayoutMessage, [channel.port1]);
    this.worker.postMessage({ kind: 'port', port: channel.port2 } satisfies ToCodecWorkerMessage, [channel.port2]);
    let resolveSupport: (s: CodecSupport[]) => void = () => {};
    this.support = new Promise((r) => (resolveSupport = r));
    this.worker.onmessage = (e: MessageEvent<FromCodecWorkerMessage>) => {
      if (e.data.kind === 'support') resolveSupport(e.data.support);
      else if (e.data.kind === 'ready') this.enable(this.wanted);
      else this.onError(e.data.message);
    };
    this.worker.onerror = (e) => this.onError(`the codec worker failed: ${e.message || 'unknown error'}`);
  }

  /** Creates the preview on `context` (loads the worklet module once per context). */
  static async create(context: BaseAudioContext): Promise<CodecPreviewNode> {
    let pending = loaded.get(context);
    if (!pending) {
      pending = context.audioWorklet.addModule(workletUrl);
      loaded.set(context, pending);
    }
    await pending;
    return new CodecPreviewNode(context);
  }

  /** Which WebCodecs codecs this browser has (asked once). */
  webCodecs(): Promise<CodecSupport[]> {
    this.send({ kind: 'probe', sampleRate: this.context.sampleRate });
    return this.support;
  }

  /**
   * Runs `choice` (null: stops the codec and the worklet's sending). The worklet starts sending
   * only when the worker has the codec open, so no input queues up behind its start.
   */
  use(choice: CodecChoice | null): void {
    this.wanted = choice !== null;
    this.send({ kind: 'use', choice, sampleRate: this.context.sampleRate });
    if (choice === null) {
      this.playing = false;
      this.enable(false);
    }
  }

  private enable(on: boolean): void {
    this.node.port.postMessage({ kind: 'enable', on } satisfies ToPlayoutMessage);
  }

  /** Plays the artifacts (g·decoded − dry) instead of the decode; a 10 ms crossfade. */
  setArtifacts(on: boolean): void {
    this.node.port.postMessage({ kind: 'mode', artifacts: on } satisfies ToPlayoutMessage);
  }

  private send(m: ToCodecWorkerMessage): void {
    this.worker.postMessage(m);
  }
}
