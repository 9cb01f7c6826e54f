/**
 * Fuzzing the decoders: random bytes, random chunk structures and mutated valid files either
 * decode to well-formed audio or throw an AudioFileError — never another exception, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AudioFileError, decodeAudioFile, encodeWav, type DecodedAudio } from '../../../src/runtime/audio-io';

/** Decodes and checks the outcome is one of the two allowed ones. */
function decodesOrThrowsAudioFileError(bytes: Uint8Array): void {
  let decoded: DecodedAudio;
  try {
    decoded = decodeAudioFile(bytes, 'fuzz.wav');
  } catch (error) {
    if (!(error instanceof AudioFileError)) throw error;
    expect(error.file).toBe('fuzz.wav');
    if (error.offset !== undefined) {
      expect(error.offset).toBeGreaterThanOrEqual(0);
      expect(error.offset).toBeLessThanOrEqual(bytes.length);
    }
    return;
  }
  expect(decoded.channels.length).toBeGreaterThan(0);
  const frames = decoded.channels[0].length;
  for (const channel of decoded.channels) {
    expect(channel.length).toBe(frames);
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i])) throw new Error(`non-finite sample ${channel[i]} at ${i}`);
    }
  }
  // A file cannot produce more samples than it has bytes (each sample is ≥ 1 byte).
  expect(frames * decoded.channels.length).toBeLessThanOrEqual(bytes.length);
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const u32be = (v: number): number[] => u32(v).reverse();

/** Chunk ids the decoders treat specially, plus arbitrary ones. */
const chunkId = fc.oneof(
  fc.constantFrom('fmt ', 'data', 'ds64', 'fact', 'LIST', 'JUNK', 'COMM', 'SSND'),
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => String.fromCharCode(...b)),
);
/** Sizes: honest, small lies, and the values that break naive code. */
const chunkSize = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0xffffffff, 0x7fffffff, 0x80000000, 1, 3));

const structuredFile = fc
  .record({
    head: fc.constantFrom('RIFF', 'RF64', 'BW64', 'FORM'),
    form: fc.constantFrom('WAVE', 'AIFF', 'AIFC'),
    chunks: fc.array(
      fc.record({
        id: chunkId,
        size: chunkSize,
        body: fc.uint8Array({ maxLength: 48 }),
        honest: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ head, form, chunks }) => {
    const bigEndian = head === 'FORM';
    const bytes: number[] = [...ascii(head), ...u32(0), ...ascii(form)];
    for (const chunk of chunks) {
      const size = chunk.honest ? chunk.body.length : chunk.size;
      bytes.push(...Array.from(chunk.id, (c) => c.charCodeAt(0) & 0xff), ...(bigEndian ? u32be(size) : u32(size)), ...chunk.body);
    }
    return Uint8Array.from(bytes);
  });

/** Valid files to mutate: our own WAVs in each format, a hand-made EXTENSIBLE one and an AIFF. */
function seedFiles(): Uint8Array[] {
  const left = new Float32Array(32).map((_, i) => Math.sin(i));
  const right = new Float32Array(32).map((_, i) => Math.cos(i));
  const extensible = Uint8Array.from([
    ...ascii('RIFF'), ...u32(0), ...ascii('WAVE'),
    ...ascii('fmt '), ...u32(40), 0xfe, 0xff, 2, 0, ...u32(48000), ...u32(48000 * 6), 6, 0, 24, 0, 22, 0, 24, 0, ...u32(3),
    1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71,
    ...ascii('data'), ...u32(24), ...new Array<number>(24).fill(7),
  ]);
  const aiff = Uint8Array.from([
    ...ascii('FORM'), ...u32be(46), ...ascii('AIFF'),
    ...ascii('COMM'), ...u32be(18), 0, 1, ...u32be(4), 0, 16, 0x40, 0x0e, 0xbb, 0x80, 0, 0, 0, 0, 0, 0,
    ...ascii('SSND'), ...u32be(16), ...u32be(0), ...u32be(0), 1, 2, 3, 4, 5, 6, 7, 8,
  ]);
  return [encodeWav(left, right, 48000, 16), encodeWav(left, right, 44100, 24), encodeWav(left, right, 96000, '32f'), extensible, aiff];
}

describe('decoders under fuzzing', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), decodesOrThrowsAudioFileError), { numRuns: 3000 });
  });

  it('random bytes behind a valid RIFF/WAVE or FORM/AIFF preamble', () => {
    const preamble = fc.constantFrom(ascii('RIFF\0\0\0\0WAVE'), ascii('RF64\0\0\0\0WAVE'), ascii('FORM\0\0\0\0AIFF'), ascii('FORM\0\0\0\0AIFC'));
    fc.assert(
      fc.property(preamble, fc.uint8Array({ maxLength: 300 }), (head, tail) => decodesOrThrowsAudioFileError(Uint8Array.from([...head, ...tail]))),
      { numRuns: 3000 },
    );
  });

  it('random chunk structures with lying sizes', () => {
    fc.assert(fc.property(structuredFile, decodesOrThrowsAudioFileError), { numRuns: 3000 });
  });

  it('valid files with bytes overwritten, truncated or extended', () => {
    const seeds = seedFiles();
    const mutation = fc.record({
      seed: fc.integer({ min: 0, max: seeds.length - 1 }),
      edits: fc.array(fc.record({ at: fc.nat(120), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
      cut: fc.option(fc.nat(200)),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits, cut }) => {
        const bytes = seeds[seed].slice();
        for (const { at, value } of edits) if (at < bytes.length) bytes[at] = value;
        decodesOrThrowsAudioFileError(cut === null ? bytes : bytes.subarray(0, cut));
      }),
      { numRuns: 4000 },
    );
  });

  it('the unmutated seed files decode (the mutation test starts from valid input)', () => {
    for (const file of seedFiles()) expect(decodeAudioFile(file).channels[0].length).toBeGreaterThan(0);
  });

  it('a header claiming 4 GiB of data in a tiny file decodes to what is there', () => {
    const file = seedFiles()[0];
    new DataView(file.buffer).setUint32(40, 0xfffffff0, true);
    const decoded = decodeAudioFile(file);
    expect(decoded.channels[0].length).toBe(32);
    expect(decoded.warnings?.[0]).toMatch(/truncated/);
  });
});
