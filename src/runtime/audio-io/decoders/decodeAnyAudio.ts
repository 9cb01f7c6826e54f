/**
 * Decodes every format the CLI and the album read: WAV/RF64/BW64 and AIFF through the project's
 * own readers (`decodeAudioFile`), FLAC, MP3 and Ogg Opus/Vorbis through the WebAssembly decoders
 * (compressedDecoders.ts). Chosen by the file's leading bytes, never its name. Pure and async.
 */
import { decodeAudioFile, detectAudioFileKind } from '../decodeAudioFile';
import type { DecodedAudio } from '../types';
import { decodeCompressed } from './compressedDecoders';

/** @throws AudioFileError naming `name` for unsupported or damaged files. */
export async function decodeAnyAudio(bytes: Uint8Array, name = 'input'): Promise<DecodedAudio> {
  const kind = detectAudioFileKind(bytes);
  if (kind === 'flac' || kind === 'mp3' || kind === 'ogg') return decodeCompressed(bytes, kind, name);
  return decodeAudioFile(bytes, name);
}
