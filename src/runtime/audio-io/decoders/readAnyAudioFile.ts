/** Node-only: reads a file and decodes it with {@link decodeAnyAudio} (WAV, AIFF, FLAC, MP3, Ogg). */
import * as fs from 'node:fs';
import { AudioFileError } from '../audioFileError';
import { readAudioFile } from '../fileIo';
import { detectAudioFileKind } from '../decodeAudioFile';
import type { DecodedAudio } from '../types';
import { decodeCompressed } from './compressedDecoders';

/**
 * Reads and decodes an audio file of any supported format.
 * @throws AudioFileError naming `path`.
 */
export async function readAnyAudioFile(path: string): Promise<DecodedAudio> {
  let head: Uint8Array;
  try {
    const fd = fs.openSync(path, 'r');
    try {
      head = new Uint8Array(64);
      fs.readSync(fd, head, 0, 64, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return readAudioFile(path); // reports the read error in the usual words
  }
  const kind = detectAudioFileKind(head);
  if (kind !== 'flac' && kind !== 'mp3' && kind !== 'ogg') return readAudioFile(path);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new AudioFileError(path, undefined, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return decodeCompressed(bytes, kind, path);
}
