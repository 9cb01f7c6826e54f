/**
 * Demo stem "bass": a synth bass line on the roots of Am – F – C – G (A1 = 55 Hz down to
 * F1 = 43.7 Hz, octave jumps up to 110 Hz) in driving 8th notes with fifths and approach notes.
 * Each note: a PolyBLEP saw plus a sine at the fundamental (sub weight), through a resonant
 * low-pass whose cutoff falls from ~900 Hz to ~220 Hz after the attack ("pluck"), then a gentle
 * tanh-like saturation for upper harmonics. Energy sits in 40–250 Hz; mono in both channels, as bass
 * usually is.
 */
import type { ClipAudio } from '../../types';
import { SeededRandom } from '../../../dsp/noise';
import { SynthBiquad } from './filters';
import { beatToFrame, DEMO_BARS, midiToHz, PROGRESSION, SECONDS_PER_BEAT, type NoteEvent } from './music';
import { BlepSaw, sineCycles, softClip } from './oscillators';
import { StemBuffer } from './stemBuffer';

const BASS_SEED = 0xba55;
const BASS_PEAK_DB = -4;
/** Filter envelope is recomputed every this many frames (control rate). */
const CONTROL_FRAMES = 32;

/**
 * Per bar, in 8th notes: [position, length in 8ths, interval above the root]; the last note
 * (position 7) is an approach note into the next bar's root, chosen per chord change.
 */
const BAR_PATTERN: readonly (readonly [number, number, number])[] = [
  [0, 3, 0],
  [3, 1, 0],
  [4, 1, 12],
  [5, 1, 0],
  [6, 1, 7],
];

/** The bass line over the 8 bars. */
function bassLine(random: SeededRandom): NoteEvent[] {
  const notes: NoteEvent[] = [];
  for (let bar = 0; bar < DEMO_BARS; bar++) {
    const root = PROGRESSION[bar].bassRoot;
    const nextRoot = PROGRESSION[(bar + 1) % DEMO_BARS].bassRoot;
    for (const [eighth, length, interval] of BAR_PATTERN) {
      notes.push({
        beat: bar * 4 + eighth / 2,
        beats: length / 2,
        midi: root + interval,
        velocity: (eighth === 0 ? 1 : 0.85) * (0.93 + 0.07 * random.next()),
      });
    }
    // Approach: a step above or a semitone below the next root.
    const approach = nextRoot > root ? nextRoot - 1 : nextRoot + 2;
    notes.push({ beat: bar * 4 + 3.5, beats: 0.5, midi: approach, velocity: 0.8 * (0.93 + 0.07 * random.next()) });
  }
  return notes;
}

/** Renders one bass note into `out`; returns the frames written (gate + release). */
function renderBassNote(out: Float64Array, sr: number, note: NoteEvent): number {
  const gate = Math.round(note.beats * SECONDS_PER_BEAT * sr * 0.9);
  const release = Math.round(0.03 * sr);
  const length = gate + release;
  const attack = 0.004 * sr;
  const f = midiToHz(note.midi);
  const increment = f / sr;
  const saw = new BlepSaw();
  const lowpass = new SynthBiquad(sr);
  const cutoffDecay = Math.exp(-CONTROL_FRAMES / (0.09 * sr));
  const sustainDecay = Math.exp(-1 / (1.5 * sr));
  let cutoffEnv = 1;
  let sustain = 1;
  let phase = 0;
  for (let i = 0; i < length; i++) {
    if (i % CONTROL_FRAMES === 0) {
      lowpass.set('lowpass', 220 + 700 * note.velocity * cutoffEnv, 4);
      cutoffEnv *= cutoffDecay;
    }
    const gateEnv = i < attack ? i / attack : i < gate ? 1 : (length - i) / release;
    const raw = 0.65 * saw.next(increment) + 0.55 * sineCycles(phase);
    const filtered = lowpass.tick(raw) * gateEnv * sustain * note.velocity;
    out[i] = softClip(1.4 * filtered);
    phase += increment;
    sustain *= sustainDecay;
  }
  return length;
}

/** Renders the bass stem at `sampleRate` (deterministic). */
export function renderBass(sampleRate: number): ClipAudio {
  const stem = new StemBuffer(sampleRate);
  const random = new SeededRandom(BASS_SEED);
  const scratch = new Float64Array(Math.ceil(2 * sampleRate));
  for (const note of bassLine(random)) {
    const count = renderBassNote(scratch, sampleRate, note);
    stem.addMono(scratch, count, beatToFrame(note.beat, sampleRate), 1, 1);
  }
  stem.normalisePeak(BASS_PEAK_DB);
  return stem.toClip();
}
