/**
 * Node-only streaming WAV file writer with an atomic commit: DESIGN.md "never a half-written
 * output file". Samples go to a temporary file next to the target (`.<name>.<pid>.tmp`, same
 * directory so the final rename never crosses file systems); `close()` patches the RIFF and data
 * sizes in the header, flushes to disk (fsync) and renames the temporary file over the target in
 * one step (rename(2) is atomic on POSIX; libuv uses MoveFileEx with REPLACE_EXISTING on Windows).
 * Until then the target is untouched — an existing file keeps its old content. `abort()`, or any
 * failed write, deletes the temporary file.
 *
 * Synchronous fs calls: a render is CPU-bound and the writes are sequential, so async I/O would
 * add complexity without overlap to gain.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { AudioFileError } from './audioFileError';
import type { WavBits } from './types';
import type { WavEncodeOptions } from './wavEncode';
import { createWavStreamEncoder, type WavStreamEncoder } from './wavWriter';

/** Options of {@link openWavFileWriter}. */
export interface WavFileWriterOptions extends WavEncodeOptions {
  /** Hz, integer. */
  sampleRate: number;
  /** 16 (TPDF-dithered), 24 or '32f'. */
  bits: WavBits;
}

/** An open WAV file being written; see the file comment. */
export interface WavFileWriter {
  /** The target path as given. */
  readonly path: string;
  /** The temporary file the samples go to until `close()`. */
  readonly tempPath: string;
  /** Frames written so far. */
  readonly framesWritten: number;
  /**
   * Appends the first `frames` samples of each channel (default: all of them).
   * @throws AudioFileError when the disk write fails (the temporary file is then deleted).
   */
  write(left: Float32Array, right: Float32Array, frames?: number): void;
  /**
   * Finishes the file: patches the header, fsyncs and renames over the target. A second call
   * does nothing.
   * @throws AudioFileError when any step fails (the temporary file is then deleted).
   */
  close(): void;
  /** Deletes the temporary file and leaves the target untouched. Does nothing after `close()`. */
  abort(): void;
}

/** `.<name>.<pid>.tmp` in the target's directory. */
export function temporaryPathFor(path: string): string {
  return nodePath.join(nodePath.dirname(path), `.${nodePath.basename(path)}.${process.pid}.tmp`);
}

/** Describes a Node fs error for a message: "no space left on device (ENOSPC)". */
function describeFsError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const known: Record<string, string> = {
      ENOENT: 'the directory does not exist',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOSPC: 'no space left on device',
      EISDIR: 'the path is a directory',
      EROFS: 'read-only file system',
      EDQUOT: 'disk quota exceeded',
    };
    if (code && known[code]) return `${known[code]} (${code})`;
    return error.message;
  }
  return String(error);
}

/**
 * Opens a streaming stereo WAV writer whose output appears at `path` only when closed.
 *
 * @param path target file; its directory must exist.
 * @param options sample rate, bit depth, dither options.
 * @throws AudioFileError naming `path` when the temporary file cannot be created.
 */
export function openWavFileWriter(path: string, options: WavFileWriterOptions): WavFileWriter {
  const encoder: WavStreamEncoder = createWavStreamEncoder(
    { sampleRate: options.sampleRate, channels: 2, bits: options.bits },
    { dither: options.dither, ditherSeed: options.ditherSeed, name: path },
  );
  const tempPath = temporaryPathFor(path);
  let fd: number | undefined;
  let state: 'open' | 'closed' | 'aborted' = 'open';
  let position = 0; // bytes written to the temporary file

  const discard = (): void => {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing or aborting: the unlink below is what matters.
      }
      fd = undefined;
    }
    try {
      fs.unlinkSync(tempPath);
    } catch {
      // Missing already (or never created): nothing to clean.
    }
  };

  /** Writes all of `bytes` at `at`, looping on short writes. */
  const writeAll = (bytes: Uint8Array, at: number): void => {
    let done = 0;
    while (done < bytes.length) {
      done += fs.writeSync(fd as number, bytes, done, bytes.length - done, at + done);
    }
  };

  const fail = (what: string, error: unknown, offset: number | undefined): never => {
    state = 'aborted';
    discard();
    throw new AudioFileError(path, offset, `${what}: ${describeFsError(error)}`, { cause: error });
  };

  try {
    fd = fs.openSync(tempPath, 'w');
    const header = encoder.header();
    writeAll(header, 0);
    position = header.length;
  } catch (error) {
    fail(`cannot create the temporary file ${tempPath}`, error, undefined);
  }

  return {
    path,
    tempPath,
    get framesWritten(): number {
      return encoder.frames;
    },
    write(left: Float32Array, right: Float32Array, frames = Math.min(left.length, right.length)): void {
      if (state !== 'open') throw new Error(`WAV writer for ${path} is already ${state}`);
      let bytes: Uint8Array;
      try {
        bytes = encoder.encode(left, right, frames);
      } catch (error) {
        state = 'aborted';
        discard();
        throw error;
      }
      try {
        writeAll(bytes, position);
      } catch (error) {
        fail('write failed', error, position);
      }
      position += bytes.length;
    },
    close(): void {
      if (state === 'closed') return;
      if (state === 'aborted') throw new Error(`WAV writer for ${path} was aborted`);
      try {
        writeAll(encoder.header(), 0);
        fs.fsyncSync(fd as number);
        fs.closeSync(fd as number);
        fd = undefined;
      } catch (error) {
        fail('cannot finish the file', error, 0);
      }
      try {
        fs.renameSync(tempPath, path);
      } catch (error) {
        fail(`cannot move ${tempPath} to the target`, error, undefined);
      }
      state = 'closed';
    },
    abort(): void {
      if (state !== 'open') return;
      state = 'aborted';
      discard();
    },
  };
}
