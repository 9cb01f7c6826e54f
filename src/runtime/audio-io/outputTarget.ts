/**
 * What an output path is, decided before a byte is written (DESIGN.md, "Errors and data safety":
 * a regular file is written to a temporary file beside it and renamed; a device or pipe is
 * streamed to). Node-only.
 *
 *  - `-` is standard output: streamed.
 *  - A character or block device, a FIFO or a socket: streamed to directly. Renaming a file over
 *    `/dev/null` would replace the device node (as root) or fail (as a user).
 *  - A regular file, or a path that does not exist yet: written by temp file + rename.
 *  - A symbolic link is followed to its final target, and the target is what gets written (the
 *    temporary file goes beside the target, so the rename stays on one file system); the link
 *    itself is never replaced. A dangling link is followed to the path it names.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { AudioFileError } from './audioFileError';

/** Where the bytes of a render go. */
export type OutputTarget =
  | {
      kind: 'file';
      /** The path as the user gave it (for messages). */
      path: string;
      /** The path that is renamed over: symbolic links resolved. */
      writePath: string;
      /** Permission bits and owner of the file being replaced, kept on the new file. */
      existing?: { mode: number; uid: number; gid: number; dev: number; ino: number };
    }
  | {
      kind: 'stream';
      path: string;
      /** What the stream is, for messages: "standard output", "FIFO", "character device"… */
      what: string;
      /** Standard output (`-`): fd 1, never opened or closed by us. */
      stdout: boolean;
      dev: number;
      ino: number;
    };

/** Symbolic links followed at most this deep (Linux's own limit is 40). */
const MAX_LINK_DEPTH = 40;

/** Human name of a non-regular file type. */
export function describeFileType(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isSocket()) return 'socket';
  if (stat.isDirectory()) return 'directory';
  if (stat.isSymbolicLink()) return 'symbolic link';
  return 'regular file';
}

/**
 * Follows `path` through symbolic links (also a dangling last link) to the path that would be
 * written. Unlike `realpath`, a target that does not exist yet is allowed.
 */
function followLinks(path: string): string {
  let current = path;
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      return current; // does not exist: a new file at this path
    }
    if (!stat.isSymbolicLink()) return current;
    const link = fs.readlinkSync(current);
    current = nodePath.resolve(nodePath.dirname(current), link);
  }
  throw new AudioFileError(path, undefined, `too many levels of symbolic links (more than ${MAX_LINK_DEPTH})`);
}

/**
 * Decides how `path` is written (see the file comment).
 * @throws AudioFileError naming `path` when it is a directory or its links loop.
 */
export function resolveOutputTarget(path: string): OutputTarget {
  if (path === '-') {
    const stat = fs.fstatSync(1);
    return { kind: 'stream', path: 'standard output', what: 'standard output', stdout: true, dev: stat.dev, ino: stat.ino };
  }
  const writePath = followLinks(path);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(writePath);
  } catch {
    stat = undefined;
  }
  if (!stat || stat.isFile()) {
    return {
      kind: 'file',
      path,
      writePath,
      existing: stat && { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, dev: stat.dev, ino: stat.ino },
    };
  }
  if (stat.isDirectory()) throw new AudioFileError(path, undefined, 'this is a directory; give a file name to write');
  return { kind: 'stream', path, what: describeFileType(stat), stdout: false, dev: stat.dev, ino: stat.ino };
}

/** `.<name>.<pid>.tmp` beside `writePath` (the resolved target). */
export function temporaryPathFor(writePath: string, pid = process.pid): string {
  return nodePath.join(nodePath.dirname(writePath), `.${nodePath.basename(writePath)}.${pid}.tmp`);
}

/** True when a process with this id exists (ours or another user's). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes temporary files a killed earlier render left beside `writePath`
 * (`.<name>.<pid>.tmp` whose pid is no longer running). Never touches a live render's file.
 * @returns the paths removed.
 */
export function removeStaleTemporaryFiles(writePath: string): string[] {
  const dir = nodePath.dirname(writePath);
  const prefix = `.${nodePath.basename(writePath)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pidText = name.slice(prefix.length, -'.tmp'.length);
    if (!/^[1-9]\d{0,9}$/.test(pidText)) continue;
    const pid = Number(pidText);
    if (pid === process.pid || processIsAlive(pid)) continue;
    const full = nodePath.join(dir, name);
    try {
      if (fs.lstatSync(full).isFile()) {
        fs.unlinkSync(full);
        removed.push(full);
      }
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
