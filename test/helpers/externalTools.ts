/**
 * Measurements by external tools (ffmpeg, sox): the independent references our tests compare
 * against.
 */
import { spawnSync } from 'node:child_process';

export interface FfmpegLoudness {
  integratedLufs: number;
  loudnessRangeLu: number;
  truePeakDbtp: number;
}

/** ffmpeg's EBU R128 filter (`ebur128=peak=true`): the summary it logs for a file. */
export function ffmpegEbur128(path: string): FfmpegLoudness {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ffmpeg failed on ${path}: ${r.stderr.slice(-500)}`);
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const num = (re: RegExp): number => {
    const m = re.exec(summary);
    if (!m) throw new Error(`ffmpeg ebur128 summary not understood:\n${summary}`);
    return m[1] === '-inf' ? -Infinity : Number(m[1]);
  };
  return {
    integratedLufs: num(/I:\s+(-?[\d.]+|-inf) LUFS/),
    loudnessRangeLu: num(/LRA:\s+(-?[\d.]+) LU/),
    truePeakDbtp: num(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/),
  };
}

/** `sox --i` facts about a WAV file. */
export function soxInfo(path: string): { sampleRate: number; channels: number; samples: number; bits: number } {
  const field = (flag: string): number => {
    const r = spawnSync('sox', ['--i', flag, path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sox --i ${flag} failed on ${path}: ${r.stderr}`);
    return Number(r.stdout.trim());
  };
  return { sampleRate: field('-r'), channels: field('-c'), samples: field('-s'), bits: field('-b') };
}
