/** Messages between the editor and the bounce worker. */
import type { WavBits } from '../audio-io/portable';
import type { ClipAudio } from '../../nodes/types';
import type { RenderReport } from '../render';

export interface BounceOptions {
  /** Hz; one of 44100, 48000, 88200, 96000. */
  sampleRate: number;
  /** Length in seconds; omit for the default (longest non-looping clip, else 30 s). */
  seconds?: number;
  bits: WavBits;
  /** Integrated loudness target in LUFS, if any. */
  normalizeLufs?: number;
}

export type BounceRequest =
  | {
      type: 'start';
      /** The raw document: the worker validates it like any import. */
      document: unknown;
      options: BounceOptions;
      /** Bound `file:<name>` clips, already at `options.sampleRate`. */
      clips: Record<string, ClipAudio>;
    }
  | { type: 'cancel' };

export type BounceMessage =
  | { type: 'progress'; doneFrames: number; totalFrames: number }
  | { type: 'done'; wav: ArrayBuffer; report: RenderReport }
  | { type: 'cancelled' }
  | { type: 'error'; messages: string[] };
