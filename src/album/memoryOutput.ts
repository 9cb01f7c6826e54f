/**
 * A {@link TrackOutput} that encodes into memory with the same streaming WAV encoder (and dither
 * seed) as the CLI's file writer, so the editor's WAV bytes equal the CLI's. Pure.
 */
import { createWavStreamEncoder, type WavBits } from '../runtime/audio-io/portable';
import type { TrackOutput } from './renderTrack';

export function memoryWavOutput(sampleRate: number, bits: WavBits, onCommit: (wav: Uint8Array) => void): TrackOutput {
  const encoder = createWavStreamEncoder({ sampleRate, channels: 2, bits });
  const chunks: Uint8Array[] = [];
  let length = 0;
  return {
    write(left, right, frames) {
      const bytes = encoder.encode(left, right, frames).slice();
      chunks.push(bytes);
      length += bytes.length;
    },
    commit() {
      const header = encoder.header();
      const wav = new Uint8Array(header.length + length);
      wav.set(header, 0);
      let at = header.length;
      for (const c of chunks) {
        wav.set(c, at);
        at += c.length;
      }
      onCommit(wav);
    },
    abort() {
      chunks.length = 0;
    },
  };
}
