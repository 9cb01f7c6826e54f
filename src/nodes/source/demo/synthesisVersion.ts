/**
 * Identity of the demo-stem synthesis code, used as the key of the stems' disk cache
 * (`stemDiskCache.ts`): a stem cached by other synthesis code must never be read back.
 *
 * `DEMO_SYNTHESIS_HASH` is the sha256 of the files below (paths from the repository root, read as
 * UTF-8 with `\r\n` turned into `\n`, each preceded by its path and a NUL, in this order). The unit
 * test `test/unit/nodes/demoStemCache.test.ts` recomputes it from the files and fails — printing
 * the new value — when they changed and this constant did not. The key is checked by CI, not
 * remembered by people.
 */
export const DEMO_SYNTHESIS_SOURCES: readonly string[] = [
  'src/dsp/biquad.ts',
  'src/dsp/denormal.ts',
  'src/dsp/noise.ts',
  'src/nodes/source/demo/bass.ts',
  'src/nodes/source/demo/drums.ts',
  'src/nodes/source/demo/filters.ts',
  'src/nodes/source/demo/keys.ts',
  'src/nodes/source/demo/lead.ts',
  'src/nodes/source/demo/music.ts',
  'src/nodes/source/demo/oscillators.ts',
  'src/nodes/source/demo/stemBuffer.ts',
  'src/nodes/source/demo/vocals.ts',
];

/** sha256 of `DEMO_SYNTHESIS_SOURCES` (see above). */
export const DEMO_SYNTHESIS_HASH = '70305cf2c146b157b15cc45520839b9799e30beb95bd2578d706152ad4ed0156';
