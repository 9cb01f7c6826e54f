/**
 * Registers `mixgraph album` and its split steps on the program (kept here so main.ts gains two
 * lines). The parent command defines `-o`/`--json` too and Commander parses a parent's options
 * first, so the subcommands read `optsWithGlobals()`.
 */
import type { Command } from 'commander';
import { albumAnalyzeCommand, albumCommand, albumRenderCommand, albumReportCommand } from './album';

function albumFlags(command: Command): Command {
  return command
    .option('--graph <graph>', 'mastering graph (file or preset) whose source plays file:track (default: mastering-chain)')
    .option('--target <lufs>', 'integrated loudness target, LUFS (default -14)')
    .option('--ceiling <dbtp>', 'true-peak ceiling, dBTP (default -1)')
    .option('--mode <mode>', 'track: every track hits the target; album: one gain, differences kept (default track)')
    .option('--match <what>', 'tonal matching: none, album (default) or a reference audio file')
    .option('--amount <percent>', 'how far to match, 0-100 % (default 100)')
    .option('--max-correction <db>', 'largest matching correction, dB (default 6)')
    .option('--bits <bits>', 'WAV sample format: 16 (dithered), 24 or 32f (default 24)')
    .option('--rate <hz>', 'render sample rate: 44100, 48000, 88200 or 96000 (default 48000)')
    .option('--jobs <n>', 'worker threads (default: the number of cores)')
    .option('--json', 'print the JSON on stdout');
}

export function addAlbumCommands(program: Command, setExit: (code: number) => void): void {
  const album = albumFlags(
    program
      .command('album')
      .description('master an album: loudness, tonal matching and a report over many tracks')
      .argument('[tracks...]', 'audio files, in album order')
      .option('-o, --output <dir>', 'folder for the mastered WAVs and album-report.{json,csv,html}'),
  ).action(async (tracks: string[], options) => setExit(await albumCommand(tracks, options)));

  albumFlags(
    album
      .command('analyze')
      .description('analyse tracks and write the album plan (split step 1)')
      .argument('<tracks...>', 'audio files, in album order')
      .option('--out <plan>', 'plan JSON file to write'),
  ).action(async (tracks: string[], _options, command: Command) => setExit(await albumAnalyzeCommand(tracks, command.optsWithGlobals())));

  album
    .command('render')
    .description('render one track of a plan (split step 2)')
    .option('--plan <plan>', 'plan JSON from album analyze')
    .option('--track <n>', 'track number, from 0')
    .option('-o, --output <dir>', 'output folder')
    .option('--json', 'print one JSON object on stdout')
    .action(async (_options, command: Command) => setExit(await albumRenderCommand(command.optsWithGlobals())));

  album
    .command('report')
    .description('measure the rendered tracks of a plan and write the reports (split step 3)')
    .option('--plan <plan>', 'plan JSON from album analyze')
    .option('-o, --output <dir>', 'the folder the tracks were rendered into')
    .option('--json', 'print the JSON report on stdout')
    .action(async (_options, command: Command) => setExit(await albumReportCommand(command.optsWithGlobals())));
}
