/**
 * Autotune tests (issue 15). The voice is synthesized here (glottal pulses through formant
 * resonators, `autotuneSignals.ts`) and every pitch is measured by the test's own autocorrelation
 * tracker, never by the kernel's McLeod detector; formants by LPC; noise by 1/3-octave band levels;
 * loudness by the BS.1770 meter (verified against EBU Tech 3341 in test/unit/dsp).
 */
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../../../src/dsp/loudness';
import { autotuneLatencySamples, autotuneNode, AutotuneKernel } from '../../../src/nodes/autotune';
import { synthesizeDemoStem } from '../../../src/nodes/source/demo';
import { createTestKernel, dualMono, renderKernel, runKernel, type StereoAudio } from './kernelSuite';
import {
  acfPitch,
  centsToNearest,
  hzMidi,
  lpcFormants,
  median,
  midiHz,
  SR,
  synthVoice,
  thirdOctaveLevels,
  VOWEL_E,
  whiteNoise,
} from './autotuneSignals';

type Params = Record<string, number | string | boolean>;

const LATENCY = autotuneLatencySamples(SR);
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];

function tune(params: Params, input: Float32Array | StereoAudio, blockSize = 1024): StereoAudio {
  const stereo = input instanceof Float32Array ? dualMono(input) : input;
  return renderKernel(autotuneNode, params, [stereo], { blockSize, frames: stereo.left.length, sampleRate: SR })[0];
}

/** The output re-aligned with the input (the first `LATENCY` samples dropped). */
function aligned(out: Float32Array): Float32Array {
  return out.subarray(LATENCY);
}

/** A voice holding each of `notes` (MIDI, may be fractional) for `seconds`. */
function sungNotes(notes: readonly number[], seconds: number): Float32Array {
  return synthVoice((t) => midiHz(notes[Math.min(notes.length - 1, Math.floor(t / seconds))]), notes.length * seconds + 0.3);
}

/** Pitches (Hz) measured every 20 ms inside each held note, 100 ms after it starts and 60 ms before it ends. */
function heldPitches(x: Float32Array, noteCount: number, seconds: number, window = 2048): number[] {
  const out: number[] = [];
  for (let k = 0; k < noteCount; k++) {
    const end = Math.round(((k + 1) * seconds - 0.06) * SR);
    for (let s = Math.round((k * seconds + 0.1) * SR); s + window < end; s += 960) out.push(acfPitch(x, s, window));
  }
  return out;
}

describe('autotune: the node', () => {
  it('reports a fixed latency of H + W/2 + 2·Pmax + 2 samples (2540, 53 ms at 48 kHz)', () => {
    // Pmax = ceil(48000 / (0.97·C2)), W = two Pmax rounded up to the decimation (8): see kernel.ts.
    const pMax = Math.ceil(48000 / (0.97 * midiHz(36)));
    const window = Math.ceil((2 * pMax + 16) / 8) * 8;
    expect(LATENCY).toBe(256 + window / 2 + 2 * pMax + 2);
    expect(LATENCY / SR).toBeLessThan(0.055);
    const kernel = createTestKernel(autotuneNode, {}, { blockSize: 128, frames: 0, sampleRate: SR });
    expect(kernel.latencySamples).toBe(LATENCY);
  });

  it('has a whole-sample latency of about 53 ms and tunes to within a cent at 44.1, 88.2 and 96 kHz', () => {
    for (const rate of [44100, 88200, 96000]) {
      const latency = autotuneLatencySamples(rate);
      expect(Number.isInteger(latency), `${rate} Hz: ${latency}`).toBe(true);
      expect(latency / rate).toBeLessThan(0.055);
      const x = synthVoice(() => midiHz(57.4), 0.8, 0.5, undefined, rate);
      const out = renderKernel(autotuneNode, { speed: 0 }, [dualMono(x)], { blockSize: 512, frames: x.length, sampleRate: rate })[0].left;
      const hz = acfPitch(out, latency + Math.round(0.4 * rate), 4096, 150, 300, rate);
      expect(Math.abs(hzMidi(hz) - 57) * 100, `${rate} Hz`).toBeLessThan(1);
    }
  });
});

describe('autotune: pitch correction against an independent tracker', () => {
  const notes = [48, 50, 52, 53, 55, 57, 59, 60];
  const seconds = 0.5;
  const sharp = sungNotes(notes.map((n) => n + 0.4), seconds);

  it('pulls a voice singing C major 40 cents sharp to ≤ 3 cents (median) at speed 0; before it is ≈ 40', () => {
    const out = aligned(tune({ key: 'C', scale: 'major', speed: 0 }, sharp).left);
    const before = heldPitches(sharp, notes.length, seconds).map((hz) => centsToNearest(hz, C_MAJOR));
    const after = heldPitches(out, notes.length, seconds).map((hz) => centsToNearest(hz, C_MAJOR));
    expect(median(before)).toBeGreaterThan(38);
    expect(median(before)).toBeLessThan(42);
    expect(median(after)).toBeLessThanOrEqual(3);
    // And each note lands on the note that was meant, not a neighbour.
    const landed = heldPitches(out, notes.length, seconds).map((hz) => Math.round(hzMidi(hz)));
    for (const note of landed) expect(notes).toContain(note);
  });

  it('reports the detected pitch, the target note and the correction on its meters', () => {
    const kernel = createTestKernel(autotuneNode, { key: 'C', scale: 'major', speed: 0 }, { blockSize: 1024, frames: 0, sampleRate: SR }) as AutotuneKernel;
    const held = sungNotes([57.4], 0.5);
    runKernel(kernel, autotuneNode, [dualMono(held)], { blockSize: 1024, frames: Math.round(0.4 * SR), sampleRate: SR });
    const pitch = kernel.meters.pitch!;
    expect(Math.abs(hzMidi(pitch.detectedHz) - 57.4) * 100).toBeLessThan(3);
    expect(pitch.targetNote).toBe(57);
    expect(pitch.correctionCents).toBeCloseTo(-40, -0.5);
    expect(Math.abs(hzMidi(pitch.correctedHz) - 57) * 100).toBeLessThan(1);
  });

  it('sends notes outside the scale to the nearest scale note (C major pentatonic: F → E, B → C)', () => {
    const sung = [53.1, 59.1]; // F3 and B3, a little sharp
    const x = sungNotes(sung, 0.5);
    const out = aligned(tune({ key: 'C', scale: 'majorPentatonic', speed: 0 }, x).left);
    const pitches = heldPitches(out, 2, 0.5);
    const half = pitches.length >> 1;
    expect(Math.abs(hzMidi(median(pitches.slice(0, half))) - 52) * 100).toBeLessThan(3);
    expect(Math.abs(hzMidi(median(pitches.slice(half))) - 60) * 100).toBeLessThan(3);
  });

  it('leaves in-tune notes within 1 cent on the chromatic scale', () => {
    const inTune = [45, 52, 57, 64, 69];
    const x = sungNotes(inTune, 0.4);
    const out = aligned(tune({ scale: 'chromatic', speed: 0 }, x).left);
    const before = heldPitches(x, inTune.length, 0.4);
    const after = heldPitches(out, inTune.length, 0.4);
    const diffs = after.map((hz, i) => Math.abs(hzMidi(hz) - hzMidi(before[i])) * 100);
    expect(median(diffs)).toBeLessThan(0.5);
    expect(Math.max(...diffs)).toBeLessThan(1);
  });

  it('keeps ≥ 60 % of a 5 Hz, ±50 cent vibrato at speed 200 ms with humanize on', () => {
    const centre = 57;
    const x = synthVoice((t) => midiHz(centre + 0.5 * Math.sin(2 * Math.PI * 5 * t)), 2.3);
    const out = aligned(tune({ scale: 'chromatic', speed: 200, humanize: 0.5 }, x).left);
    // Depth of the 5 Hz component of the cents track (least-squares fit), input and output alike.
    const depth = (signal: Float32Array): number => {
      let c = 0;
      let s = 0;
      let count = 0;
      for (let start = Math.round(0.5 * SR); start + 1024 < 2 * SR; start += 480) {
        const t = (start + 512) / SR;
        const cents = (hzMidi(acfPitch(signal, start, 1024, 180, 270)) - centre) * 100;
        c += cents * Math.cos(2 * Math.PI * 5 * t);
        s += cents * Math.sin(2 * Math.PI * 5 * t);
        count++;
      }
      return (2 / count) * Math.hypot(c, s);
    };
    const inputDepth = depth(x);
    expect(inputDepth).toBeGreaterThan(40);
    expect(depth(out) / inputDepth).toBeGreaterThanOrEqual(0.6);
    // A hard tune on the same voice flattens it: the measure can fail.
    const hard = aligned(tune({ scale: 'chromatic', speed: 0 }, x).left);
    expect(depth(hard) / inputDepth).toBeLessThan(0.2);
  });
});

describe('autotune: what it must leave alone', () => {
  it('is a bit-exact pass-through delayed by its latency at amount 0, and at mix 0', () => {
    const x = sungNotes([57.4, 60.3], 0.4);
    const noise = whiteNoise(x.length, 0.2, 99);
    const input: StereoAudio = { left: x, right: noise };
    for (const params of [{ amount: 0 }, { mix: 0 }] as Params[]) {
      const out = tune({ ...params, speed: 0 }, input, 333);
      for (let n = 0; n + LATENCY < x.length; n++) {
        if (out.left[n + LATENCY] !== x[n] || out.right[n + LATENCY] !== noise[n]) {
          throw new Error(`${JSON.stringify(params)}: sample ${n} differs`);
        }
      }
      for (let n = 0; n < LATENCY; n++) expect(out.left[n]).toBe(0);
    }
  });

  it('passes unvoiced noise unchanged: every 1/3-octave band within 0.5 dB', () => {
    const noise = whiteNoise(2 * SR, 0.25, 7);
    const out = aligned(tune({ scale: 'major', speed: 0 }, noise).left);
    const before = thirdOctaveLevels(noise, 0, 2 * SR - LATENCY);
    const after = thirdOctaveLevels(out, 0, 2 * SR - LATENCY);
    const worst = Math.max(...before.map((b, i) => Math.abs(after[i] - b)));
    expect(worst).toBeLessThan(0.5);
  });

  it('changes the loudness of the corrected voice by ≤ 0.5 LU (BS.1770)', () => {
    const notes = [48.4, 50.4, 52.4, 53.4, 55.4, 57.4];
    const x = sungNotes(notes, 0.5);
    const out = tune({ key: 'C', scale: 'major', speed: 0 }, x);
    const before = measureLoudness(x, x, SR).integratedLufs!;
    const after = measureLoudness(aligned(out.left), aligned(out.right), SR).integratedLufs!;
    expect(Math.abs(after - before)).toBeLessThanOrEqual(0.5);
  });

  it('keeps formant peaks within 5 % on a +3 semitone shift with formant on, and moves them with it off', () => {
    // A custom scale with one note 3 semitones above the sung one. LPC on a pitched voice is biased
    // by where the harmonics fall, so the reference is the same vowel sung at the target pitch.
    const near = (list: number[], f: number): number => list.reduce((a, b) => (Math.abs(b - f) < Math.abs(a - f) ? b : a));
    const from = Math.round(0.3 * SR);
    const to = Math.round(0.9 * SR);
    for (const note of [38, 42, 45]) {
      const target = note + 3;
      const notes = Array.from({ length: 12 }, (_, pc) => (pc === target % 12 ? '1' : '0')).join('');
      const x = synthVoice(() => midiHz(note), 1.0, 0.5, VOWEL_E);
      const kept = aligned(tune({ scale: 'custom', notes, speed: 0, low: 'C2', formant: true }, x).left);
      expect(Math.abs(hzMidi(acfPitch(kept, from, 4096, 60, 300)) - target) * 100).toBeLessThan(3);
      const reference = lpcFormants(synthVoice(() => midiHz(target), 1.0, 0.5, VOWEL_E), from, to);
      const after = lpcFormants(kept, from, to);
      for (const [formant] of VOWEL_E) {
        const expected = near(reference, formant);
        expect(Math.abs(expected - formant) / formant, `reference formant near ${formant}`).toBeLessThan(0.06);
        expect(Math.abs(near(after, expected) - expected) / expected, `${note} → ${target}: formant ${formant}`).toBeLessThan(0.05);
      }
      if (note === 42) {
        // With formant off the first formant rises with the pitch (2^(3/12) = +19 %).
        const moved = aligned(tune({ scale: 'custom', notes, speed: 0, low: 'C2', formant: false }, x).left);
        const f1 = near(reference, 530);
        expect(near(lpcFormants(moved, from, to), f1 * 1.19) / f1).toBeGreaterThan(1.12);
      }
    }
  });

  it('makes no sample step at note changes larger than the input’s largest', () => {
    const x = sungNotes([48.4, 55.3, 52.2, 60.4, 57.45, 50.3], 0.25);
    const largestStep = (signal: Float32Array): number => {
      let step = 0;
      for (let n = 1; n < signal.length; n++) step = Math.max(step, Math.abs(signal[n] - signal[n - 1]));
      return step;
    };
    for (const speed of [0, 50]) {
      const out = aligned(tune({ scale: 'major', speed }, x).left);
      expect(largestStep(out)).toBeLessThanOrEqual(largestStep(x) * 1.001);
    }
  });
});

describe('autotune: engine contract', () => {
  it('gives the same samples for blocks of 128, 1000 and 4096 on a sung phrase', () => {
    const x = synthVoice((t) => midiHz(52.3 + 3 * Math.floor(t * 4) + 0.4 * Math.sin(2 * Math.PI * 5 * t)), 1.5);
    const params = { key: 'D', scale: 'minor', speed: 30, humanize: 0.3, amount: 0.8, mix: 0.9, formant: false };
    const reference = tune(params, x, 128);
    for (const blockSize of [1000, 4096]) {
      const out = tune(params, x, blockSize);
      for (let n = 0; n < x.length; n++) {
        if (out.left[n] !== reference.left[n] || out.right[n] !== reference.right[n]) throw new Error(`block ${blockSize}: sample ${n} differs`);
      }
    }
  });
});

describe('autotune: the demo stem vocals-offkey', () => {
  it('is sung 20–60 cents off A minor, and autotune at speed 0 puts it back within a few cents', () => {
    const clip = synthesizeDemoStem('vocals-offkey', SR);
    const frames = 8 * SR;
    const input: StereoAudio = { left: clip.left.subarray(0, frames), right: clip.right.subarray(0, frames) };
    const out = tune({ key: 'A', scale: 'minor', speed: 0 }, input);
    const A_MINOR = [9, 11, 0, 2, 4, 5, 7];
    const before: number[] = [];
    const after: number[] = [];
    for (let s = 0; s + LATENCY + 2000 < frames; s += 2400) {
      const sung = acfPitch(input.left, s, 1536, 250, 800);
      const tuned = acfPitch(out.left, s + LATENCY, 1536, 250, 800);
      if (sung > 0 && tuned > 0) {
        before.push(centsToNearest(sung, A_MINOR));
        after.push(centsToNearest(tuned, A_MINOR));
      }
    }
    expect(before.length).toBeGreaterThan(80);
    expect(median(before)).toBeGreaterThan(20);
    expect(median(before)).toBeLessThan(60);
    expect(median(after)).toBeLessThan(5);
  });
});
