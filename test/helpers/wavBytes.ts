/**
 * WAV files built byte by byte in a test, so no fixture file is needed and a header may say what a
 * real writer never would (a rate out of range, a data size that lies, a huge chunk before the
 * audio). Layout per the RIFF/WAVE spec (Microsoft, "Multimedia Programming Interface and Data
 * Specifications 1.0", 1991): "RIFF" size "WAVE", then chunks of id, 32-bit little-endian size and
 * body, each padded to an even length.
 */

/** One chunk placed before `fmt `: a four-character id and its body. */
export interface WavChunk {
  id: string;
  body: Uint8Array;
}

export interface WavBytesOptions {
  /** The `fmt ` chunk's format tag: 1 integer PCM (default), 3 IEEE float. */
  formatTag?: number;
  /** Channels (1). */
  channels?: number;
  /** Sample rate, Hz (48000); written as given, in range or not. */
  rate?: number;
  /** Bits per sample (16); block align and byte rate follow from it and the channels. */
  bits?: number;
  /** The audio, already encoded little-endian (see `pcm16le`); none by default. */
  data?: Uint8Array;
  /** The data chunk's size field; `data.length` unless given, so it may lie (truncated files). */
  dataLength?: number;
  /** Chunks between "WAVE" and `fmt ` (a JUNK or bext chunk, as broadcast files carry). */
  extraChunks?: readonly WavChunk[];
}

/**
 * A WAV file: RIFF header, `extraChunks`, a 16-byte `fmt ` chunk (PCMWAVEFORMAT: no cbSize, no
 * fact chunk), then `data`. The RIFF size is the true length of everything after it.
 */
export function wavBytes(options: WavBytesOptions = {}): Buffer {
  const { formatTag = 1, channels = 1, rate = 48_000, bits = 16, data = new Uint8Array(0), extraChunks = [] } = options;
  const blockAlign = (channels * bits) / 8;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(formatTag, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bits, 14);
  const body = Buffer.concat([
    Buffer.from('WAVE', 'latin1'),
    ...extraChunks.map((c) => chunk(c.id, c.body)),
    chunk('fmt ', fmt),
    chunk('data', data, options.dataLength),
  ]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** One chunk: id, size (the body's length unless `size` says otherwise), body, pad byte if odd. */
function chunk(id: string, body: Uint8Array, size = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(size, 4);
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
}

/** Integer samples (−32768..32767, interleaved if several channels) as 16-bit little-endian bytes. */
export function pcm16le(samples: ArrayLike<number>): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, 2 * i);
  return bytes;
}
