/**
 * Shared data shapes of `src/runtime/audio-io`. Pure types: safe to import from Node, the browser
 * and Web Workers.
 */

/** Sample rate in hertz (frames per second). */
export type Hertz = number;

/** How the samples of a decoded file were stored, for reports ("PCM 24-bit, 48000 Hz"). */
export interface SourceFormat {
  /** File container. `RF64`/`BW64` are the 64-bit-size WAV variants (EBU Tech 3306, ITU-R BS.2088). */
  readonly container: 'WAV' | 'RF64' | 'BW64' | 'AIFF' | 'AIFF-C';
  /** Sample encoding: linear PCM, IEEE 754 float, or ITU-T G.711 companding. */
  readonly encoding: 'pcm' | 'float' | 'a-law' | 'mu-law';
  /** Valid bits per sample (e.g. 16, 24, 32, 64; 8 for G.711). */
  readonly bits: number;
}

/**
 * Audio decoded from a file: one Float32Array per channel, all the same length, samples scaled so
 * full-scale integer PCM maps to [-1, 1) (integer value / 2^(bits-1)). Float files keep their
 * values as stored (they may exceed ±1); non-finite float samples are replaced by 0.
 */
export interface DecodedAudio {
  /** Sample rate of the file, Hz. */
  sampleRate: Hertz;
  /** Planar samples, one array per channel, in file order. */
  channels: Float32Array[];
  /**
   * Speaker-position bit mask (WAVE_FORMAT_EXTENSIBLE `dwChannelMask`, KSAUDIO_SPEAKER_* bits)
   * when the file states one; absent or 0 = not stated. Used by the stereo downmix.
   */
  channelMask?: number;
  /** How the file stored its samples, when decoded from a file. */
  sourceFormat?: SourceFormat;
  /** Non-fatal problems the decoder worked around (truncated data chunk, NaN samples…). */
  warnings?: string[];
  /**
   * True when every sample is known to be finite: the WAV and AIFF decoders replace NaN and
   * infinity by 0 (`sampleDecode.ts`). Absent = not known (other decoders, hand-built audio).
   */
  finite?: boolean;
}

/** Bit depth / sample encoding of WAV files we write: 16-bit PCM, 24-bit PCM or 32-bit float. */
export type WavBits = 16 | 24 | '32f';

/** Format of a WAV file we write. Always stereo: the render is stereo (DESIGN.md, signal rules). */
export interface WavFormat {
  /** Frames per second, Hz (e.g. 44100, 48000, 96000). */
  sampleRate: Hertz;
  /** Channel count; the engine renders stereo. */
  channels: 2;
  /** Sample encoding. */
  bits: WavBits;
  /**
   * `wav` (RIFF, at most 4 GiB of samples; the default) or `rf64` (EBU Tech 3306: 64-bit sizes in
   * a `ds64` chunk, for longer renders).
   */
  container?: 'wav' | 'rf64';
}
