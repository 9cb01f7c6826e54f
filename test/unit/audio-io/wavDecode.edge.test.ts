/**
 * Hand-built WAV files for the edge cases: chunk padding, unknown chunks, truncation, RF64,
 * EXTENSIBLE details, and every error with its file name and byte offset.
 */
import { describe, expect, it } from 'vitest';
import { AudioFileError, decodeAudioFile, decodeWav, detectAudioFileKind } from '../../../src/runtime/audio-io';

/** One chunk: id and body. */
type Chunk = [string, Uint8Array];

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** Little-endian field writer. */
function le(values: Array<[number, 1 | 2 | 4]>): Uint8Array {
  const out: number[] = [];
  for (const [value, width] of values) for (let i = 0; i < width; i++) out.push((value >>> (8 * i)) & 0xff);
  return Uint8Array.from(out);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Builds a RIFF file; `pad: false` omits the pad byte after odd chunks (a known writer bug). */
function riff(chunks: Chunk[], options: { id?: string; pad?: boolean; sizes?: Record<string, number> } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [id, body] of chunks) {
    const size = options.sizes?.[id] ?? body.length;
    parts.push(ascii(id), le([[size, 4]]), body);
    if (body.length % 2 === 1 && options.pad !== false) parts.push(new Uint8Array(1));
  }
  const payload = concat(...parts);
  return concat(ascii(options.id ?? 'RIFF'), le([[payload.length + 4, 4]]), ascii('WAVE'), payload);
}

/** WAVEFORMATEX (16 bytes) for PCM/float. */
function fmt(tag: number, channels: number, rate: number, bits: number, blockAlign = (channels * bits) / 8): Uint8Array {
  return le([[tag, 2], [channels, 2], [rate, 4], [rate * blockAlign, 4], [blockAlign, 2], [bits, 2]]);
}

/** WAVEFORMATEXTENSIBLE (40 bytes) with a sub-format tag built on the KSDATAFORMAT base GUID. */
function fmtExtensible(subTag: number, channels: number, rate: number, containerBits: number, validBits: number, mask: number, guidTail?: number[]): Uint8Array {
  const blockAlign = (channels * containerBits) / 8;
  const tail = guidTail ?? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
  return concat(
    le([[0xfffe, 2], [channels, 2], [rate, 4], [rate * blockAlign, 4], [blockAlign, 2], [containerBits, 2], [22, 2], [validBits, 2], [mask, 4], [subTag, 2]]),
    Uint8Array.from(tail),
  );
}

function int16Data(values: number[]): Uint8Array {
  return le(values.map((v) => [v & 0xffff, 2] as [number, 2]));
}

/** Asserts `fn` throws an AudioFileError with this file, offset and message fragment. */
function expectAudioError(fn: () => unknown, offset: number | undefined, fragment: string | RegExp): AudioFileError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AudioFileError);
  const error = caught as AudioFileError;
  expect(error.offset).toBe(offset);
  expect(error.message).toMatch(fragment);
  return error;
}

describe('decodeWav: chunk structure', () => {
  it('reads a minimal 16-bit stereo file exactly (value / 32768)', () => {
    const bytes = riff([['fmt ', fmt(1, 2, 48000, 16)], ['data', int16Data([0, -32768, 32767, 16384, -1, 1])]]);
    const decoded = decodeWav(bytes, 'a.wav');
    expect(decoded.sampleRate).toBe(48000);
    expect(Array.from(decoded.channels[0])).toEqual([0, 32767 / 32768, -1 / 32768].map(Math.fround));
    expect(Array.from(decoded.channels[1])).toEqual([-1, 0.5, 1 / 32768].map(Math.fround));
    expect(decoded.warnings).toBeUndefined();
  });

  it('skips unknown chunks and honours the pad byte after an odd-sized chunk', () => {
    const bytes = riff([
      ['JUNK', new Uint8Array(28)],
      ['fmt ', fmt(1, 1, 44100, 16)],
      ['LIST', ascii('odd')], // 3 bytes + pad
      ['bext', new Uint8Array(7).fill(0x41)], // 7 bytes + pad
      ['data', int16Data([1000, -1000])],
    ]);
    const decoded = decodeWav(bytes);
    expect(Array.from(decoded.channels[0])).toEqual([1000 / 32768, -1000 / 32768].map(Math.fround));
  });

  it('tolerates a writer that forgot the pad byte', () => {
    const bytes = riff([['fmt ', fmt(1, 1, 44100, 16)], ['LIST', ascii('odd')], ['data', int16Data([7, 8])]], { pad: false });
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([7 / 32768, 8 / 32768].map(Math.fround));
  });

  it('ignores a wrong RIFF size field and trailing chunks after data', () => {
    const bytes = riff([['fmt ', fmt(1, 1, 44100, 16)], ['data', int16Data([5])], ['LIST', new Uint8Array(4)]]);
    new DataView(bytes.buffer).setUint32(4, 3, true); // nonsense RIFF size
    expect(decodeWav(bytes).channels[0].length).toBe(1);
  });

  it('works on a Uint8Array view at a non-zero offset of a larger buffer (Node Buffer pool)', () => {
    const file = riff([['fmt ', fmt(1, 1, 48000, 16)], ['data', int16Data([123, -456])]]);
    const big = new Uint8Array(file.length + 13);
    big.set(file, 13);
    const decoded = decodeWav(big.subarray(13));
    expect(Array.from(decoded.channels[0])).toEqual([123 / 32768, -456 / 32768].map(Math.fround));
  });

  it('an empty data chunk gives zero frames in every channel', () => {
    const decoded = decodeWav(riff([['fmt ', fmt(1, 2, 48000, 16)], ['data', new Uint8Array(0)]]));
    expect(decoded.channels.map((c) => c.length)).toEqual([0, 0]);
  });
});

describe('decodeWav: truncated files (decision: decode what is there, with a warning)', () => {
  it('a data chunk declaring more bytes than the file has decodes the whole frames present', () => {
    const data = int16Data([1, 2, 3, 4, 5, 6, 7]); // 3.5 stereo frames present
    const bytes = riff([['fmt ', fmt(1, 2, 48000, 16)], ['data', data]], { sizes: { data: 4000 } });
    const decoded = decodeWav(bytes, 'cut.wav');
    expect(decoded.channels[0].length).toBe(3);
    expect(Array.from(decoded.channels[1])).toEqual([2, 4, 6].map((v) => Math.fround(v / 32768)));
    expect(decoded.warnings?.length).toBe(1);
    expect(decoded.warnings?.[0]).toMatch(/declares 4000 bytes but the file ends after 14/);
  });

  it('a data size that is not whole frames drops the partial frame with a warning', () => {
    const bytes = riff([['fmt ', fmt(1, 2, 48000, 16)], ['data', int16Data([1, 2, 3])]]);
    const decoded = decodeWav(bytes);
    expect(decoded.channels[0].length).toBe(1);
    expect(decoded.warnings?.[0]).toMatch(/not a multiple of the 4-byte frame/);
  });

  it('RF64: the data size comes from ds64 when the data chunk says 0xFFFFFFFF', () => {
    const samples = int16Data([10, 20, 30, 40, 50, 60]);
    const ds64 = le([[0, 4], [0, 4], [samples.length, 4], [0, 4], [3, 4], [0, 4], [0, 4]]);
    const bytes = riff(
      [['ds64', ds64], ['fmt ', fmt(1, 2, 48000, 16)], ['data', concat(samples, int16Data([99, 99]))]],
      { id: 'RF64', sizes: { data: 0xffffffff } },
    );
    const decoded = decodeWav(bytes, 'big.wav');
    // ds64 says 12 bytes: the extra frame after them is not audio.
    expect(Array.from(decoded.channels[0])).toEqual([10, 30, 50].map((v) => Math.fround(v / 32768)));
    expect(decoded.sourceFormat?.container).toBe('RF64');
  });
});

describe('decodeWav: sample formats from hand-built headers', () => {
  it('8-bit is unsigned offset binary: 0 → −1, 128 → 0, 255 → 127/128', () => {
    const decoded = decodeWav(riff([['fmt ', fmt(1, 1, 8000, 8)], ['data', Uint8Array.from([0, 128, 255, 64])]]));
    expect(Array.from(decoded.channels[0])).toEqual([-1, 0, 127 / 128, -0.5]);
  });

  it('24-bit sign-extends: 0x800000 → −1, 0x7FFFFF → 1 − 2^-23', () => {
    const data = Uint8Array.from([0x00, 0x00, 0x80, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00]);
    const decoded = decodeWav(riff([['fmt ', fmt(1, 1, 48000, 24)], ['data', data]]));
    expect(Array.from(decoded.channels[0])).toEqual([-1, 1 - 2 ** -23, -(2 ** -23), 2 ** -23].map(Math.fround));
  });

  it('EXTENSIBLE 20 valid bits in a 24-bit container are left-justified', () => {
    // 20-bit value 0x40000 (= 0.5 of 2^19) stored as 0x400000 in 24 bits.
    const data = Uint8Array.from([0x00, 0x00, 0x40]);
    const decoded = decodeWav(riff([['fmt ', fmtExtensible(1, 1, 48000, 24, 20, 0x4)], ['data', data]]));
    expect(Array.from(decoded.channels[0])).toEqual([0.5]);
    expect(decoded.sourceFormat?.bits).toBe(20);
    expect(decoded.channelMask).toBe(0x4);
  });

  it('float NaN and ±Infinity become 0 with a warning; denormals become 0; values beyond ±1 are kept', () => {
    const data = new Uint8Array(24);
    const view = new DataView(data.buffer);
    [Number.NaN, Number.POSITIVE_INFINITY, 1.5, -2, 1e-40, 2 ** -126].forEach((v, i) => view.setFloat32(i * 4, v, true));
    const decoded = decodeWav(riff([['fmt ', concat(fmt(3, 1, 48000, 32), le([[0, 2]]))], ['fact', le([[6, 4]])], ['data', data]]));
    expect(Array.from(decoded.channels[0])).toEqual([0, 0, 1.5, -2, 0, 2 ** -126]);
    expect(decoded.warnings?.[0]).toMatch(/2 non-finite/);
  });

  it('a float64 too large for float32 is treated as non-finite, not passed on as Infinity', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat64(0, 1e300, true);
    const decoded = decodeWav(riff([['fmt ', fmt(3, 1, 48000, 64)], ['data', data]]));
    expect(decoded.channels[0][0]).toBe(0);
  });
});

describe('decodeWav: errors name the file and the byte offset', () => {
  it('fmt after data', () => {
    const bytes = riff([['data', int16Data([1])], ['fmt ', fmt(1, 1, 48000, 16)]]);
    const error = expectAudioError(() => decodeWav(bytes, 'mix.wav'), 12, /expected "fmt " chunk before "data"/);
    expect(error.message).toBe('mix.wav: byte 12: expected "fmt " chunk before "data"');
    expect(error.file).toBe('mix.wav');
  });

  it('too short, not RIFF, RIFX, not WAVE', () => {
    expectAudioError(() => decodeWav(new Uint8Array(5), 'x.wav'), 0, /5 bytes long/);
    expectAudioError(() => decodeWav(ascii('OggS00000000'), 'x.wav'), 0, /expected "RIFF".*found "OggS"/);
    expectAudioError(() => decodeWav(ascii('RIFX0000WAVE'), 'x.wav'), 0, /big-endian/);
    expectAudioError(() => decodeWav(ascii('RIFF0000AVI '), 'x.wav'), 8, /expected form type "WAVE", found "AVI "/);
    expectAudioError(() => decodeWav(concat(ascii('\x00\x01\x02\x03'), new Uint8Array(8))), 0, /found 0x00 0x01 0x02 0x03/);
  });

  it('no fmt, no data, a chunk running past the end of the file', () => {
    expectAudioError(() => decodeWav(riff([['LIST', new Uint8Array(4)]])), 24, /no "fmt " chunk/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 1, 48000, 16)]])), 36, /no "data" chunk/);
    const bytes = riff([['fmt ', fmt(1, 1, 48000, 16)], ['LIST', new Uint8Array(4)]], { sizes: { LIST: 1000 } });
    expectAudioError(() => decodeWav(bytes), 36, /chunk "LIST" declares 1000 bytes but only 4 remain/);
  });

  it('bad fmt fields point at the field', () => {
    // fmt body starts at byte 20.
    expectAudioError(() => decodeWav(riff([['fmt ', new Uint8Array(10)], ['data', new Uint8Array(2)]])), 12, /needs at least 16/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 0, 48000, 16, 2)], ['data', new Uint8Array(2)]])), 22, /channel count is 0/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 1, 5, 16)], ['data', new Uint8Array(2)]])), 24, /sample rate 5 Hz is outside/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 2, 48000, 16, 3)], ['data', new Uint8Array(2)]])), 32, /block align 3/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 1, 48000, 24, 2)], ['data', new Uint8Array(2)]])), 34, /do not fit/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(1, 1, 48000, 64, 8)], ['data', new Uint8Array(8)]])), 32, /integer PCM with 8-byte/);
    expectAudioError(() => decodeWav(riff([['fmt ', fmt(0x55, 2, 48000, 16)], ['data', new Uint8Array(4)]])), 20, /format tag 0x0055 \(MPEG Layer 3 \(MP3\)\).*ffmpeg/);
  });

  it('EXTENSIBLE with an unknown sub-format GUID (ambisonic B-format) names the GUID', () => {
    const bFormatTail = [0x00, 0x00, 0x21, 0x07, 0xd3, 0x11, 0x86, 0x44, 0xc8, 0xc1, 0xca, 0x00, 0x00, 0x00];
    const bytes = riff([['fmt ', fmtExtensible(1, 4, 48000, 16, 16, 0, bFormatTail)], ['data', new Uint8Array(8)]]);
    expectAudioError(() => decodeWav(bytes), 44, /sub-format GUID \{00000001-0721-11d3-8644-c8c1ca000000\}/);
  });

  it('EXTENSIBLE fmt shorter than 40 bytes', () => {
    const short = fmtExtensible(1, 1, 48000, 16, 16, 0).subarray(0, 30);
    expectAudioError(() => decodeWav(riff([['fmt ', short], ['data', new Uint8Array(2)]])), 20, /needs 40/);
  });
});

describe('decodeAudioFile: dispatch on magic bytes', () => {
  it('detects the formats it refuses and says how to convert', () => {
    expect(detectAudioFileKind(ascii('fLaC\x00\x00\x00\x22'))).toBe('flac');
    expect(detectAudioFileKind(ascii('OggS\x00\x02'))).toBe('ogg');
    expect(detectAudioFileKind(ascii('ID3\x04\x00'))).toBe('mp3');
    expect(detectAudioFileKind(Uint8Array.from([0xff, 0xfb, 0x90, 0x00]))).toBe('mp3');
    expect(detectAudioFileKind(Uint8Array.from([0xff, 0xf1, 0x50, 0x80]))).toBe('aac');
    expect(detectAudioFileKind(ascii('\x00\x00\x00\x20ftypM4A \x00\x00'))).toBe('mp4');
    const error = expectAudioError(() => decodeAudioFile(ascii('ID3\x04\x00\x00\x00\x00'), 'song.mp3'), 0, /MP3/);
    expect(error.message).toBe(
      'song.mp3: byte 0: MP3 (MPEG audio) audio is not supported by the CLI; only WAV (and AIFF) files are read; ' +
        'convert with: ffmpeg -i song.mp3 song.wav',
    );
    // A mislabelled .wav holding MP3 must not be told to convert onto itself.
    expectAudioError(() => decodeAudioFile(ascii('ID3\x04\x00'), 'mix.wav'), 0, /ffmpeg -i mix\.wav mix-pcm\.wav/);
    expectAudioError(() => decodeAudioFile(ascii('hello world!'), 'notes.txt'), 0, /not a recognised audio file \(starts with "hell"\)/);
    expectAudioError(() => decodeAudioFile(new Uint8Array(0), 'empty.wav'), 0, /starts with end of file/);
  });
});
