/**
 * Node only: a {@link ByteSource} over a regular file, read by range with `fs.readSync`; the file
 * is never read whole. Close it when done.
 */
import * as fs from 'node:fs';
import { AudioFileError } from '../audioFileError';
import type { ByteSource } from './byteSource';

export interface FileByteSource extends ByteSource {
  close(): void;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EISDIR: 'this is a folder, not a file',
};

/** @throws AudioFileError naming `path` when it is missing, unreadable or not a regular file. */
export function openFileByteSource(path: string): FileByteSource {
  let fd: number;
  let size: number;
  try {
    // O_NONBLOCK: a FIFO put in the file's place cannot make the open hang; it is refused below.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      fs.closeSync(fd);
      throw new AudioFileError(path, undefined, stat.isDirectory() ? REASONS.EISDIR : 'not a regular file; audio is read from files only');
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof AudioFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new AudioFileError(path, undefined, REASONS[code] ?? `cannot read the file (${code || String(error)})`);
  }
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const bytes = Buffer.allocUnsafe(n);
      let done = 0;
      try {
        while (done < n) {
          const got = fs.readSync(fd, bytes, done, n - done, offset + done);
          if (got === 0) break; // the file shrank while we read it
          done += got;
        }
      } catch (error) {
        throw new AudioFileError(path, offset, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, done);
    },
    close() {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    },
  };
}
