/**
 * Audio file I/O that runs anywhere (Node, browser, Web Worker): decoding, resampling, clip
 * preparation and WAV encoding. No `node:` imports here or below: browser and Worker code import
 * this entry; Node code (CLI, tests) imports `./index`, which adds the file-system helpers.
 */
export { AudioFileError, isAudioFileError } from './audioFileError';
export type { DecodedAudio, Hertz, SourceFormat, WavBits, WavFormat } from './types';
export { decodeWav } from './wavDecode';
export { decodeAiff } from './aiffDecode';
export { decodeAudioFile, detectAudioFileKind, type AudioFileKind } from './decodeAudioFile';
export { MAX_FILE_SAMPLE_RATE, MIN_FILE_SAMPLE_RATE } from './sampleRateRange';
export {
  resample,
  resampleHead,
  resampledLength,
  resamplerDesign,
  RESAMPLER_CUTOFF,
  RESAMPLER_PASSBAND_EDGE,
  RESAMPLER_STOPBAND_DB,
  type ResamplerDesign,
} from './resample';
export {
  defaultSpeakerLayout,
  downmixToStereo,
  speakerLayout,
  toRenderClip,
  type RenderClip,
  type SpeakerPosition,
} from './prepareClip';
export { createTpdfDither, DEFAULT_DITHER_SEED, type TpdfDither } from './dither';
export {
  createClipStats,
  encodeStereoFrames,
  type ClipStats,
  encodeWav,
  encodeWavHeader,
  MAX_WAV_DATA_BYTES,
  wavBytesPerSample,
  wavHeaderBytes,
  type WavEncodeOptions,
} from './wavEncode';
export { createWavStreamEncoder, type WavStreamEncoder } from './wavWriter';
