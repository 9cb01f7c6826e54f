/**
 * Node-only file helpers: read and decode an audio file, write a whole render atomically.
 * Everything that can fail surfaces as an {@link AudioFileError} naming the path.
 *
 * Reading is bounded (issue 10, item 8): only regular files are read — a device (`/dev/zero`,
 * `/dev/urandom`) or a FIFO has no end, and opening a FIFO without a writer blocks forever, so the
 * type is checked with stat before anything is opened; the first 64 KiB are read and checked to be
 * WAV or AIFF before the rest (a 2 GB file of zeros is refused after 64 KiB); and the memory the
 * decoded samples will take is known from the header before they are read.
 */
import * as fs from 'node:fs';
import { AudioFileError } from './audioFileError';
import { decodeAudioFile, detectAudioFileKind } from './decodeAudioFile';
import { describeFileType } from './outputTarget';
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
  ELOOP: 'too many levels of symbolic links',
};

/** Bytes read before deciding whether a file is audio at all. */
export const AUDIO_HEAD_BYTES = 64 * 1024;

/** Largest file read whole: Node's limit for one Buffer read (2 GiB − 1). */
export const MAX_AUDIO_FILE_BYTES = 2 ** 31 - 1;

/** What the header says about a file, before its samples are read. */
export interface AudioFileInfo {
  /** Hz. */
  sampleRate: number;
  channelCount: number;
  /** Frames in the file (an upper bound when only the header was read). */
  frames: number;
  /** File size, bytes. */
  fileBytes: number;
  /** Bytes the decoded samples take (float32, planar): frames · channels · 4. */
  decodedBytes: number;
}

/** Options of {@link readAudioFile}. */
export interface ReadAudioFileOptions {
  /** Refuse, before reading the samples, a file whose decoded samples would take more bytes. */
  maxDecodedBytes?: number;
  /** Decode into shared memory (`DecodeOptions.sharedMemory`). */
  sharedMemory?: boolean;
}

function readError(path: string, error: unknown): AudioFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && READ_ERRORS[code]) ?? `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  return new AudioFileError(path, undefined, reason, { cause: error });
}

/** An open regular file: checked by type before opening, and again on the descriptor. */
interface OpenInput {
  fd: number;
  size: number;
}

function openRegularFile(path: string): OpenInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    throw readError(path, error);
  }
  const refuse = (s: fs.Stats): AudioFileError =>
    new AudioFileError(
      path,
      undefined,
      s.isDirectory()
        ? READ_ERRORS.EISDIR
        : `this is a ${describeFileType(s)}, not a regular file; audio is read from files only (save the stream to a file first)`,
    );
  if (!stat.isFile()) throw refuse(stat);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it cannot hang.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw readError(path, error);
  }
  const opened = fs.fstatSync(fd);
  if (!opened.isFile()) {
    fs.closeSync(fd);
    throw refuse(opened);
  }
  return { fd, size: opened.size };
}

/** Reads `length` bytes from the start of `fd`. */
function readBytes(path: string, fd: number, length: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  try {
    while (done < length) {
      const n = fs.readSync(fd, bytes, done, length - done, done);
      if (n === 0) break; // the file shrank while we read it
      done += n;
    }
  } catch (error) {
    throw readError(path, error);
  }
  return done === length ? bytes : bytes.subarray(0, done);
}

/**
 * The kind of audio a file holds, read from its first bytes; the file is checked to be a regular
 * file first, so a device or a FIFO is refused rather than read or waited on.
 * @throws AudioFileError for non-regular or unreadable files.
 */
export function sniffAudioFileKind(path: string): ReturnType<typeof detectAudioFileKind> {
  const input = openRegularFile(path);
  try {
    return detectAudioFileKind(readBytes(path, input.fd, Math.min(input.size, 64)));
  } finally {
    fs.closeSync(input.fd);
  }
}

/**
 * The whole of a regular file (compressed audio is decoded from memory), refused above `maxBytes`.
 * @throws AudioFileError for non-regular, unreadable or too large files.
 */
export function readRegularFileBytes(path: string, maxBytes: number): Uint8Array {
  const input = openRegularFile(path);
  try {
    if (input.size > maxBytes) {
      throw new AudioFileError(path, undefined, `the file is larger than ${formatMiB(maxBytes)}, more than is read at once; use a shorter file`);
    }
    return readBytes(path, input.fd, input.size);
  } finally {
    fs.closeSync(input.fd);
  }
}

/**
 * Reads the head of a file and checks it is WAV or AIFF; returns what the header says.
 * @throws AudioFileError for non-regular files, non-audio content and damaged headers.
 */
function inspect(path: string, input: OpenInput): { info: AudioFileInfo; whole?: DecodedAudio } {
  const head = readBytes(path, input.fd, Math.min(input.size, AUDIO_HEAD_BYTES));
  const kind = detectAudioFileKind(head);
  if (kind !== 'wav' && kind !== 'aiff') decodeAudioFile(head, path); // throws the message for this kind
  if (head.length === input.size) {
    const decoded = decodeAudioFile(head, path);
    const frames = decoded.channels[0]?.length ?? 0;
    const info = infoOf(decoded.sampleRate, decoded.channels.length, frames, input.size);
    return { info, whole: decoded };
  }
  // Decode the head for the format (it holds the header and the first frames). A header longer
  // than the head (big metadata chunks before the audio) gets a head 16 times larger, up to the
  // whole file.
  let partial: DecodedAudio | undefined;
  let bytes = head;
  for (;;) {
    try {
      partial = decodeAudioFile(bytes, path);
      break;
    } catch (error) {
      if (bytes.length === input.size) throw error;
      if (input.size > MAX_AUDIO_FILE_BYTES) {
        throw new AudioFileError(path, undefined, 'the file is larger than 2 GiB, more than is read at once; use a shorter file');
      }
      bytes = readBytes(path, input.fd, Math.min(input.size, bytes.length * 16));
    }
  }
  if (bytes.length === input.size) {
    return { info: infoOf(partial.sampleRate, partial.channels.length, partial.channels[0]?.length ?? 0, input.size), whole: partial };
  }
  const channels = Math.max(1, partial.channels.length);
  const bytesPerSample = Math.max(1, Math.ceil((partial.sourceFormat?.bits ?? 8) / 8));
  return { info: infoOf(partial.sampleRate, channels, Math.floor(input.size / (channels * bytesPerSample)), input.size) };
}

function infoOf(sampleRate: number, channelCount: number, frames: number, fileBytes: number): AudioFileInfo {
  return { sampleRate, channelCount, frames, fileBytes, decodedBytes: frames * channelCount * 4 };
}

/**
 * What an audio file holds, from its header (the first 64 KiB), without reading the samples.
 * `frames` is exact for small files and an upper bound otherwise.
 * @throws AudioFileError for non-regular files, non-audio content and damaged headers.
 */
export function probeAudioFile(path: string): AudioFileInfo {
  const input = openRegularFile(path);
  try {
    return inspect(path, input).info;
  } finally {
    fs.closeSync(input.fd);
  }
}

/**
 * Reads and decodes an audio file (WAV/RF64/BW64, AIFF/AIFF-C; chosen by content, not extension).
 *
 * @param path file path; errors name it exactly as given.
 * @param options `maxDecodedBytes` refuses a file too large to decode before its samples are read.
 * @throws AudioFileError for unreadable, non-regular, unsupported, damaged or too large files.
 */
export function readAudioFile(path: string, options: ReadAudioFileOptions = {}): DecodedAudio {
  const input = openRegularFile(path);
  try {
    const { info, whole } = inspect(path, input);
    if (options.maxDecodedBytes !== undefined && info.decodedBytes > options.maxDecodedBytes) {
      throw new AudioFileError(
        path,
        undefined,
        `decoding this file takes about ${formatMiB(info.decodedBytes)} (${info.channelCount} channel(s) of ` +
          `${info.frames} frames), more than the ${formatMiB(options.maxDecodedBytes)} allowed; raise --max-memory or use a shorter file`,
      );
    }
    if (whole) return whole; // the head was the whole file: already decoded
    if (input.size > MAX_AUDIO_FILE_BYTES) {
      throw new AudioFileError(path, undefined, 'the file is larger than 2 GiB, more than is read at once; use a shorter file');
    }
    return decodeAudioFile(readBytes(path, input.fd, input.size), path, { sharedMemory: options.sharedMemory });
  } finally {
    fs.closeSync(input.fd);
  }
}

/** `123.4 MiB`. */
export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
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
  const writer = openWavFileWriter(path, { sampleRate, bits, ...options, expectedFrames: left.length });
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
