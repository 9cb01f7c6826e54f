/**
 * The demo stems' disk cache: keyed by the synthesis code, a hit gives exactly the synthesized
 * samples, and any damaged or unusable cache falls back to synthesis without an error.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDemoStemCache, getDemoStem, synthesizeDemoStem } from '../../../src/nodes/source/demo';
import { demoFrames } from '../../../src/nodes/source/demo/music';
import {
  demoStemCacheDir,
  demoStemCachePath,
  readCachedStem,
  writeCachedStem,
} from '../../../src/nodes/source/demo/stemDiskCache';
import { DEMO_SYNTHESIS_HASH, DEMO_SYNTHESIS_SOURCES } from '../../../src/nodes/source/demo/synthesisVersion';
import type { ClipAudio } from '../../../src/nodes/types';

/** A low rate keeps synthesis quick; the cache does not care about the rate. */
const RATE = 16000;
const STEM = 'lead';
const root = resolve(import.meta.dirname, '../../..');

function bytesOf(clip: ClipAudio): Buffer {
  return Buffer.concat([Buffer.from(clip.left.buffer, clip.left.byteOffset, clip.left.byteLength), Buffer.from(clip.right.buffer, clip.right.byteOffset, clip.right.byteLength)]);
}

describe('demo stem disk cache', () => {
  const saved = { xdg: process.env.XDG_CACHE_HOME, off: process.env.MIXGRAPH_NO_CACHE };
  let dir = '';
  let synthesized: Buffer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mixgraph-stem-cache-'));
    process.env.XDG_CACHE_HOME = dir;
    delete process.env.MIXGRAPH_NO_CACHE;
    synthesized = bytesOf(synthesizeDemoStem(STEM, RATE));
  });

  afterAll(() => {
    clearDemoStemCache();
    if (saved.xdg === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved.xdg;
    if (saved.off !== undefined) process.env.MIXGRAPH_NO_CACHE = saved.off;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is keyed by the current synthesis code (DEMO_SYNTHESIS_HASH matches the source files)', () => {
    const hash = createHash('sha256');
    for (const path of DEMO_SYNTHESIS_SOURCES) {
      hash.update(`${path}\0`);
      hash.update(readFileSync(join(root, path), 'utf8').replace(/\r\n/g, '\n'));
    }
    const actual = hash.digest('hex');
    expect(
      DEMO_SYNTHESIS_HASH,
      `the demo synthesis code changed: set DEMO_SYNTHESIS_HASH in src/nodes/source/demo/synthesisVersion.ts to '${actual}'`,
    ).toBe(actual);
  });

  it('lives under $XDG_CACHE_HOME/mixgraph and is off with MIXGRAPH_NO_CACHE=1', () => {
    expect(demoStemCacheDir()).toBe(join(dir, 'mixgraph', 'demo-stems'));
    process.env.MIXGRAPH_NO_CACHE = '1';
    expect(demoStemCacheDir()).toBeUndefined();
    delete process.env.MIXGRAPH_NO_CACHE;
  });

  it('a cache hit gives exactly the synthesized samples', () => {
    clearDemoStemCache();
    const first = getDemoStem(STEM, RATE); // miss: synthesizes and writes the file
    expect(bytesOf(first).equals(synthesized)).toBe(true);
    const path = demoStemCachePath(STEM, RATE)!;
    expect(readFileSync(path).length).toBe(80 + 8 * demoFrames(RATE));
    const hit = readCachedStem(STEM, RATE, demoFrames(RATE));
    expect(hit).toBeDefined();
    expect(bytesOf(hit!).equals(synthesized)).toBe(true);
    clearDemoStemCache();
    expect(bytesOf(getDemoStem(STEM, RATE)).equals(synthesized)).toBe(true);
  });

  it('ignores a corrupt, truncated or foreign file and synthesizes instead', () => {
    clearDemoStemCache();
    getDemoStem(STEM, RATE);
    const path = demoStemCachePath(STEM, RATE)!;
    const good = readFileSync(path);
    const damaged: [string, Buffer][] = [
      ['one flipped sample byte', Buffer.from(good).fill(0x7f, 5000, 5001)],
      ['truncated', good.subarray(0, good.length - 4)],
      ['bad magic', Buffer.concat([Buffer.from('RIFF'), good.subarray(4)])],
      ['wrong rate in the header', (() => { const b = Buffer.from(good); b.writeUInt32LE(RATE + 1, 40); return b; })()],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(path, bytes);
      expect(readCachedStem(STEM, RATE, demoFrames(RATE)), what).toBeUndefined();
      clearDemoStemCache();
      expect(bytesOf(getDemoStem(STEM, RATE)).equals(synthesized), what).toBe(true);
      // The fallback rewrote a valid file.
      expect(readFileSync(path).equals(good), what).toBe(true);
    }
  });

  it('never fails a render when the cache directory cannot be written', () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    process.env.XDG_CACHE_HOME = file;
    try {
      clearDemoStemCache();
      expect(() => writeCachedStem(STEM, RATE, synthesizeDemoStem(STEM, RATE))).not.toThrow();
      expect(bytesOf(getDemoStem(STEM, RATE)).equals(synthesized)).toBe(true);
    } finally {
      process.env.XDG_CACHE_HOME = dir;
    }
  });

  it('removes files left by older synthesis code and leaves no temporary files', () => {
    const cacheDir = demoStemCacheDir()!;
    writeFileSync(join(cacheDir, `${STEM}-${RATE}-0123456789abcdef.f32`), 'old');
    writeCachedStem(STEM, RATE, synthesizeDemoStem(STEM, RATE));
    const entries = readdirSync(cacheDir).filter((e) => e.startsWith(`${STEM}-${RATE}-`));
    expect(entries).toEqual([demoStemCachePath(STEM, RATE)!.split('/').pop()]);
  });
});
