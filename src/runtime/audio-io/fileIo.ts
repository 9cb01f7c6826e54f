/**
 * Node-only file helpers: read and decode an audio file, write a whole render atomically.
 * Everything that can fail surfaces as an {@link AudioFileError} naming the path.
 */
import * as fs from 'node:fs';
import { AudioFileError } from './audioFileError';
import { decodeAudioFile } from './decodeAudioFile';
import type { DecodedAudio, WavBits } from './types';
import type { WavEncodeOptions } from './wavEncode';
import { openWavFileWriter } from './wavFileWriter';

/** Human reasons for the fs error codes a user can cause with a path. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EISDIR: 'this is a directory, not an audio file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ERR_FS_FILE_TOO_LARGE: 'the file is larger than Node can read at once (2 GiB); render a shorter excerpt',
};

/**
 * Reads and decodes an audio file (WAV/RF64/BW64, AIFF/AIFF-C; chosen by content, not extension).
 *
 * @param path file path; errors name it exactly as given.
 * @throws AudioFileError for unreadable, unsupported or damaged files.
 */
export function readAudioFile(path: string): DecodedAudio {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason = (code && READ_ERRORS[code]) ?? `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
    throw new AudioFileError(path, undefined, reason, { cause: error });
  }
  return decodeAudioFile(bytes, path);
}

/**
 * Reads and decodes a WAV file. The same as {@link readAudioFile} (which also accepts AIFF): the
 * name the CLI and tests use for the common case.
 */
export const readWavFile = readAudioFile;

/**
 * Writes a whole stereo render to `path` atomically (temp file + rename), in blocks so memory
 * stays bounded by the input arrays.
 *
 * @param path target file.
 * @param left left channel; `right` must have the same length.
 * @param sampleRate Hz.
 * @param bits 16 (TPDF-dithered), 24 or '32f'.
 * @throws AudioFileError naming `path` when writing fails (nothing is left behind).
 */
export function writeWavFile(
  path: string,
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  bits: WavBits,
  options: WavEncodeOptions = {},
): void {
  if (left.length !== right.length) {
    throw new RangeError(`left and right channels differ in length (${left.length} vs ${right.length})`);
  }
  const writer = openWavFileWriter(path, { sampleRate, bits, ...options });
  const block = 65536;
  try {
    for (let start = 0; start < left.length; start += block) {
      const end = Math.min(start + block, left.length);
      writer.write(left.subarray(start, end), right.subarray(start, end));
    }
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
}
