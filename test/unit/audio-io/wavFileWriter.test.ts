/**
 * The Node file helpers: atomic streaming writer (temp file + rename, abort leaves nothing,
 * header patched at close) and readWavFile's errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AudioFileError,
  createWavStreamEncoder,
  encodeWav,
  openWavFileWriter,
  readWavFile,
  temporaryPathFor,
  writeWavFile,
  type WavBits,
} from '../../../src/runtime/audio-io';
import { knownSignal, makeTempDir, maxAbsDiff, run } from './helpers';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterAll(() => cleanup());

const [L, R] = knownSignal(20_000, 2, 48000).map((x) => Float32Array.from(x));

function filesIn(directory: string): string[] {
  return fs.readdirSync(directory).sort();
}

describe('openWavFileWriter', () => {
  for (const bits of [16, 24, '32f'] as WavBits[]) {
    it(`${bits}: the target appears only at close, equals the one-shot encoding, and sox reads it`, () => {
      const sub = fs.mkdtempSync(path.join(dir, 'w-'));
      const target = path.join(sub, 'master.wav');
      const writer = openWavFileWriter(target, { sampleRate: 48000, bits });
      expect(writer.tempPath).toBe(path.join(sub, `.master.wav.${process.pid}.tmp`));
      for (let start = 0; start < L.length; start += 4096) {
        const end = Math.min(start + 4096, L.length);
        writer.write(L.subarray(start, end), R.subarray(start, end), end - start);
        expect(fs.existsSync(target)).toBe(false);
      }
      expect(filesIn(sub)).toEqual([`.master.wav.${process.pid}.tmp`]);
      expect(writer.framesWritten).toBe(L.length);
      writer.close();
      expect(filesIn(sub)).toEqual(['master.wav']);

      const written = fs.readFileSync(target);
      expect(written.equals(Buffer.from(encodeWav(L, R, 48000, bits)))).toBe(true);
      expect(run('sox', ['--i', '-s', target]).toString().trim()).toBe(String(L.length));
      const back = readWavFile(target);
      expect(back.sampleRate).toBe(48000);
      expect(maxAbsDiff(back.channels[0], L)).toBeLessThanOrEqual(bits === 16 ? 1.5 * 2 ** -15 : bits === 24 ? 2 ** -24 : 0);
    });
  }

  it('an existing target keeps its old content until close, then is replaced whole', () => {
    const target = path.join(dir, 'existing.wav');
    fs.writeFileSync(target, 'old content');
    const writer = openWavFileWriter(target, { sampleRate: 44100, bits: 24 });
    writer.write(L, R);
    expect(fs.readFileSync(target, 'utf8')).toBe('old content');
    writer.close();
    expect(readWavFile(target).channels[0].length).toBe(L.length);
    expect(fs.existsSync(temporaryPathFor(target))).toBe(false);
  });

  it('abort deletes the temporary file and leaves no target (or the old one) behind', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'a-'));
    const target = path.join(sub, 'never.wav');
    const writer = openWavFileWriter(target, { sampleRate: 48000, bits: 16 });
    writer.write(L, R);
    writer.abort();
    expect(filesIn(sub)).toEqual([]);
    writer.abort(); // idempotent
    expect(() => writer.write(L, R)).toThrow(/aborted/);

    const kept = path.join(sub, 'kept.wav');
    fs.writeFileSync(kept, 'previous render');
    const second = openWavFileWriter(kept, { sampleRate: 48000, bits: 16 });
    second.write(L, R);
    second.abort();
    expect(filesIn(sub)).toEqual(['kept.wav']);
    expect(fs.readFileSync(kept, 'utf8')).toBe('previous render');
  });

  it('close is idempotent; abort after close keeps the file; write after close throws', () => {
    const target = path.join(dir, 'closed.wav');
    const writer = openWavFileWriter(target, { sampleRate: 48000, bits: '32f' });
    writer.write(L.subarray(0, 10), R.subarray(0, 10));
    writer.close();
    writer.close();
    writer.abort();
    expect(fs.existsSync(target)).toBe(true);
    expect(() => writer.write(L, R)).toThrow(/closed/);
  });

  it('an empty render is a valid WAV file with zero frames', () => {
    const target = path.join(dir, 'empty.wav');
    openWavFileWriter(target, { sampleRate: 48000, bits: 24 }).close();
    expect(run('sox', ['--i', '-s', target]).toString().trim()).toBe('0');
    expect(readWavFile(target).channels[0].length).toBe(0);
  });

  it('a missing directory is an AudioFileError naming the target', () => {
    const target = path.join(dir, 'no-such-dir', 'x.wav');
    expect(() => openWavFileWriter(target, { sampleRate: 48000, bits: 16 })).toThrow(AudioFileError);
    expect(() => openWavFileWriter(target, { sampleRate: 48000, bits: 16 })).toThrow(/x\.wav: cannot create the temporary file .*directory does not exist \(ENOENT\)/);
  });

  it('the stream encoder reuses one buffer for blocks of the same size (constant memory)', () => {
    const encoder = createWavStreamEncoder({ sampleRate: 48000, channels: 2, bits: 24 });
    const first = encoder.encode(L, R, 512);
    const second = encoder.encode(L.subarray(512), R.subarray(512), 512);
    const smaller = encoder.encode(L, R, 100);
    expect(second.buffer).toBe(first.buffer);
    expect(smaller.buffer).toBe(first.buffer);
    expect(encoder.frames).toBe(1124);
  });

  it('writeWavFile writes a whole render atomically', () => {
    const target = path.join(dir, 'whole.wav');
    writeWavFile(target, L, R, 96000, 24);
    const back = readWavFile(target);
    expect(back.sampleRate).toBe(96000);
    expect(maxAbsDiff(back.channels[1], R)).toBeLessThanOrEqual(2 ** -24);
  });
});

describe('readWavFile errors name the file', () => {
  it('missing file, directory, not audio', () => {
    const missing = path.join(dir, 'missing.wav');
    expect(() => readWavFile(missing)).toThrow(`${missing}: file not found`);
    expect(() => readWavFile(dir)).toThrow(/this is a directory/);
    const text = path.join(dir, 'notes.wav');
    fs.writeFileSync(text, 'just some text here');
    let caught: unknown;
    try {
      readWavFile(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AudioFileError);
    expect((caught as AudioFileError).file).toBe(text);
    expect((caught as AudioFileError).offset).toBe(0);
  });
});
