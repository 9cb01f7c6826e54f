/**
 * FLAC, MP3, Ogg Opus and Ogg Vorbis files made by ffmpeg in the test, decoded by our decoders:
 * FLAC must equal ffmpeg's own 16-bit WAV of the same signal sample for sample; the lossy codecs
 * must keep a 1 kHz tone's level (within 0.3 dB) and the length (within one codec frame). The CLI
 * renders from an MP3 through `render --input` and masters a FLAC with `album`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAudioFile } from '../../../src/runtime/audio-io';
import { readAnyAudioFile } from '../../../src/runtime/audio-io/decoders/readAnyAudioFile';
import { AudioFileError } from '../../../src/runtime/audio-io/audioFileError';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-decoders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 2 s stereo 1 kHz sine at −6 dBFS (amplitude 0.5), by ffmpeg, encoded with `codec`. */
function ffmpegTone(file: string, ...codec: string[]): string {
  const path = join(dir, file);
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000:duration=2', '-af', 'volume=4,pan=stereo|c0=c0|c1=c0', ...codec, path]);
  if (r.status !== 0) throw new Error(String(r.stderr));
  return path;
}
// ffmpeg's sine source has amplitude 1/8; volume=4 makes it 0.5, copied to both channels.
const rmsDb = (x: Float32Array, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return 10 * Math.log10(s / (to - from));
};
const expectedRmsDb = 20 * Math.log10(0.5 / Math.SQRT2);

describe('compressed decoders', () => {
  it('decode FLAC sample for sample like ffmpeg', async () => {
    const flac = ffmpegTone('tone.flac', '-sample_fmt', 's16');
    const wav = ffmpegTone('tone.wav', '-c:a', 'pcm_s16le');
    const a = await readAnyAudioFile(flac);
    const b = readAudioFile(wav);
    expect(a.sampleRate).toBe(48000);
    expect(a.channels.length).toBe(2);
    expect(a.channels[0].length).toBe(b.channels[0].length);
    // Count differing samples (a diff of two 96 000-sample arrays would be unreadable).
    for (const c of [0, 1]) {
      let differing = 0;
      for (let i = 0; i < b.channels[c].length; i++) if (a.channels[c][i] !== b.channels[c][i]) differing++;
      expect(differing).toBe(0);
    }
  });

  for (const [file, codec] of [
    ['tone.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
    ['tone.opus', ['-c:a', 'libopus', '-b:a', '128k']],
    ['tone.ogg', ['-c:a', 'libvorbis', '-q:a', '6']],
  ] as const) {
    it(`decode ${file} keeping the tone's level and length`, async () => {
      let path: string;
      try {
        path = ffmpegTone(file, ...codec);
      } catch (error) {
        throw new Error(`ffmpeg could not make ${file}: ${String(error)}`);
      }
      const d = await readAnyAudioFile(path);
      expect(d.sampleRate).toBe(48000);
      const n = d.channels[0].length;
      expect(Math.abs(n - 96000)).toBeLessThan(3000); // encoder delay/padding: under a few frames
      expect(Math.abs(rmsDb(d.channels[0], 24000, 72000) - expectedRmsDb)).toBeLessThan(0.3);
    });
  }

  it('name the file when it is damaged', async () => {
    const bad = join(dir, 'bad.flac');
    writeFileSync(bad, Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(200, 7)]));
    await expect(readAnyAudioFile(bad)).rejects.toThrow(AudioFileError);
    await expect(readAnyAudioFile(bad)).rejects.toThrow(/bad\.flac/);
  });

  it('let render --input play an MP3 and album master a FLAC', () => {
    const mp3 = ffmpegTone('in.mp3', '-c:a', 'libmp3lame', '-b:a', '192k');
    const graph = join(dir, 'g.json');
    writeFileSync(
      graph,
      JSON.stringify({
        format: 'mixgraph', version: 1, name: 'file',
        nodes: [
          { id: 's', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:track', loop: false } },
          { id: 'o', type: 'output', position: { x: 200, y: 0 }, params: {} },
        ],
        edges: [{ id: 'e', from: { node: 's', port: 'out' }, to: { node: 'o', port: 'in' } }],
      }),
    );
    const out = join(dir, 'r.wav');
    const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', graph, '--input', `track=${mp3}`, '-o', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const flac = ffmpegTone('in.flac');
    const a = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'album', flac, '-o', join(dir, 'album'), '--match', 'none', '--graph', graph, '--json'], { encoding: 'utf8' });
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).tracks[0].output).toBe('in.wav');
  }, 60_000);
});
