/**
 * The demo stems: five instrument tracks of one 16-second song, synthesized in code (no
 * download), deterministic, looping seamlessly, stereo at the render rate. Musical design in
 * docs/demo-stems.md.
 */
import type { ClipAudio } from '../../types';
import { renderBass } from './bass';
import { renderDrums } from './drums';
import { renderKeys } from './keys';
import { renderLead } from './lead';
import { demoFrames } from './music';
import { renderVocals } from './vocals';
import { renderVocalsOffkey } from './vocalsOffkey';
import { readCachedStem, writeCachedStem } from './stemDiskCache';

export { DEMO_LENGTH_SECONDS, demoFrames } from './music';

/** Names of the demo stems, as used in `demo:<stem>` clip references. */
export const DEMO_STEMS = ['drums', 'bass', 'keys', 'lead', 'vocals', 'vocals-offkey'] as const;
export type DemoStemName = (typeof DEMO_STEMS)[number];

const RENDERERS: Record<DemoStemName, (sampleRate: number) => ClipAudio> = {
  drums: renderDrums,
  bass: renderBass,
  keys: renderKeys,
  lead: renderLead,
  vocals: (sampleRate) => renderVocals(sampleRate),
  'vocals-offkey': renderVocalsOffkey,
};

export function isDemoStemName(name: string): name is DemoStemName {
  return (DEMO_STEMS as readonly string[]).includes(name);
}

/** Rendered stems by sample rate, then by name: each is synthesized once per rate. */
const cache = new Map<number, Map<DemoStemName, ClipAudio>>();

/**
 * Synthesizes the demo stem `name` at `sampleRate` Hz, bypassing every cache (tests compare the
 * caches against this).
 */
export function synthesizeDemoStem(name: DemoStemName, sampleRate: number): ClipAudio {
  return RENDERERS[name](sampleRate);
}

/**
 * The demo stem `name` at `sampleRate` Hz: stereo, exactly `DEMO_LENGTH_SECONDS` × `sampleRate`
 * frames, peak between −6 and −3 dBFS. Looked up in memory, then (under Node) in the disk cache
 * (`stemDiskCache.ts`), else synthesized and stored in both; callers must treat the arrays as
 * read-only (every source node playing the stem shares them).
 * @throws RangeError if `sampleRate` is not a positive finite number.
 */
export function getDemoStem(name: DemoStemName, sampleRate: number): ClipAudio {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new RangeError(`demo stem "${name}": sample rate must be a positive number of Hz, got ${sampleRate}`);
  }
  let byName = cache.get(sampleRate);
  if (!byName) {
    byName = new Map();
    cache.set(sampleRate, byName);
  }
  let clip = byName.get(name);
  if (!clip) {
    clip = readCachedStem(name, sampleRate, demoFrames(sampleRate));
    if (!clip) {
      clip = synthesizeDemoStem(name, sampleRate);
      writeCachedStem(name, sampleRate, clip);
    }
    byName.set(name, clip);
  }
  return clip;
}

/** Drops every stem held in memory (frees ~6 MB per stem at 48 kHz); the disk cache stays. */
export function clearDemoStemCache(): void {
  cache.clear();
}

/**
 * Puts a stem rendered elsewhere (the editor synthesizes them in a Worker ahead of Play) into the
 * cache, so `getDemoStem` returns it at once. Ignored when that stem is already cached or the
 * clip is not a whole stem at `sampleRate` (the stem is then rendered on first use as usual).
 */
export function primeDemoStem(name: DemoStemName, sampleRate: number, clip: ClipAudio): void {
  const frames = demoFrames(sampleRate);
  if (clip.left.length !== frames || clip.right.length !== frames) return;
  let byName = cache.get(sampleRate);
  if (!byName) {
    byName = new Map();
    cache.set(sampleRate, byName);
  }
  if (!byName.has(name)) byName.set(name, clip);
}
