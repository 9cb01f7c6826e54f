/**
 * The shared musical frame of the demo stems: tempo, length, key and chord progression, so the
 * five stems play together as one song (see docs/demo-stems.md).
 *
 * 120 bpm, 4/4, 8 bars = 32 beats = exactly 16 s; A minor; one chord per bar,
 * Am – F – C – G, played twice.
 */

/** Tempo in beats per minute. */
export const DEMO_BPM = 120;
/** Seconds per beat (a quarter note): 60 / bpm = 0.5 s. */
export const SECONDS_PER_BEAT = 60 / DEMO_BPM;
export const BEATS_PER_BAR = 4;
export const DEMO_BARS = 8;
/** Beats in the whole loop: 32. */
export const DEMO_BEATS = DEMO_BARS * BEATS_PER_BAR;
/** Length of every demo stem in seconds: 8 bars of 4 beats at 120 bpm = 16 s exactly. */
export const DEMO_LENGTH_SECONDS = DEMO_BEATS * SECONDS_PER_BEAT;

/** Frames in one demo stem at `sampleRate` (16·fs; an integer for every supported rate). */
export function demoFrames(sampleRate: number): number {
  return Math.round(DEMO_LENGTH_SECONDS * sampleRate);
}

/** The frame where `beat` (quarter notes from the loop start, may be fractional) begins. */
export function beatToFrame(beat: number, sampleRate: number): number {
  return Math.round(beat * SECONDS_PER_BEAT * sampleRate);
}

/** Equal-tempered frequency in Hz of MIDI note `note` (69 = A4 = 440 Hz): 440·2^((n−69)/12). */
export function midiToHz(note: number): number {
  return 440 * Math.pow(2, (note - 69) / 12);
}

/** One chord of the progression, as MIDI notes. */
export interface DemoChord {
  name: string;
  /** Root in the bass register (MIDI, octave 1: A1 = 33). */
  bassRoot: number;
  /** Close voicing for the keys around middle C (MIDI, low to high). */
  voicing: readonly number[];
}

const A_MINOR: DemoChord = { name: 'Am', bassRoot: 33, voicing: [60, 64, 69] }; // C4 E4 A4
const F_MAJOR: DemoChord = { name: 'F', bassRoot: 29, voicing: [60, 65, 69] }; // C4 F4 A4
const C_MAJOR: DemoChord = { name: 'C', bassRoot: 36, voicing: [60, 64, 67] }; // C4 E4 G4
const G_MAJOR: DemoChord = { name: 'G', bassRoot: 31, voicing: [59, 62, 67] }; // B3 D4 G4

/** The chord of each of the 8 bars: Am – F – C – G, twice. */
export const PROGRESSION: readonly DemoChord[] = [
  A_MINOR,
  F_MAJOR,
  C_MAJOR,
  G_MAJOR,
  A_MINOR,
  F_MAJOR,
  C_MAJOR,
  G_MAJOR,
];

/** A note of a melody or bass line; times in beats from the loop start. */
export interface NoteEvent {
  beat: number;
  beats: number;
  midi: number;
  /** Velocity 0..1. */
  velocity: number;
}

/** Decibels to a linear amplitude factor: 10^(dB/20). */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/**
 * Equal-power pan gains for a mono voice at `pan` (−1 left … +1 right):
 * left = cos(x), right = sin(x), x = (pan + 1)·π/4 (−3 dB each at centre).
 */
export function panGains(pan: number): { left: number; right: number } {
  const x = ((Math.max(-1, Math.min(1, pan)) + 1) * Math.PI) / 4;
  return { left: Math.cos(x), right: Math.sin(x) };
}
