/** The Album panel's listening math: level-match gains, transition clips, jumps out of a transition. */
import { describe, expect, it } from 'vitest';
import {
  listeningGainDb,
  positionAfterTransition,
  scaledClip,
  transitionClip,
  transitionLayout,
  TRANSITION_GAP_SECONDS,
  TRANSITION_HEAD_SECONDS,
  TRANSITION_TAIL_SECONDS,
} from '../../../src/ui/album/listening';

const ramp = (n: number, from: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('listeningGainDb', () => {
  const lufs = [-20, -12, null, -16];
  it('off plays every track as recorded', () => {
    expect(lufs.map((_, i) => listeningGainDb('off', i, lufs))).toEqual([0, 0, 0, 0]);
  });
  it('plan uses the plan gain of that track', () => {
    expect(listeningGainDb('plan', 1, lufs, [6, -2, 0, 2])).toBe(-2);
    expect(listeningGainDb('plan', 1, lufs)).toBe(0);
  });
  it('equal loudness brings every track down to the quietest one', () => {
    expect(listeningGainDb('loudness', 0, lufs)).toBe(0);
    expect(listeningGainDb('loudness', 1, lufs)).toBe(-8);
    expect(listeningGainDb('loudness', 3, lufs)).toBe(-4);
    // A track without a measurement is left alone.
    expect(listeningGainDb('loudness', 2, lufs)).toBe(0);
  });
});

describe('scaledClip', () => {
  it('multiplies by 10^(dB/20)', () => {
    const clip = { left: Float32Array.of(1, -0.5), right: Float32Array.of(0.25, 0) };
    const out = scaledClip(clip, -6);
    const g = Math.pow(10, -6 / 20);
    expect(out.left[0]).toBeCloseTo(g, 6);
    expect(out.left[1]).toBeCloseTo(-0.5 * g, 6);
    expect(out.right[0]).toBeCloseTo(0.25 * g, 6);
    expect(scaledClip(clip, 0)).toBe(clip);
  });
});

describe('transitionClip', () => {
  const rate = 10; // 10 Hz keeps the arrays readable: 5 s tail = 50 frames
  it('is the tail of A, the gap, the head of B, each at its gain', () => {
    const a = { left: ramp(80, 1), right: ramp(80, 1001) };
    const b = { left: ramp(70, 5001), right: ramp(70, 9001) };
    const { clip, layout } = transitionClip(a, b, 0, -20, rate);
    const tail = TRANSITION_TAIL_SECONDS * rate;
    const gap = TRANSITION_GAP_SECONDS * rate;
    const head = TRANSITION_HEAD_SECONDS * rate;
    expect(layout).toEqual({ fromFrame: 80 - tail, tailFrames: tail, gapFrames: gap, headFrames: head });
    expect(clip.left.length).toBe(tail + gap + head);
    expect(clip.left[0]).toBe(a.left[80 - tail]);
    expect(clip.left[tail - 1]).toBe(a.left[79]);
    expect(clip.right[tail - 1]).toBe(a.right[79]);
    expect([...clip.left.subarray(tail, tail + gap)].every((v) => v === 0)).toBe(true);
    expect(clip.left[tail + gap]).toBeCloseTo(5001 * 0.1, 2);
    expect(clip.right[tail + gap + head - 1]).toBeCloseTo((9001 + head - 1) * 0.1, 2);
  });
  it('uses whole tracks shorter than the tail or head', () => {
    const layout = transitionLayout(20, 7, rate);
    expect(layout).toEqual({ fromFrame: 0, tailFrames: 20, gapFrames: TRANSITION_GAP_SECONDS * rate, headFrames: 7 });
  });
});

describe('positionAfterTransition', () => {
  const rate = 10;
  const layout = transitionLayout(300, 300, rate); // tail from 25 s, 5 s, gap 2 s, head 5 s
  it('lands in the first track at the matching place while its tail plays', () => {
    expect(positionAfterTransition(layout, 3, 3, 1.5, rate)).toBeCloseTo(25 + 1.5, 9);
  });
  it('lands in the next track at the matching place once its head plays (0 during the gap)', () => {
    expect(positionAfterTransition(layout, 3, 4, 8, rate)).toBeCloseTo(1, 9);
    expect(positionAfterTransition(layout, 3, 4, 6, rate)).toBe(0);
  });
  it('keeps the position for any other track', () => {
    expect(positionAfterTransition(layout, 3, 0, 4.2, rate)).toBe(4.2);
  });
});
