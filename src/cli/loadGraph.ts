/**
 * Finds and validates the graph a command names: a file path, or the name of a built-in preset.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Graph } from '../graph/types';
import { parseDocument, parseDocumentText } from '../runtime/document';
import { builtInPresets, findBuiltInPreset } from '../runtime/presets';
import { describeFileType } from '../runtime/audio-io';
import { CliError } from './errors';
import { echoPath } from './terminalText';

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

/**
 * Largest graph file read, bytes. The parser's limits (20 000 nodes) fit in a few MB; anything
 * far beyond is not a graph, and reading it whole would only cost memory.
 */
export const MAX_GRAPH_FILE_BYTES = 64 * 2 ** 20;

/** The file a graph argument names, or undefined when it names a built-in preset. */
export function graphFilePath(nameOrPath: string): string | undefined {
  return statSync(nameOrPath, { throwIfNoEntry: false }) ? nameOrPath : undefined;
}

export function loadGraph(nameOrPath: string): LoadedGraph {
  // stat, never open, first: opening a FIFO with no writer would wait forever.
  const stat = statSync(nameOrPath, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) {
    throw new CliError(`${echoPath(nameOrPath)}: this is a ${describeFileType(stat)}, not a graph file`);
  }
  if (stat && stat.size > MAX_GRAPH_FILE_BYTES) {
    throw new CliError(
      `${echoPath(nameOrPath)}: the file is ${(stat.size / 2 ** 20).toFixed(0)} MB; a graph file is at most ${MAX_GRAPH_FILE_BYTES / 2 ** 20} MB`,
    );
  }
  if (!stat) {
    const preset = /[\\/]/.test(nameOrPath) ? undefined : findBuiltInPreset(nameOrPath.replace(/\.json$/, ''));
    if (preset) return fromResult(parseDocument(preset.document), `preset ${preset.name}`);
    const names = builtInPresets.map((p) => p.name).join(', ');
    throw new CliError(`${echoPath(nameOrPath)}: no such file, and no built-in preset of that name (presets: ${names})`);
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    throw new CliError(`${echoPath(nameOrPath)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return fromResult(parseDocumentText(text, echoPath(nameOrPath)), echoPath(nameOrPath));
}

function fromResult(result: ReturnType<typeof parseDocument>, source: string): LoadedGraph {
  if (!result.ok) throw new GraphFileError(source, result.errors.map((e) => e.message));
  return { graph: result.graph, source, warnings: result.warnings.map((w) => `${source}: ${w.message}`) };
}
