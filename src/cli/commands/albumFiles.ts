/** File checks and writes of `mixgraph album`: inputs checked up front, reports written atomically. */
import * as fs from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { temporaryPathFor } from '../../runtime/audio-io';
import { CliError } from '../errors';
import { echoPath } from '../terminalText';

/** Every track must be a readable file before anything runs; names each one that is not. */
export function checkReadable(paths: readonly string[]): void {
  const problems: string[] = [];
  for (const path of paths) {
    try {
      if (!fs.statSync(path).isFile()) problems.push(`${echoPath(path)}: not a file`);
      else fs.accessSync(path, fs.constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${echoPath(path)}: ${code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : 'cannot read the file'}`);
    }
  }
  if (problems.length > 0) throw new CliError(`${problems.join('\n')}\nnothing was written`);
}

/** Creates OUTDIR and refuses outputs that would overwrite an input. */
export function prepareOutDir(outDir: string, outputs: readonly string[], inputs: readonly string[]): void {
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new CliError(`${outDir}: cannot create the output folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const inputSet = new Set(inputs.map((p) => resolve(p)));
  for (const name of [...outputs, 'album-report.json', 'album-report.csv', 'album-report.html']) {
    if (inputSet.has(resolve(outDir, name))) throw new CliError(`${join(outDir, name)}: the output would overwrite an input track; choose another -o folder`);
  }
}

/** Writes a text file atomically (temporary file beside it, then rename). */
export function writeTextFileAtomic(path: string, text: string): void {
  const temp = temporaryPathFor(path);
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, path);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // nothing to clean
    }
    throw new CliError(`${echoPath(path)}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Removes the temporary files a stopped worker may have left for these outputs. */
export function removeTemporaryOutputs(outDir: string, outputs: readonly string[]): void {
  for (const name of outputs) {
    try {
      fs.unlinkSync(temporaryPathFor(join(outDir, basename(name))));
    } catch {
      // not there: fine
    }
  }
}
