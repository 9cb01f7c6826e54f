/**
 * `mixgraph check FILE [--json]`: the translation report of a finished master — loudness, mono
 * compatibility, what each delivery platform would do, and codec overs (docs/translation.md).
 * Always exits 0 when the file could be read: the report informs, it does not judge.
 */
import { readAnyAudioFile } from '../../runtime/audio-io/decoders/readAnyAudioFile';
import { downmixToStereo, resample } from '../../runtime/audio-io';
import { MIN_METER_RATE } from '../../dsp/loudness/meter';
import { translationReport } from '../../runtime/check/translationReport';
import { formatCheckReport } from './checkFormat';
import { printLines } from '../terminalText';

export async function checkCommand(file: string, options: { json?: boolean }): Promise<number> {
  const audio = await readAnyAudioFile(file);
  for (const w of audio.warnings ?? []) printLines('warning: ', w);
  // More than two channels: checked as the stereo downmix a listener's device would play.
  let channels: Float32Array[] = audio.channels;
  if (channels.length > 2) {
    const stereo = downmixToStereo(audio);
    channels = [stereo.left, stereo.right];
  }
  let rate = audio.sampleRate;
  if (rate < MIN_METER_RATE) {
    // As `mixgraph loudness`: the K-weighting needs ≥ 8 kHz; band-limited upsampling is the same signal.
    channels = channels.map((c) => resample(c, rate, 48000));
    rate = 48000;
  }
  const report = await translationReport(channels, rate);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
    return 0;
  }
  process.stdout.write(formatCheckReport(file, report));
  return 0;
}
