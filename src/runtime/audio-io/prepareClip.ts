/**
 * Turns decoded audio into the stereo clip the engine plays: every wire carries stereo at the
 * render rate (DESIGN.md, "Signal semantics"). Pure: no `node:` imports.
 *
 *  - 1 channel: copied to both sides (DESIGN.md: "Mono clips are copied to both channels").
 *  - 2 channels: left and right as stored.
 *  - 3+ channels: downmixed with the ITU-R BS.775-3 (Table 2) stereo downmix, unnormalised:
 *      L = FL + 0.7071·FC + 0.7071·(BL or SL) …, R likewise, LFE dropped (BS.775 leaves the LFE
 *      out of the downmix). Speaker positions come from the WAVE_FORMAT_EXTENSIBLE channel mask
 *      when the file has one, else from ffmpeg's default layout for the channel count (see
 *      {@link defaultSpeakerLayout}). Unnormalised because the engine is floating point: a 5.1
 *      stem's front channels keep their level, and a sum over 0 dBFS is not clipped here. These
 *      are the coefficients ffmpeg's `-ac 2` uses for float output (checked in the tests).
 *  - Then each side is resampled to the render rate when the file's rate differs (see resample.ts).
 */
import { resampledLength, resampleHead, resamplerDesign } from './resample';
import type { DecodedAudio, Hertz } from './types';

/** A stereo clip at the render rate, ready for a `source` node. */
export interface RenderClip {
  left: Float32Array;
  right: Float32Array;
  /** Every sample finite (`ClipAudio.finite`): kept from a decode that guarantees it. */
  finite?: boolean;
}

/** Speaker positions, in the bit order of KSAUDIO_SPEAKER_* / WAVE_FORMAT_EXTENSIBLE dwChannelMask. */
export const SPEAKER_POSITIONS = [
  'FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'FLC', 'FRC', 'BC', 'SL', 'SR',
  'TC', 'TFL', 'TFC', 'TFR', 'TBL', 'TBC', 'TBR',
] as const;

/** One speaker position name, or `unknown` for channels a layout does not cover. */
export type SpeakerPosition = (typeof SPEAKER_POSITIONS)[number] | 'unknown';

/** √½: −3 dB, BS.775's coefficient for centre and surround channels in the stereo downmix. */
const MINUS_3_DB = Math.SQRT1_2;

/**
 * Gains (to left, to right) of each speaker position in the stereo downmix. Front and centre
 * follow ITU-R BS.775-3 Table 2 (Lo = L + 0.7071 C + 0.7071 Ls); positions BS.775 does not name
 * take the same −3 dB for the side they are on, and −6 dB (0.5) to each side when centred.
 */
const DOWNMIX_GAINS: Readonly<Record<SpeakerPosition, readonly [number, number]>> = {
  FL: [1, 0],
  FR: [0, 1],
  FC: [MINUS_3_DB, MINUS_3_DB],
  LFE: [0, 0],
  BL: [MINUS_3_DB, 0],
  BR: [0, MINUS_3_DB],
  FLC: [1, 0],
  FRC: [0, 1],
  BC: [0.5, 0.5],
  SL: [MINUS_3_DB, 0],
  SR: [0, MINUS_3_DB],
  TC: [0.5, 0.5],
  TFL: [MINUS_3_DB, 0],
  TFC: [0.5, 0.5],
  TFR: [0, MINUS_3_DB],
  TBL: [MINUS_3_DB, 0],
  TBC: [0.5, 0.5],
  TBR: [0, MINUS_3_DB],
  unknown: [0.5, 0.5],
};

/**
 * Speaker layout assumed for a file without a channel mask, per channel count: ffmpeg's default
 * layouts (what it writes for `-ac N` and assumes when reading), 4 = 4.0 (FL FR FC BC),
 * 5 = 5.0 (FL FR FC BL BR), 6 = 5.1 (FL FR FC LFE BL BR, the WAV order), 7 = 6.1
 * (FL FR FC LFE BC SL SR), 8 = 7.1 (FL FR FC LFE BL BR SL SR) — except 3 channels, which are taken
 * as L R C rather than ffmpeg's 2.1 (FL FR LFE): an unlabelled third channel is kept, not dropped
 * as an LFE. Channels beyond these are `unknown` (mixed to both sides at −6 dB).
 */
export function defaultSpeakerLayout(channelCount: number): SpeakerPosition[] {
  const layouts: Readonly<Record<number, readonly SpeakerPosition[]>> = {
    1: ['FC'],
    2: ['FL', 'FR'],
    3: ['FL', 'FR', 'FC'],
    4: ['FL', 'FR', 'FC', 'BC'],
    5: ['FL', 'FR', 'FC', 'BL', 'BR'],
    6: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
    7: ['FL', 'FR', 'FC', 'LFE', 'BC', 'SL', 'SR'],
    8: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR'],
  };
  const known = layouts[channelCount] ?? layouts[8];
  const result: SpeakerPosition[] = [];
  for (let c = 0; c < channelCount; c++) result.push(known[c] ?? 'unknown');
  return result;
}

/**
 * Speaker position of each channel: the set bits of `channelMask` in ascending order (Microsoft,
 * "Multiple Channel Audio Data and WAVE Files": channels appear in the file in mask-bit order),
 * channels past the mask's set bits are `unknown`; without a mask, {@link defaultSpeakerLayout}.
 */
export function speakerLayout(channelCount: number, channelMask: number | undefined): SpeakerPosition[] {
  if (!channelMask) return defaultSpeakerLayout(channelCount);
  const result: SpeakerPosition[] = [];
  for (let bit = 0; bit < SPEAKER_POSITIONS.length && result.length < channelCount; bit++) {
    if ((channelMask & (1 << bit)) !== 0) result.push(SPEAKER_POSITIONS[bit]);
  }
  while (result.length < channelCount) result.push('unknown');
  return result;
}

/**
 * Mixes any number of channels to stereo at the file's rate (rules in the file comment).
 * @returns new arrays; the input is not modified.
 */
export function downmixToStereo(decoded: DecodedAudio): RenderClip {
  const channels = decoded.channels;
  // Channels of a decoded file have equal lengths; a hand-built DecodedAudio might not.
  const frames = channels.reduce((shortest, channel) => Math.min(shortest, channel.length), Infinity);
  if (channels.length === 0) return { left: new Float32Array(0), right: new Float32Array(0) };
  if (channels.length === 1) return { left: channels[0].slice(), right: channels[0].slice() };
  if (channels.length === 2) return { left: channels[0].slice(0, frames), right: channels[1].slice(0, frames) };

  const layout = speakerLayout(channels.length, decoded.channelMask);
  const gainsLeft = layout.map((position) => DOWNMIX_GAINS[position][0]);
  const gainsRight = layout.map((position) => DOWNMIX_GAINS[position][1]);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  // Frame by frame so each output is summed in float64 and rounded to float32 once.
  for (let i = 0; i < frames; i++) {
    let sumLeft = 0;
    let sumRight = 0;
    for (let c = 0; c < channels.length; c++) {
      const x = channels[c][i];
      sumLeft += gainsLeft[c] * x;
      sumRight += gainsRight[c] * x;
    }
    left[i] = sumLeft;
    right[i] = sumRight;
  }
  return { left, right };
}

/**
 * Prepares a decoded file for the engine: stereo (mono copied, 3+ channels downmixed per
 * ITU-R BS.775) at `renderRate` (band-limited resampling when the rates differ).
 *
 * @param decoded audio from {@link decodeWav} / `decodeAudioFile`.
 * @param renderRate the engine's rate, Hz (e.g. 48000).
 * @param frames when given, only the first `frames` frames at the render rate are prepared (the
 *   same samples as the full clip's first frames): all a render that never reads further needs.
 * @param options.adopt the caller gives `decoded` up: a stereo file at the render rate, used whole,
 *   becomes the clip as it is (no copy of the samples).
 * @returns two arrays of equal length round(frames · renderRate / fileRate), or `frames` if less;
 *   new ones unless adopted.
 */
export function toRenderClip(decoded: DecodedAudio, renderRate: Hertz, frames?: number, options: { adopt?: boolean } = {}): RenderClip {
  const fileFrames = decoded.channels.reduce((shortest, channel) => Math.min(shortest, channel.length), Infinity);
  const fullLength = decoded.channels.length === 0 ? 0 : resampledLength(fileFrames, decoded.sampleRate, renderRate);
  const wanted = frames === undefined ? fullLength : Math.max(0, Math.min(fullLength, Math.floor(frames)));
  if (decoded.channels.length === 1 && decoded.sampleRate !== renderRate) {
    // Resample once, then copy: halves the work for the common mono case.
    const mono = resampleHead(decoded.channels[0], decoded.sampleRate, renderRate, wanted);
    return { left: mono, right: mono.slice() };
  }
  // Downmix only the input the wanted outputs reach: up to the last one's time plus the filter.
  const reach =
    decoded.sampleRate === renderRate
      ? wanted
      : Math.floor(((wanted - 1) * decoded.sampleRate) / renderRate) + resamplerDesign(decoded.sampleRate, renderRate).taps + 1;
  const channels = decoded.channels;
  if (
    options.adopt &&
    channels.length === 2 &&
    decoded.sampleRate === renderRate &&
    wanted === fileFrames &&
    channels[0].length === fileFrames &&
    channels[1].length === fileFrames
  ) {
    return { left: channels[0], right: channels[1], ...finiteFlag(decoded) };
  }
  const view = wanted === fullLength ? decoded : headOf(decoded, Math.min(fileFrames, Math.max(0, reach)));
  const stereo = downmixToStereo(view);
  if (decoded.sampleRate === renderRate) return decoded.channels.length <= 2 ? { ...stereo, ...finiteFlag(decoded) } : stereo;
  return {
    left: resampleHead(stereo.left, decoded.sampleRate, renderRate, wanted),
    right: resampleHead(stereo.right, decoded.sampleRate, renderRate, wanted),
  };
}

/**
 * `{ finite: true }` when the decode guarantees finite samples — for copies only: a downmix or a
 * resampling of float samples near 3.4e38 could overflow to infinity.
 */
function finiteFlag(decoded: DecodedAudio): { finite?: true } {
  return decoded.finite ? { finite: true } : {};
}

/** The first `frames` frames of every channel, as views (no copy). */
function headOf(decoded: DecodedAudio, frames: number): DecodedAudio {
  return { ...decoded, channels: decoded.channels.map((c) => c.subarray(0, frames)) };
}
