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
  'src/nodes/source/demo/vocalsOffkey.ts',
];

/** sha256 of `DEMO_SYNTHESIS_SOURCES` (see above). */
export const DEMO_SYNTHESIS_HASH = '97c75cc97a2e6b33d1d9a1402ded5848581ee75d1ee6200701c641b6b5ca10ed';
