/**
 * The built-in modules (presets/modules/*.json): "Channel strip", "Parallel compression" and
 * "Send effect (reverb)". Each file is one module definition; the palette offers them in every
 * graph, and inserting one copies its definition into the document. Adding one = a JSON file and
 * one line here.
 */
import { parseGraph } from '../graph';
import type { ModuleDefinition } from '../graph/modules/types';
import { catalog } from '../nodes/registry';
import channelStrip from '../../presets/modules/channel-strip.json';
import parallelCompression from '../../presets/modules/parallel-compression.json';
import sendReverb from '../../presets/modules/send-reverb.json';

const files: readonly unknown[] = [channelStrip, parallelCompression, sendReverb];

/**
 * Validates module definitions as a document would (a wrapper document with no nodes), so the
 * definitions pass every rule of docs/graph-format.md. Returns the definitions or the messages.
 */
export function parseModuleDefinitions(definitions: readonly unknown[]): { ok: true; modules: ModuleDefinition[] } | { ok: false; errors: string[] } {
  const parsed = parseGraph({ format: 'mixgraph', version: 2, name: 'modules', nodes: [], edges: [], modules: definitions }, catalog);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => e.message) };
  return { ok: true, modules: parsed.graph.modules ?? [] };
}

let cached: ModuleDefinition[] | undefined;

/** The built-in module definitions, validated (a broken file is a build error caught by the tests). */
export function builtInModules(): ModuleDefinition[] {
  if (cached === undefined) {
    const parsed = parseModuleDefinitions(files);
    if (!parsed.ok) throw new Error(`built-in modules: ${parsed.errors.join('; ')}`);
    cached = parsed.modules;
  }
  return cached;
}
