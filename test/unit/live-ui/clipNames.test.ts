/** Clip names from file names, valid `file:` references; and time formatting. */
import { describe, expect, it } from 'vitest';
import { ClipLibrary, clipNameFor } from '../../../src/ui/live/clipLibrary';
import { formatTime } from '../../../src/ui/transport/formatTime';
import { CLIP_REF_PATTERN } from '../../../src/nodes/source/clipRef';

describe('clip names', () => {
  it('keep letters, digits, _, - and ., always match the clip pattern', () => {
    for (const name of ['sine 1k.wav', 'Ünïcode song (final).mp3', '../../etc/passwd', '....', 'x'.repeat(300) + '.flac']) {
      expect(`file:${clipNameFor(name)}`).toMatch(CLIP_REF_PATTERN);
    }
    expect(clipNameFor('sine 1k.wav')).toBe('sine_1k.wav');
  });
  it('a second file with the same name gets a numbered name, and clips are prepared per rate', () => {
    const lib = new ClipLibrary();
    const decoded = { sampleRate: 48000, channels: [new Float32Array([0.5, -0.5, 0.25])] };
    expect(lib.add('a.wav', decoded)).toBe('a.wav');
    expect(lib.add('a.wav', decoded)).toBe('a.wav-2');
    const clip = lib.clipAt('a.wav', 48000)!;
    // Mono is copied to both channels (DESIGN.md).
    expect([...clip.left]).toEqual([0.5, -0.5, 0.25]);
    expect([...clip.right]).toEqual([0.5, -0.5, 0.25]);
    expect(lib.clipAt('a.wav', 96000)!.left.length).toBe(6);
  });
});

describe('formatTime', () => {
  it('m:ss.t', () => {
    expect(formatTime(0)).toBe('0:00.0');
    expect(formatTime(83.46)).toBe('1:23.4');
    expect(formatTime(-3)).toBe('0:00.0');
    expect(formatTime(599.99)).toBe('9:59.9');
  });
});
