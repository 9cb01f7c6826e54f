/**
 * Node-only streaming WAV file writer with an atomic commit: DESIGN.md "never a half-written
 * output file". What the path is decides how it is written (outputTarget.ts): a device, FIFO or
 * standard output is streamed to; a regular file or new path (symbolic links followed) goes
 * through a temporary file. Samples go to a temporary file next to the target (`.<name>.<pid>.tmp`, same
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
import { encodeWavHeader, MAX_WAV_DATA_BYTES, type ClipStats } from './wavEncode';
import { createWavStreamEncoder, type WavStreamEncoder } from './wavWriter';
import { resolveOutputTarget, temporaryPathFor, type OutputTarget } from './outputTarget';

/** Options of {@link openWavFileWriter}. */
export interface WavFileWriterOptions extends WavEncodeOptions {
  /** Hz, integer. */
  sampleRate: number;
  /** 16 (TPDF-dithered), 24 or '32f'. */
  bits: WavBits;
  /** `wav` (default, at most 4 GiB of samples) or `rf64` (64-bit sizes). */
  container?: 'wav' | 'rf64';
  /**
   * Frames the render will write, when known: the 4 GiB limit is checked before anything is
   * written, and a stream's header carries the real sizes (else "unknown", 0xFFFFFFFF).
   */
  expectedFrames?: number;
}

/** An open WAV file being written; see the file comment. */
export interface WavFileWriter {
  /** The target path as given. */
  readonly path: string;
  /** The temporary file the samples go to until `close()` ('' when streaming to a device or pipe). */
  readonly tempPath: string;
  /** Frames written so far. */
  readonly framesWritten: number;
  /** Samples the 16/24-bit encoding clipped so far, and the peak seen (linear). */
  readonly clipStats: Readonly<ClipStats>;
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

/** Temporary files of writers still open in this process, for {@link discardOpenTemporaryFiles}. */
const openTemporaryFiles = new Set<string>();

/**
 * Deletes the temporary files of every writer still open in this process. Synchronous, so a
 * signal handler or an `exit` listener can call it (SIGTERM, SIGHUP, an uncaught error).
 */
export function discardOpenTemporaryFiles(): void {
  for (const temp of openTemporaryFiles) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Already gone.
    }
  }
  openTemporaryFiles.clear();
}

/** Sleeps `ms` without returning to the event loop (a full non-blocking pipe needs a moment). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Opens a FIFO or device for writing; a FIFO nobody reads is refused instead of blocking forever. */
function openStream(target: Extract<OutputTarget, { kind: 'stream' }>): number {
  if (target.stdout) return 1;
  if (target.what.startsWith('FIFO')) {
    let probe: number;
    try {
      probe = fs.openSync(target.path, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
        throw new AudioFileError(target.path, undefined, 'no process is reading this FIFO (named pipe); start the reader first');
      }
      throw error;
    }
    // A reader is there: reopen blocking, so a full pipe waits for it instead of failing.
    const fd = fs.openSync(target.path, fs.constants.O_WRONLY);
    fs.closeSync(probe);
    return fd;
  }
  return fs.openSync(target.path, fs.constants.O_WRONLY);
}

/**
 * Opens a streaming stereo WAV writer. A regular file (or a new path) appears only when closed;
 * a device, FIFO or standard output (`-`) is streamed to (see outputTarget.ts).
 *
 * @param path target file, `-` for standard output; its directory must exist.
 * @param options sample rate, bit depth, dither options, and the frame count when known.
 * @throws AudioFileError naming `path` when the output cannot be opened, or when `expectedFrames`
 *   would not fit a WAV file.
 */
export function openWavFileWriter(path: string, options: WavFileWriterOptions): WavFileWriter {
  const target = resolveOutputTarget(path);
  const name = target.path;
  const encoder: WavStreamEncoder = createWavStreamEncoder(
    { sampleRate: options.sampleRate, channels: 2, bits: options.bits, container: options.container },
    { dither: options.dither, ditherSeed: options.ditherSeed, name },
  );
  if (options.expectedFrames !== undefined) {
    // The size is known before the render: refuse now, not after hours of writing.
    const dataBytes = options.expectedFrames * encoder.bytesPerFrame;
    if (dataBytes > MAX_WAV_DATA_BYTES && options.container !== 'rf64') {
      throw new AudioFileError(
        name,
        undefined,
        `${options.expectedFrames} frames of ${options.bits === '32f' ? '32-bit float' : `${options.bits}-bit`} stereo ` +
          `are ${(dataBytes / 2 ** 30).toFixed(2)} GiB, over the 4 GiB limit of a WAV file; ` +
          'render a shorter range or a lower bit depth, or write RF64 (--format rf64)',
      );
    }
  }
  const streaming = target.kind === 'stream';
  const tempPath = target.kind === 'file' ? temporaryPathFor(target.writePath) : '';
  let fd: number | undefined;
  let state: 'open' | 'closed' | 'aborted' = 'open';
  let position = 0; // bytes written so far

  const discard = (): void => {
    if (fd !== undefined) {
      try {
        if (!(target.kind === 'stream' && target.stdout)) fs.closeSync(fd);
      } catch {
        // Already failing or aborting: the unlink below is what matters.
      }
      fd = undefined;
    }
    if (!streaming) {
      try {
        fs.unlinkSync(tempPath);
      } catch {
        // Missing already (or never created): nothing to clean.
      }
      openTemporaryFiles.delete(tempPath);
    }
  };

  /** Writes all of `bytes` at `at` (files) or next (streams), looping on short writes. */
  const writeAll = (bytes: Uint8Array, at: number): void => {
    let done = 0;
    while (done < bytes.length) {
      try {
        done += streaming
          ? fs.writeSync(fd as number, bytes, done, bytes.length - done)
          : fs.writeSync(fd as number, bytes, done, bytes.length - done, at + done);
      } catch (error) {
        // A pipe Node put in non-blocking mode is full: wait for the reader.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') pause(2);
        else throw error;
      }
    }
  };

  const fail = (what: string, error: unknown, offset: number | undefined): never => {
    state = 'aborted';
    discard();
    if (error instanceof AudioFileError) throw error;
    throw new AudioFileError(name, offset, `${what}: ${describeFsError(error)}`, { cause: error });
  };

  /** The header for a stream: sizes of the announced length, or "unknown" (0xFFFFFFFF) without one. */
  const streamHeader = (): Uint8Array => {
    if (options.expectedFrames !== undefined) {
      return encodeWavHeader(encoder.format, options.expectedFrames * encoder.bytesPerFrame);
    }
    const header = encoder.header();
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    view.setUint32(4, 0xffffffff, true);
    view.setUint32(header.length - 4, 0xffffffff, true);
    return header;
  };

  if (target.kind === 'stream') {
    try {
      fd = openStream(target);
      const header = streamHeader();
      writeAll(header, 0);
      position = header.length;
    } catch (error) {
      fail(`cannot write to the ${target.what}`, error, undefined);
    }
  } else {
    try {
      const existing = target.existing;
      // `wx` never follows a link planted at the temporary name; a leftover of ours is removed first.
      if (fs.lstatSync(tempPath, { throwIfNoEntry: false })?.isFile()) fs.unlinkSync(tempPath);
      fd = fs.openSync(tempPath, 'wx', existing ? existing.mode & 0o777 : 0o666);
      openTemporaryFiles.add(tempPath);
      if (existing) {
        // Keep the replaced file's permissions (a 600 file stays 600; open() applied the umask)
        // and, when we may, its owner.
        fs.fchmodSync(fd, existing.mode);
        if (process.getuid?.() === 0) fs.fchownSync(fd, existing.uid, existing.gid);
      }
      const header = encoder.header();
      writeAll(header, 0);
      position = header.length;
    } catch (error) {
      fail(`cannot create the temporary file ${tempPath}`, error, undefined);
    }
  }

  return {
    path,
    tempPath,
    get framesWritten(): number {
      return encoder.frames;
    },
    clipStats: encoder.clipStats,
    write(left: Float32Array, right: Float32Array, frames = Math.min(left.length, right.length)): void {
      if (state !== 'open') throw new Error(`WAV writer for ${name} is already ${state}`);
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
        fail((error as NodeJS.ErrnoException).code === 'EPIPE' ? 'the reader closed the pipe' : 'write failed', error, position);
      }
      position += bytes.length;
    },
    close(): void {
      if (state === 'closed') return;
      if (state === 'aborted') throw new Error(`WAV writer for ${name} was aborted`);
      if (target.kind === 'stream') {
        state = 'closed';
        if (!target.stdout && fd !== undefined) fs.closeSync(fd);
        fd = undefined;
        if (options.expectedFrames !== undefined && encoder.frames !== options.expectedFrames) {
          throw new AudioFileError(
            name,
            undefined,
            `wrote ${encoder.frames} frames but the header announced ${options.expectedFrames} (an internal error)`,
          );
        }
        return;
      }
      try {
        writeAll(encoder.header(), 0);
        fs.fsyncSync(fd as number);
        fs.closeSync(fd as number);
        fd = undefined;
      } catch (error) {
        fail('cannot finish the file', error, 0);
      }
      try {
        fs.renameSync(tempPath, target.writePath);
      } catch (error) {
        fail(`cannot move ${tempPath} to the target`, error, undefined);
      }
      openTemporaryFiles.delete(tempPath);
      state = 'closed';
    },
    abort(): void {
      if (state !== 'open') return;
      state = 'aborted';
      discard();
    },
  };
}
