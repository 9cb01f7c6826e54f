/**
 * A disk cache of synthesized demo stems, so a `mixgraph render` of a demo preset starts at once
 * instead of spending about a second and a half synthesizing five 16-second stems.
 *
 * Where: `$XDG_CACHE_HOME/mixgraph/demo-stems/` or `~/.cache/mixgraph/demo-stems/` (the XDG base
 * directory convention), one file per stem and rate. `MIXGRAPH_NO_CACHE=1` turns it off.
 *
 * Keyed by content: the file name carries sha256(DEMO_SYNTHESIS_HASH | rate | stem), and
 * DEMO_SYNTHESIS_HASH is the hash of the synthesis source files (a unit test fails when the code
 * changes and the constant does not), so a stem synthesized by other code is never read back.
 *
 * Safety: nothing here may fail a render. A read is validated — exact file size, magic, format
 * version, key, rate, frame count and a sha256 of the samples — and any problem (missing file,
 * short or corrupt file, unreadable directory) means "not cached": the caller synthesizes. A write
 * goes to a temporary file renamed into place (readers never see half a file) and every error is
 * swallowed (a read-only or full disk just means no cache).
 *
 * Runs only where Node's built-in modules exist (`process.getBuiltinModule`, Node ≥ 20.16): in the
 * browser, a Worker or an AudioWorklet there is no `process`, nothing is imported, and the stems
 * are synthesized as before. Nothing is imported statically, so bundles for the browser stay free
 * of Node modules.
 *
 * File layout (little-endian):
 *
 *   offset  size  field
 *   0       8     magic "MGSTEM\0\x01" (format version 1)
 *   8       32    sha256 key (see above)
 *   40      4     sample rate, Hz (uint32)
 *   44      4     frames per channel (uint32)
 *   48      32    sha256 of the sample bytes that follow
 *   80      4·N   left channel, float32
 *   80+4N   4·N   right channel, float32
 */
import type { ClipAudio } from '../../types';
import { DEMO_SYNTHESIS_HASH } from './synthesisVersion';

type NodeFs = typeof import('node:fs');
type NodePath = typeof import('node:path');
type NodeOs = typeof import('node:os');
type NodeCrypto = typeof import('node:crypto');

interface NodeModules {
  fs: NodeFs;
  path: NodePath;
  os: NodeOs;
  crypto: NodeCrypto;
}

const MAGIC = [0x4d, 0x47, 0x53, 0x54, 0x45, 0x4d, 0x00, 0x01]; // "MGSTEM\0\x01"
const HEADER_BYTES = 80;

/** Node's built-in modules when running under Node, else undefined (browser, worklet). */
function nodeModules(): NodeModules | undefined {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  try {
    return {
      fs: proc.getBuiltinModule('node:fs'),
      path: proc.getBuiltinModule('node:path'),
      os: proc.getBuiltinModule('node:os'),
      crypto: proc.getBuiltinModule('node:crypto'),
    };
  } catch {
    return undefined;
  }
}

/**
 * The directory holding cached stems, or undefined when there is no cache (not Node, no home
 * directory, or `MIXGRAPH_NO_CACHE` set).
 */
export function demoStemCacheDir(): string | undefined {
  const node = nodeModules();
  if (!node) return undefined;
  const env = process.env;
  if (env.MIXGRAPH_NO_CACHE && env.MIXGRAPH_NO_CACHE !== '0') return undefined;
  let base = env.XDG_CACHE_HOME;
  if (!base || !node.path.isAbsolute(base)) {
    let home = '';
    try {
      home = node.os.homedir();
    } catch {
      return undefined;
    }
    if (!home) return undefined;
    base = node.path.join(home, '.cache');
  }
  return node.path.join(base, 'mixgraph', 'demo-stems');
}

function cacheKey(node: NodeModules, name: string, sampleRate: number): Buffer {
  return node.crypto.createHash('sha256').update(`${DEMO_SYNTHESIS_HASH}|${sampleRate}|${name}`).digest();
}

/** The cache file of one stem at one rate (its name carries the key). */
export function demoStemCachePath(name: string, sampleRate: number): string | undefined {
  const node = nodeModules();
  const dir = demoStemCacheDir();
  if (!node || !dir) return undefined;
  return node.path.join(dir, fileName(name, sampleRate, cacheKey(node, name, sampleRate)));
}

function fileName(name: string, sampleRate: number, key: Buffer): string {
  return `${name}-${sampleRate}-${key.toString('hex').slice(0, 16)}.f32`;
}

/**
 * The cached stem, or undefined if it is not cached or its file fails any check.
 * @param expectedFrames the stem's exact length in frames at this rate.
 */
export function readCachedStem(name: string, sampleRate: number, expectedFrames: number): ClipAudio | undefined {
  const node = nodeModules();
  const dir = demoStemCacheDir();
  if (!node || !dir) return undefined;
  try {
    const key = cacheKey(node, name, sampleRate);
    const file = node.path.join(dir, fileName(name, sampleRate, key));
    const bytes = node.fs.readFileSync(file);
    if (bytes.length !== HEADER_BYTES + 8 * expectedFrames) return undefined;
    for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return undefined;
    if (!bytes.subarray(8, 40).equals(key)) return undefined;
    if (bytes.readUInt32LE(40) !== sampleRate || bytes.readUInt32LE(44) !== expectedFrames) return undefined;
    const payload = bytes.subarray(HEADER_BYTES);
    const digest = node.crypto.createHash('sha256').update(payload).digest();
    if (!bytes.subarray(48, 80).equals(digest)) return undefined;
    // Copy into fresh, aligned arrays (the file buffer's offset need not be a multiple of 4).
    const left = new Float32Array(expectedFrames);
    const right = new Float32Array(expectedFrames);
    const leftBytes = new Uint8Array(left.buffer);
    const rightBytes = new Uint8Array(right.buffer);
    leftBytes.set(payload.subarray(0, 4 * expectedFrames));
    rightBytes.set(payload.subarray(4 * expectedFrames));
    if (!isLittleEndian()) {
      swapFloat32(leftBytes);
      swapFloat32(rightBytes);
    }
    return { left, right };
  } catch {
    return undefined;
  }
}

/** Stores a synthesized stem; never throws (no cache is not an error). */
export function writeCachedStem(name: string, sampleRate: number, clip: ClipAudio): void {
  const node = nodeModules();
  const dir = demoStemCacheDir();
  if (!node || !dir) return;
  const frames = Math.min(clip.left.length, clip.right.length);
  let temp: string | undefined;
  try {
    const key = cacheKey(node, name, sampleRate);
    const payload = Buffer.alloc(8 * frames);
    payload.set(new Uint8Array(clip.left.buffer, clip.left.byteOffset, 4 * frames), 0);
    payload.set(new Uint8Array(clip.right.buffer, clip.right.byteOffset, 4 * frames), 4 * frames);
    if (!isLittleEndian()) swapFloat32(payload);
    const header = Buffer.alloc(HEADER_BYTES);
    header.set(MAGIC, 0);
    header.set(key, 8);
    header.writeUInt32LE(sampleRate, 40);
    header.writeUInt32LE(frames, 44);
    header.set(node.crypto.createHash('sha256').update(payload).digest(), 48);
    node.fs.mkdirSync(dir, { recursive: true });
    const target = node.path.join(dir, fileName(name, sampleRate, key));
    temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    node.fs.writeFileSync(temp, Buffer.concat([header, payload]));
    node.fs.renameSync(temp, target);
    temp = undefined;
    removeStale(node, dir, name, sampleRate, target);
  } catch {
    // Unwritable or full cache directory: the render goes on without a cache.
  } finally {
    if (temp !== undefined) {
      try {
        node.fs.rmSync(temp, { force: true });
      } catch {
        // Nothing more to do.
      }
    }
  }
}

/** Deletes this stem's files at this rate written by older synthesis code (other keys). */
function removeStale(node: NodeModules, dir: string, name: string, sampleRate: number, keep: string): void {
  const prefix = `${name}-${sampleRate}-`;
  const keepName = node.path.basename(keep);
  for (const entry of node.fs.readdirSync(dir)) {
    if (entry.startsWith(prefix) && entry.endsWith('.f32') && entry !== keepName) {
      node.fs.rmSync(node.path.join(dir, entry), { force: true });
    }
  }
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Reverses the byte order of every 4-byte word (for big-endian hosts; the file is little-endian). */
function swapFloat32(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i];
    const b = bytes[i + 1];
    bytes[i] = bytes[i + 3];
    bytes[i + 1] = bytes[i + 2];
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}
