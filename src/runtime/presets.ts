/**
 * The built-in presets, bundled into the editor, the CLI and the bounce worker alike (JSON
 * imports, no file system). Adding a preset = a JSON file in `presets/` and one line here.
 */
import demoMix from '../../presets/demo-mix.json';
import vocalChain from '../../presets/vocal-chain.json';
import drumBusParallel from '../../presets/drum-bus-parallel.json';
import masteringChain from '../../presets/mastering-chain.json';
import sidechainDucking from '../../presets/sidechain-ducking.json';
import loudnessWar from '../../presets/loudness-war.json';
import eqTeaching from '../../presets/eq-teaching.json';
import demoMixFlat from '../../presets/demo-mix-flat.json';
import vocalTuning from '../../presets/vocal-tuning.json';

export interface BuiltInPreset {
  /** File name without `.json`, used by `mixgraph render <name>` and the editor's preset menu. */
  name: string;
  /** The raw document; parse it with `parseDocument` like any other input. */
  document: unknown;
}

export const builtInPresets: readonly BuiltInPreset[] = [
  { name: 'demo-mix', document: demoMix },
  { name: 'vocal-chain', document: vocalChain },
  { name: 'drum-bus-parallel', document: drumBusParallel },
  { name: 'mastering-chain', document: masteringChain },
  { name: 'sidechain-ducking', document: sidechainDucking },
  { name: 'loudness-war', document: loudnessWar },
  { name: 'eq-teaching', document: eqTeaching },
  { name: 'demo-mix-flat', document: demoMixFlat },
  { name: 'vocal-tuning', document: vocalTuning },
];

export function findBuiltInPreset(name: string): BuiltInPreset | undefined {
  return builtInPresets.find((p) => p.name === name);
}
