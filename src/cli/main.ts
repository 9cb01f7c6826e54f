/**
 * The `mixgraph` command line. Every failure ends in one clear line per problem on stderr and an
 * exit code (1 failure, 2 bad usage); never a stack trace (set MIXGRAPH_DEBUG=1 to see one).
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './errors';
import { renderCommand } from './commands/render';
import { validateCommand } from './commands/validate';
import { loudnessCommand } from './commands/loudness';
import { presetsCommand } from './commands/presets';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { addAlbumCommands } from './commands/albumProgram';
import { GraphRenderError } from '../runtime/render';
import { RenderAbortedError, RenderOptionError } from '../runtime/offline';
import { isAudioFileError } from '../runtime/audio-io';
import { cancellingSignal, SIGNAL_EXIT_CODES } from './signals';
import { echoPath, printLines, terminalSafe } from './terminalText';

const collect = (value: string, previous: string[]) => [...previous, value];

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('mixgraph')
    .description('Render, check and measure Mixgraph mixing graphs.')
    .exitOverride()
    .showHelpAfterError('(run mixgraph --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(terminalSafe(s)) });

  program
    .command('render')
    .description('render a graph (file or built-in preset name) to a WAV file')
    .argument('<graph>', 'graph JSON file or built-in preset name')
    .option('-o, --output <file>', 'WAV file to write')
    .option('--input <name=file>', 'bind file:NAME clips to a WAV file (repeatable)', collect, [])
    .option('--rate <hz>', 'render sample rate: 44100, 48000, 88200 or 96000', undefined)
    .option('--seconds <s>', 'length (default: longest non-looping clip, else 30 s)')
    .option('--bits <bits>', 'WAV sample format: 16 (dithered), 24 or 32f', '24')
    .option('--normalize <lufs>', 'apply a gain so the output hits this integrated loudness')
    .option('--json', 'print the report as one JSON object on stdout')
    .option('--format <container>', 'wav (at most 4 GiB of samples) or rf64 (EBU Tech 3306, for longer renders)', 'wav')
    .option('--max-memory <size>', 'refuse renders needing more memory (e.g. 512M, 8G; default half the RAM, at most 4G)')
    .action(async (graph: string, options) => setExit(await renderCommand(graph, options)));

  program
    .command('validate')
    .description('check a graph and print its processing order')
    .argument('<graph>', 'graph JSON file or built-in preset name')
    .action((graph: string) => setExit(validateCommand(graph)));

  program
    .command('loudness')
    .description('measure a WAV file (ITU-R BS.1770-4 / EBU R128)')
    .argument('<file>', 'WAV file')
    .option('--json', 'print one JSON object on stdout')
    .action((file: string, options) => setExit(loudnessCommand(file, options)));

  program
    .command('check')
    .description('translation report of a master: loudness, mono, delivery targets, MP3 overs')
    .argument('<file>', 'audio file (WAV, AIFF, FLAC, MP3, Ogg)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (file: string, options) => setExit(await checkCommand(file, options)));

  program
    .command('diff')
    .description('what changed between two graphs: params, bypass, nodes and wires, in words')
    .argument('<a>', 'graph JSON file or built-in preset name (before)')
    .argument('<b>', 'graph JSON file or built-in preset name (after)')
    .option('--json', 'print one JSON object on stdout: { a, b, same, changes }')
    .action((a: string, b: string, options) => setExit(diffCommand(a, b, options)));

  program
    .command('presets')
    .description('list the built-in presets')
    .action(() => setExit(presetsCommand()));

  addAlbumCommands(program, setExit);

  return program;
}

/** Worker threads of `mixgraph album` load this bundle and call this task (see albumPool.ts). */
export { albumWorkerTask } from './commands/albumTasks';

/** Runs the CLI with `args` (without node and script); resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  if (args.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (process.env.MIXGRAPH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof CommanderError) {
    // Commander already printed its one-line message; help and version are not failures.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof CliError) {
    printLines('mixgraph: ', error.message);
    return error.exitCode;
  }
  if (error instanceof GraphRenderError) {
    for (const issue of error.issues) printLines('mixgraph: ', issue.message);
    return 1;
  }
  if (isAudioFileError(error)) {
    printLines('mixgraph: ', `${echoPath(error.file)}: ${error.offset === undefined ? '' : `byte ${error.offset}: `}${error.detail}`);
    return 1;
  }
  if (error instanceof RenderOptionError) {
    printLines('mixgraph: ', error.message);
    return 2;
  }
  if (error instanceof RenderAbortedError) {
    const signal = cancellingSignal();
    printLines('mixgraph: ', `cancelled${signal ? ` by ${signal}` : ''}; nothing was written`);
    return signal ? SIGNAL_EXIT_CODES[signal] : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  printLines('mixgraph: ', `internal error: ${message} (please report it; MIXGRAPH_DEBUG=1 shows details)`);
  return 1;
}
