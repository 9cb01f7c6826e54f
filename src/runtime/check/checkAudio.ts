/**
 * The translation report of decoded audio, as `mixgraph check` makes it: more than two channels
 * are checked as the stereo downmix a listener's device would play, rates below the meter's 8 kHz
 * are upsampled to 48 kHz. One function for the CLI and the editor's bounce dialog (in a Worker),
 * so both print the same numbers for the same file. Pure: no `node:` imports.
 */
import { MIN_METER_RATE } from '../../dsp/loudness/meter';
import { downmixToStereo, resample } from '../audio-io/portable';
import type { DecodedAudio } from '../audio-io/types';
import { type TranslationReport, translationReport } from './translationReport';

/** Builds the report of `audio` (see the file comment). */
export function checkAudio(audio: DecodedAudio): Promise<TranslationReport> {
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
  return translationReport(channels, rate);
}
