/** `mixgraph presets`: the built-in presets, one line each. */
import { builtInPresets } from '../../runtime/presets';
import { parseDocument } from '../../runtime/document';

export function presetsCommand(): number {
  const width = Math.max(...builtInPresets.map((p) => p.name.length));
  for (const preset of builtInPresets) {
    const parsed = parseDocument(preset.document);
    const description = parsed.ok ? (parsed.graph.description ?? parsed.graph.name) : 'invalid preset';
    const firstSentence = description.split(/(?<=\.)\s/)[0];
    process.stdout.write(`${preset.name.padEnd(width)}  ${firstSentence}\n`);
  }
  return 0;
}
