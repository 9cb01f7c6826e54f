/**
 * Finds and validates the graph a command names: a file path, or the name of a built-in preset.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Graph } from '../graph/types';
import { parseDocument, parseDocumentText } from '../runtime/document';
import { builtInPresets, findBuiltInPreset } from '../runtime/presets';
import { CliError } from './errors';

export interface LoadedGraph {
  graph: Graph;
  /** What to call it in messages: the path or `preset demo-mix`. */
  source: string;
  warnings: string[];
}

/** Thrown when the document does not validate; each message names its place. */
export class GraphFileError extends CliError {
  constructor(
    readonly source: string,
    readonly messages: string[],
  ) {
    super(messages.map((m) => `${source}: ${m}`).join('\n'));
  }
}

export function loadGraph(nameOrPath: string): LoadedGraph {
  const isFile = (() => {
    try {
      return statSync(nameOrPath).isFile();
    } catch {
      return false;
    }
  })();
  if (!isFile) {
    const preset = /[\\/]/.test(nameOrPath) ? undefined : findBuiltInPreset(nameOrPath.replace(/\.json$/, ''));
    if (preset) return fromResult(parseDocument(preset.document), `preset ${preset.name}`);
    const names = builtInPresets.map((p) => p.name).join(', ');
    throw new CliError(`${nameOrPath}: no such file, and no built-in preset of that name (presets: ${names})`);
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    throw new CliError(`${nameOrPath}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return fromResult(parseDocumentText(text, nameOrPath), nameOrPath);
}

function fromResult(result: ReturnType<typeof parseDocument>, source: string): LoadedGraph {
  if (!result.ok) throw new GraphFileError(source, result.errors.map((e) => e.message));
  return { graph: result.graph, source, warnings: result.warnings.map((w) => `${source}: ${w.message}`) };
}
