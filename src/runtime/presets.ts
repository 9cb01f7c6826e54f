/**
 * The built-in presets, bundled into the editor, the CLI and the bounce worker alike (JSON
 * imports, no file system). Adding a preset = a JSON file in `presets/` and one line here.
 */
import demoMix from '../../presets/demo-mix.json';
import eqTeaching from '../../presets/eq-teaching.json';

export interface BuiltInPreset {
  /** File name without `.json`, used by `mixgraph render <name>` and the editor's preset menu. */
  name: string;
  /** The raw document; parse it with `parseGraph` like any other input. */
  document: unknown;
}

export const builtInPresets: readonly BuiltInPreset[] = [
  { name: 'demo-mix', document: demoMix },
  { name: 'eq-teaching', document: eqTeaching },
];

export function findBuiltInPreset(name: string): BuiltInPreset | undefined {
  return builtInPresets.find((p) => p.name === name);
}
