/**
 * The codec preview's worker half: aligned output keeps its input indices; changing the codec
 * primes the new one with recent input and crossfades linearly over CROSSFADE_FRAMES from the
 * input position where it took over; a gap in the input restarts the codec. A stand-in codec
 * (a gain, delivering in frames of 1152 with its own delay trimmed) makes every sample predictable.
 */
import { describe, expect, it } from 'vitest';
import { BacklogGuard } from '../../../src/runtime/codec/backlogGuard';
import { CROSSFADE_FRAMES, CodecSwitcher } from '../../../src/runtime/codec/codecSwitcher';
import { type AlignedOutput, DelayTrim, type StreamCodec, type StreamCodecFactory } from '../../../src/runtime/codec/streamCodec';

/** A "codec" that multiplies by `gain`, delivers whole 1152-frame frames, with a 300-frame delay trimmed. */
function gainCodec(gain: number, opened: number[]): StreamCodecFactory {
  return async (output: AlignedOutput): Promise<StreamCodec> => {
    opened.push(gain);
    const trim = new DelayTrim(300, output);
    const pending: number[] = new Array(300).fill(0);
    return {
      push(l) {
        for (const v of l) pending.push(gain * v);
        while (pending.length >= 1152) {
          const frame = Float32Array.from(pending.splice(0, 1152));
          trim.push(frame, frame);
        }
      },
      close() {},
    };
  };
}

const x = (i: number) => Math.sin(i * 0.01) + 0.001 * (i % 7);

function collector() {
  const got = new Map<number, number>();
  const starts: number[] = [];
  const duplicates: number[] = [];
  const sink = (start: number, l: Float32Array) => {
    starts.push(start);
    l.forEach((v, i) => {
      if (got.has(start + i)) duplicates.push(start + i);
      got.set(start + i, v);
    });
  };
  return { got, starts, sink, duplicates };
}

async function feed(s: CodecSwitcher, from: number, to: number, block = 1024): Promise<void> {
  for (let at = from; at < to; at += block) {
    const n = Math.min(block, to - at);
    const l = Float32Array.from({ length: n }, (_, i) => x(at + i));
    s.push(at, l, l);
    await Promise.resolve();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CodecSwitcher', () => {
  it('sends the aligned output under its input indices, from the first input on', async () => {
    const c = collector();
    const opened: number[] = [];
    const s = new CodecSwitcher(c.sink);
    s.use(gainCodec(0.5, opened));
    await settle();
    await feed(s, 5000, 20000);
    expect(c.starts[0]).toBe(5000);
    for (let i = 5000; i < 18000; i++) expect(c.got.get(i)).toBeCloseTo(0.5 * x(i), 6);
  });

  it('a new codec takes over with a linear crossfade from the position where it opened', async () => {
    const c = collector();
    const opened: number[] = [];
    const s = new CodecSwitcher(c.sink);
    s.use(gainCodec(1, opened));
    await settle();
    await feed(s, 0, 20480);
    s.use(gainCodec(0.25, opened));
    await settle();
    await feed(s, 20480, 40960);
    expect(opened).toEqual([1, 0.25]);
    const at = 20480;
    for (let i = 0; i < at; i += 13) expect(c.got.get(i)).toBeCloseTo(x(i), 6);
    for (let i = at; i < at + CROSSFADE_FRAMES; i += 11) {
      const w = (i - at + 1) / CROSSFADE_FRAMES;
      expect(c.got.get(i)).toBeCloseTo((1 - w) * x(i) + w * 0.25 * x(i), 5);
    }
    for (let i = at + CROSSFADE_FRAMES; i < 38000; i += 7) expect(c.got.get(i)).toBeCloseTo(0.25 * x(i), 6);
    // Every index once, none missing.
    let missing = 0;
    for (let i = 0; i < 38000; i++) if (!c.got.has(i)) missing++;
    expect(missing).toBe(0);
    expect(c.duplicates).toEqual([]);
  });

  it('a gap in the input (dropped blocks) keeps the codec; its output after the gap is filed after it', async () => {
    const c = collector();
    const opened: number[] = [];
    const s = new CodecSwitcher(c.sink);
    s.use(gainCodec(2, opened));
    await settle();
    await feed(s, 0, 10240);
    await feed(s, 50000, 70000);
    expect(opened).toEqual([2]);
    for (let i = 0; i < 10240 - 1500; i += 3) expect(c.got.get(i)).toBeCloseTo(2 * x(i), 6);
    for (let i = 10240; i < 50000; i++) if (c.got.has(i)) throw new Error(`index ${i} in the gap was sent`);
    for (let i = 50000; i < 68000; i += 5) expect(c.got.get(i)).toBeCloseTo(2 * x(i), 6);
    expect(c.duplicates).toEqual([]);
  });

  it('a jump back restarts the codec on the new stream', async () => {
    const c = collector();
    const opened: number[] = [];
    const s = new CodecSwitcher(c.sink);
    s.use(gainCodec(2, opened));
    await settle();
    await feed(s, 10000, 20240);
    await feed(s, 0, 1024);
    await settle();
    await feed(s, 1024, 20000);
    expect(opened).toEqual([2, 2]);
    for (let i = 0; i < 18000; i += 5) expect(c.got.get(i)).toBeCloseTo(2 * x(i), 6);
  });

  it('null stops: nothing more is sent', async () => {
    const c = collector();
    const s = new CodecSwitcher(c.sink);
    s.use(gainCodec(1, []));
    await settle();
    await feed(s, 0, 10240);
    const sent = c.got.size;
    s.use(null);
    await feed(s, 10240, 20480);
    expect(c.got.size).toBe(sent);
  });

  it('reports a codec that cannot open', async () => {
    const errors: string[] = [];
    const s = new CodecSwitcher(() => {}, (m) => errors.push(m));
    s.use(async () => {
      throw new Error('no such codec');
    });
    await settle();
    expect(errors).toEqual(['no such codec']);
  });
});

describe('BacklogGuard', () => {
  it('admits blocks on time, drops those later than the limit, and follows the stream again', () => {
    const g = new BacklogGuard(48000, 100);
    // 1024 frames = 21.33 ms of audio per block.
    expect(g.admit(0, 1024, 1000)).toBe(true);
    expect(g.admit(1024, 1024, 1021)).toBe(true);
    // Processing stalled: the next blocks are seen 150 ms late.
    expect(g.admit(2048, 1024, 1042.7 + 150)).toBe(false);
    expect(g.admit(3072, 1024, 1064 + 150)).toBe(false);
    // Caught up: queued blocks are handled quickly, the late ones dropped, fresh ones admitted.
    expect(g.admit(4096, 1024, 1085.3 + 20)).toBe(true);
    // A new stream (a jump) starts a new reference.
    expect(g.admit(100000, 1024, 9000)).toBe(true);
    expect(g.admit(101024, 1024, 9021)).toBe(true);
  });
});
