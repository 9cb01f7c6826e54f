/**
 * Album memory rows for compressed tracks (part of section `album`): the peak RSS (GNU time) of
 * `mixgraph album TRACK --jobs 1` on one FLAC and one MP3 track of 2 minutes against the same of
 * 20 minutes (2 and 4 minutes with `--quick`). FLAC, MP3 and Ogg tracks are streamed (decoded in
 * 64 KiB chunks), so the peak must not grow with the track: target ≤ 16 MiB of growth. Decoding
 * such a track whole would hold 20 min × 44.1 kHz × 2 channels × 4 bytes ≈ 404 MiB of samples.
 * The short track is not shorter than 2 minutes: each decoder's WebAssembly heap (16 MiB) is
 * touched page by page as it decodes, so the peak settles only after the first minute or so
 * (12 s → 120 s grows by ≈ 25 MiB, 120 s → 1200 s by ≈ 5; docs/album.md).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchOptions } from './options';
import type { Toolset } from './tools';
import type { CommandNote, Row } from './types';
import { docCommand, runTimed } from './wholeProcess';

const SECTION = 'album';
/** Largest growth of the peak RSS from the short to the long track, MiB. */
const GROWTH_LIMIT_MIB = 16;

/** Pink noise (ffmpeg `anoisesrc`, 44.1 kHz stereo) encoded as `file` with `codec`. */
function encodedNoise(ffmpeg: string, path: string, seconds: number, codec: readonly string[]): void {
  const r = spawnSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `anoisesrc=color=pink:sample_rate=44100:amplitude=0.25:duration=${seconds}`, '-ac', '2', ...codec, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${path}: ${r.stderr.trim().split('\n').pop()}`);
}

const FORMATS = [
  { name: 'FLAC', ext: 'flac', codec: ['-c:a', 'flac', '-sample_fmt', 's16'] },
  { name: 'MP3', ext: 'mp3', codec: ['-c:a', 'libmp3lame', '-b:a', '192k'] },
] as const;

/**
 * The rows: per format, peak RSS for the short and the long track and their difference.
 * @param dir scratch directory (the caller removes it).
 */
export function compressedMemoryRows(root: string, dir: string, options: BenchOptions, tools: Toolset): { rows: Row[]; commands: CommandNote[] } {
  const short = 120;
  const long = options.quick ? 240 : 1200;
  const rows: Row[] = [];
  const commands: CommandNote[] = [];
  const timePath = tools.time.version ? tools.time.path : null;
  const skipped = !timePath ? `skipped: ${tools.time.name} not installed (${tools.time.path})` : !tools.ffmpeg.version ? `skipped: ${tools.ffmpeg.name} not installed` : undefined;
  for (const format of FORMATS) {
    const peak: Record<number, number | null> = {};
    for (const seconds of [short, long]) {
      const track = join(dir, `${format.ext}-${seconds}s.${format.ext}`);
      const argv = [process.execPath, join('bin', 'mixgraph.mjs'), 'album', track, '-o', join(dir, `out-${format.ext}-${seconds}`), '--jobs', '1'];
      peak[seconds] = null;
      if (!skipped) {
        encodedNoise(tools.ffmpeg.path, track, seconds, format.codec);
        peak[seconds] = runTimed(argv, { cwd: root, timePath }).peakRssMiB;
      }
      rows.push({ section: SECTION, name: `album peak RSS, one ${seconds} s ${format.name} track, --jobs 1`, value: peak[seconds], unit: 'MiB', skipped });
      commands.push({ section: SECTION, label: `album, one ${seconds} s ${format.name} track`, command: `${timePath ? `${timePath} -f %M ` : ''}${docCommand(argv, dir)}` });
    }
    const a = peak[short];
    const b = peak[long];
    rows.push({
      section: SECTION,
      name: `album peak RSS growth, ${format.name} ${long} s − ${short} s track (streamed)`,
      value: a !== null && b !== null ? b - a : null,
      unit: 'MiB',
      target: { op: '<=', limit: GROWTH_LIMIT_MIB },
      skipped,
    });
  }
  return { rows, commands };
}
