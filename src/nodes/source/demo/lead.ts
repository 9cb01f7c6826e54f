/**
 * Demo stem "lead": a synth melody in A minor over the progression, mostly 8th notes between
 * G4 and A5 (392–880 Hz fundamentals), so its energy sits in the upper mids. Each note: two
 * PolyBLEP saws detuned by ±7 cents with delayed vibrato (5.5 Hz, ±15 cents, fading in after
 * 150 ms), through a resonant low-pass whose cutoff falls from ~5 kHz to ~1.6 kHz ("pluck" then
 * sustain). A ping-pong echo at a dotted 8th (0.375 s) places repeats left and right.
 */
import type { ClipAudio } from '../../types';
import { SeededRandom } from '../../../dsp/noise';
import { SynthBiquad } from './filters';
import { beatToFrame, midiToHz, SECONDS_PER_BEAT, type NoteEvent } from './music';
import { BlepSaw, sineCycles } from './oscillators';
import { addCircularEcho, addWrapped, StemBuffer } from './stemBuffer';

const LEAD_SEED = 0x1ead;
const LEAD_PEAK_DB = -5;
const CONTROL_FRAMES = 32;
const DETUNE_CENTS = 7;
const VIBRATO_HZ = 5.5;
const VIBRATO_CENTS = 15;

/** The melody, one row per bar: [beat in bar, length in beats, MIDI note]. */
const MELODY: readonly (readonly (readonly [number, number, number])[])[] = [
  // Am
  [[0, 0.5, 69], [0.5, 0.5, 72], [1, 1, 76], [2, 0.5, 74], [2.5, 0.5, 72], [3, 1, 69]],
  // F
  [[0, 0.5, 72], [0.5, 0.5, 77], [1, 0.5, 76], [1.5, 0.5, 72], [2, 1.5, 69], [3.5, 0.5, 67]],
  // C
  [[0, 1, 76], [1, 0.5, 79], [1.5, 0.5, 76], [2, 0.5, 74], [2.5, 0.5, 72], [3, 1, 76]],
  // G
  [[0, 1.5, 74], [1.5, 0.5, 71], [2, 1, 67], [3, 0.5, 71], [3.5, 0.5, 74]],
  // Am
  [[0, 0.5, 76], [0.5, 1, 81], [1.5, 0.5, 79], [2, 1, 76], [3, 0.5, 72], [3.5, 0.5, 74]],
  // F
  [[0, 1, 72], [1, 0.5, 69], [1.5, 0.5, 72], [2, 1.5, 77], [3.5, 0.5, 76]],
  // C
  [[0, 1, 79], [1, 0.5, 76], [1.5, 0.5, 72], [2, 0.5, 76], [2.5, 0.5, 79], [3, 1, 76]],
  // G
  [[0, 1, 74], [1, 1, 71], [2, 0.5, 67], [2.5, 0.5, 71], [3, 0.5, 74], [3.5, 0.5, 76]],
];

function melody(random: SeededRandom): NoteEvent[] {
  const notes: NoteEvent[] = [];
  MELODY.forEach((bar, index) => {
    for (const [beat, beats, midi] of bar) {
      // Accent on the beat, lighter off the beat, ±4 % variation.
      const onBeat = beat % 1 === 0;
      notes.push({ beat: index * 4 + beat, beats, midi, velocity: (onBeat ? 1 : 0.82) * (0.96 + 0.08 * random.next()) });
    }
  });
  return notes;
}

/** Held level of a lead note `i` frames after its start: 1 falling to 0.75 over 200 ms. */
function held(i: number, sr: number): number {
  return 1 - 0.25 * Math.min(1, i / (0.2 * sr));
}

/** Renders one lead note (gate + release) into `out`; returns its length. */
function renderLeadNote(out: Float64Array, sr: number, note: NoteEvent): number {
  const gate = Math.round(note.beats * SECONDS_PER_BEAT * sr * 0.92);
  const release = Math.round(0.06 * sr);
  const length = gate + release;
  const attack = 0.005 * sr;
  const f = midiToHz(note.midi);
  const detune = Math.pow(2, DETUNE_CENTS / 1200);
  const sawA = new BlepSaw(0);
  const sawB = new BlepSaw(0.37);
  const lowpass = new SynthBiquad(sr);
  const cutoffDecay = Math.exp(-CONTROL_FRAMES / (0.12 * sr));
  const vibratoDelay = 0.15 * sr;
  const vibratoRamp = 0.25 * sr;
  let cutoffEnv = 1;
  let vibratoPhase = 0;
  let incrementA = 0;
  let incrementB = 0;
  for (let i = 0; i < length; i++) {
    if (i % CONTROL_FRAMES === 0) {
      // Control rate (0.67 ms at 48 kHz): filter envelope and vibrato.
      lowpass.set('lowpass', 1600 + 3400 * cutoffEnv * note.velocity, 6);
      cutoffEnv *= cutoffDecay;
      const vibratoDepth = i < vibratoDelay ? 0 : Math.min(1, (i - vibratoDelay) / vibratoRamp);
      const cents = VIBRATO_CENTS * vibratoDepth * sineCycles(vibratoPhase);
      const freq = f * Math.pow(2, cents / 1200);
      incrementA = (freq * detune) / sr;
      incrementB = freq / detune / sr;
      vibratoPhase += (VIBRATO_HZ * CONTROL_FRAMES) / sr;
    }
    const raw = 0.5 * (sawA.next(incrementA) + sawB.next(incrementB));
    // Attack, then a slight decay towards 0.75 while held, then a linear release from wherever
    // the decay had reached, so the envelope never jumps.
    const env = i < attack ? i / attack : i < gate ? held(i, sr) : (held(gate, sr) * (length - i)) / release;
    out[i] = lowpass.tick(raw) * env * note.velocity;
  }
  return length;
}

/** Renders the lead stem at `sampleRate` (deterministic). */
export function renderLead(sampleRate: number): ClipAudio {
  const random = new SeededRandom(LEAD_SEED);
  const stem = new StemBuffer(sampleRate);
  const dry = new Float32Array(stem.length);
  const scratch = new Float64Array(Math.ceil(2 * sampleRate));
  for (const note of melody(random)) {
    const count = renderLeadNote(scratch, sampleRate, note);
    addWrapped(dry, scratch, count, beatToFrame(note.beat, sampleRate), 1);
  }
  // Ping-pong echo at a dotted 8th, read circularly so repeats of the last notes land at the
  // loop start: left gets the 1st and 3rd repeat, right the 2nd.
  const echo = beatToFrame(0.75, sampleRate);
  stem.left.set(dry);
  stem.right.set(dry);
  addCircularEcho(stem.left, dry, echo, 0.32);
  addCircularEcho(stem.right, dry, 2 * echo, 0.2);
  addCircularEcho(stem.left, dry, 3 * echo, 0.1);
  stem.normalisePeak(LEAD_PEAK_DB);
  return stem.toClip();
}
