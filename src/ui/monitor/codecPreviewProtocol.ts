/**
 * Messages of the codec preview: between the main thread, the codec worker (`codecWorker.ts`) and
 * the playout worklet (`codecPreview.worklet.ts`), which talk to each other directly over a
 * MessageChannel so the main thread never relays audio.
 */

/** Codecs the preview offers. MP3 is ours (lamejs + mpg123, in the worker); Opus and AAC need WebCodecs. */
export type PreviewCodec = 'mp3' | 'opus' | 'aac';

/** One codec setting. */
export interface CodecChoice {
  codec: PreviewCodec;
  kbps: number;
}

/** Name the playout processor is registered under. */
export const CODEC_PLAYOUT_PROCESSOR = 'mixgraph-codec-playout';

/** Frames the worklet collects before sending them to the worker (8 render quanta). */
export const CODEC_SEND_FRAMES = 1024;

/** Main → worklet. */
export type ToPlayoutMessage =
  | { kind: 'port'; port: MessagePort }
  | { kind: 'enable'; on: boolean }
  | { kind: 'mode'; artifacts: boolean };

/** Worklet → main: the first decoded frames are playing (the codec path may fade in). */
export interface PlayoutPlaying {
  kind: 'playing';
}

/** Worklet → main: how the preview is doing, ~4 times a second while on. */
export interface PlayoutStats {
  kind: 'stats';
  /** Frames that were due before the codec delivered them, since the preview was switched on. */
  lateFrames: number;
  playedFrames: number;
  matchGain: number;
}

/** Worklet ↔ worker, over the channel. */
export type PlayoutWorkerMessage =
  | { kind: 'input'; start: number; left: Float32Array; right: Float32Array }
  | { kind: 'decoded'; start: number; left: Float32Array; right: Float32Array };

/** What the browser can do, per WebCodecs codec: supported, else why not. */
export interface CodecSupport {
  codec: PreviewCodec;
  supported: boolean;
  /** Codec delay compensated, frames (measured once by correlation for WebCodecs codecs). */
  delayFrames: number | null;
  /** Why it is not offered (shown in the panel). */
  reason: string | null;
}

/** Main → worker. */
export type ToCodecWorkerMessage =
  | { kind: 'port'; port: MessagePort }
  | { kind: 'probe'; sampleRate: number }
  | { kind: 'use'; choice: CodecChoice | null; sampleRate: number };

/** Worker → main. */
export type FromCodecWorkerMessage =
  | { kind: 'support'; support: CodecSupport[] }
  /** A codec opened: the worklet may start sending (the first time). */
  | { kind: 'ready' }
  | { kind: 'error'; message: string };
