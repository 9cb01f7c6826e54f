/**
 * "No output may be one of the inputs" (DESIGN.md, Errors and data safety): `render g.json -o
 * g.json` would replace the graph with a WAV, `--input a=a.wav -o a.wav` the audio. The output is
 * compared with every file the command reads by device and inode (catches hard links and
 * symbolic links to an existing file) and by resolved path (catches a new path that resolves to
 * an input's, however it is spelled).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { OutputTarget } from '../runtime/audio-io';
import { usageError } from './errors';
import { echoName } from './terminalText';

/** A file the command reads, with what to call it in the message. */
export interface ReadFile {
  /** "the graph", "--input vocals". */
  role: string;
  path: string;
}

/** Absolute path with every existing directory's symbolic links resolved. */
function resolvedPath(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    try {
      return nodePath.join(fs.realpathSync(nodePath.dirname(path)), nodePath.basename(path));
    } catch {
      return nodePath.resolve(path);
    }
  }
}

/**
 * @throws CliError (exit 2, bad usage) when `output` is the same file as one of `inputs`; nothing
 *   has been written at that point.
 */
export function checkOutputIsNotAnInput(output: OutputTarget, inputs: readonly ReadFile[]): void {
  const identity =
    output.kind === 'stream' ? { dev: output.dev, ino: output.ino } : output.existing && { dev: output.existing.dev, ino: output.existing.ino };
  const outputPath = output.kind === 'file' ? resolvedPath(output.writePath) : undefined;
  for (const input of inputs) {
    let same = false;
    try {
      const stat = fs.statSync(input.path);
      same = identity !== undefined && stat.dev === identity.dev && stat.ino === identity.ino;
    } catch {
      // An input that cannot be read fails later with its own message.
    }
    if (!same && outputPath !== undefined) same = resolvedPath(input.path) === outputPath;
    if (same) {
      throw usageError(
        `-o ${echoName(output.path)}: this is the same file as ${input.role} (${echoName(input.path)}); ` +
          'writing it would destroy the input; choose another output file',
      );
    }
  }
}
