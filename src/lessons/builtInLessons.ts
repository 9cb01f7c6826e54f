/**
 * The built-in lessons, bundled like the presets (JSON imports, no file system). Adding one = a
 * JSON file in `lessons/` and one line here; `test/unit/lessons` validates every one.
 */
import gainStaging from '../../lessons/gain-staging.json';
import cutBeforeBoost from '../../lessons/cut-before-boost.json';
import compressorAttackRelease from '../../lessons/compressor-attack-release.json';
import parallelCompression from '../../lessons/parallel-compression.json';
import sendsAndDepth from '../../lessons/sends-and-depth.json';
import loudnessWar from '../../lessons/loudness-war.json';

/** Raw lesson documents in teaching order; parse each with `parseLesson`. */
export const builtInLessons: readonly { id: string; document: unknown }[] = [
  { id: 'gain-staging', document: gainStaging },
  { id: 'cut-before-boost', document: cutBeforeBoost },
  { id: 'compressor-attack-release', document: compressorAttackRelease },
  { id: 'parallel-compression', document: parallelCompression },
  { id: 'sends-and-depth', document: sendsAndDepth },
  { id: 'loudness-war', document: loudnessWar },
];
