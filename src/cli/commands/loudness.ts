/** `mixgraph loudness FILE [--json]`: BS.1770-4 / EBU R128 measurement of a WAV file. */
import { LoudnessMeter } from '../../dsp/loudness';
import { readWavFile } from '../../runtime/audio-io';
import { formatDb } from '../format';
import { printLines, terminalSafe } from '../terminalText';
import { loudnessReportOf } from '../../runtime/render';

export function loudnessCommand(file: string, options: { json?: boolean }): number {
  const audio = readWavFile(file);
  for (const w of audio.warnings ?? []) printLines('warning: ', w);
  const frames = audio.channels[0]?.length ?? 0;
  // A mono file is one loudspeaker: measured as one channel (as ffmpeg's ebur128 does).
  const left = audio.channels[0] ?? new Float32Array(0);
  const right = audio.channels[1] ?? new Float32Array(frames);
  const meter = new LoudnessMeter(audio.sampleRate);
  meter.push(left, right, frames);
  const result = loudnessReportOf(meter);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  process.stdout.write(
    [
      `${terminalSafe(file)}: ${(frames / audio.sampleRate).toFixed(2)} s, ${audio.sampleRate} Hz, ${audio.channels.length} channel(s)`,
      `  integrated     ${formatDb(result.integratedLufs, 'LUFS')}`,
      `  range          ${result.loudnessRangeLu === null ? '–' : `${result.loudnessRangeLu.toFixed(1)} LU`}`,
      `  true peak      ${formatDb(result.truePeakDbtp, 'dBTP')}`,
      `  sample peak    ${formatDb(result.samplePeakDbfs, 'dBFS')}`,
      `  max momentary  ${formatDb(result.maxMomentaryLufs, 'LUFS')}`,
      `  max short-term ${formatDb(result.maxShortTermLufs, 'LUFS')}`,
    ].join('\n') + '\n',
  );
  return 0;
}
