/** `mixgraph loudness FILE [--json]`: BS.1770-4 / EBU R128 measurement of a WAV file. */
import { LoudnessMeter } from '../../dsp/loudness';
import { MIN_METER_RATE } from '../../dsp/loudness/meter';
import { readWavFile, resample } from '../../runtime/audio-io';
import { formatDb } from '../format';
import { printLines, terminalSafe } from '../terminalText';
import { loudnessReportOf } from '../../runtime/render';

export function loudnessCommand(file: string, options: { json?: boolean }): number {
  const audio = readWavFile(file);
  for (const w of audio.warnings ?? []) printLines('warning: ', w);
  const frames = audio.channels[0]?.length ?? 0;
  // A mono file is one loudspeaker: measured as one channel (as ffmpeg's ebur128 does).
  let left = audio.channels[0] ?? new Float32Array(0);
  let right = audio.channels[1] ?? new Float32Array(frames);
  let meterRate = audio.sampleRate;
  if (meterRate < MIN_METER_RATE) {
    // The meter's K-weighting needs at least 8 kHz; the decoder reads files from 1 kHz. Such a file
    // holds nothing above its Nyquist frequency, so its band-limited upsampling to 48 kHz is the
    // same signal (and true peak is defined on that reconstruction anyway). ffmpeg's ebur128
    // resamples the same way.
    meterRate = 48000;
    left = resample(left, audio.sampleRate, meterRate);
    right = audio.channels[1] ? resample(right, audio.sampleRate, meterRate) : new Float32Array(left.length);
  }
  const meter = new LoudnessMeter(meterRate);
  meter.push(left, right, left.length);
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
