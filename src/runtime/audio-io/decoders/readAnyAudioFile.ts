/** Node-only: reads a file and decodes it with {@link decodeAnyAudio} (WAV, AIFF, FLAC, MP3, Ogg). */
import { readAudioFile, readRegularFileBytes, sniffAudioFileKind, type ReadAudioFileOptions } from '../fileIo';
import type { DecodedAudio } from '../types';
import { decodeCompressed } from './compressedDecoders';

/**
 * Largest compressed file read: its samples are only known after decoding, so the file size is
 * the bound (1 GiB of MP3 at 128 kbit/s is 18 hours).
 */
export const MAX_COMPRESSED_FILE_BYTES = 2 ** 30;

/**
 * Decodes a FLAC, MP3 or Ogg file; `undefined` for any other kind (WAV and AIFF are read, headers
 * first, by {@link readAudioFile}). Non-regular files are refused before they are opened.
 * @throws AudioFileError naming `path`.
 */
export async function readCompressedAudioFile(path: string): Promise<DecodedAudio | undefined> {
  const kind = sniffAudioFileKind(path);
  if (kind !== 'flac' && kind !== 'mp3' && kind !== 'ogg') return undefined;
  return decodeCompressed(readRegularFileBytes(path, MAX_COMPRESSED_FILE_BYTES), kind, path);
}

/**
 * Reads and decodes an audio file of any supported format.
 * @throws AudioFileError naming `path`.
 */
export async function readAnyAudioFile(path: string, options: ReadAudioFileOptions = {}): Promise<DecodedAudio> {
  return (await readCompressedAudioFile(path)) ?? readAudioFile(path, options);
}
