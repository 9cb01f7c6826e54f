/**
 * Notes, scales and the nearest allowed note, for pitch correction.
 *
 * Pitches are MIDI note numbers as real numbers (69 = A4 = 440 Hz, one unit = one equal-tempered
 * semitone, 0.01 = one cent): m = 69 + 12·log2(f / 440) (the MIDI Tuning Standard's mapping).
 * A scale is a 12-note mask over pitch classes (0 = C … 11 = B), so custom scales and the named
 * ones are the same thing.
 */

/** Pitch-class names, C = 0 (sharps, as most tuners show them). */
export const PITCH_CLASS_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

export type PitchClassName = (typeof PITCH_CLASS_NAMES)[number];

/** The named scales, as semitone steps above the key (music-theory definitions, 12-TET). */
export const SCALE_INTERVALS = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  harmonicMinor: [0, 2, 3, 5, 7, 8, 11],
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
} as const;

export type NamedScale = keyof typeof SCALE_INTERVALS;

/** MIDI note number (real) of a frequency in Hz. */
export function hzToMidi(hz: number): number {
  return 69 + 12 * Math.log2(hz / 440);
}

/** Frequency in Hz of a MIDI note number (real). */
export function midiToHz(midi: number): number {
  return 440 * Math.pow(2, (midi - 69) / 12);
}

/** "E2", "C#4": scientific pitch notation of a whole MIDI note (C4 = 60). */
export function noteName(midi: number): string {
  const m = Math.round(midi);
  return `${PITCH_CLASS_NAMES[((m % 12) + 12) % 12]}${Math.floor(m / 12) - 1}`;
}

/** MIDI number of a note written "E2", "C#4" (sharps only), or NaN if it is not one. */
export function parseNoteName(name: string): number {
  const match = /^([A-G]#?)(-?\d)$/.exec(name);
  if (match === null) return NaN;
  const pc = PITCH_CLASS_NAMES.indexOf(match[1] as PitchClassName);
  if (pc < 0) return NaN;
  return pc + 12 * (Number(match[2]) + 1);
}

/**
 * The 12-note mask of a named scale on a key: `mask[pc]` is true when pitch class `pc` is in it.
 * @param key pitch class of the tonic, 0 = C … 11 = B.
 */
export function scaleMask(scale: NamedScale, key: number, out: boolean[] = new Array<boolean>(12)): boolean[] {
  for (let pc = 0; pc < 12; pc++) out[pc] = false;
  for (const step of SCALE_INTERVALS[scale]) out[(key + step) % 12] = true;
  return out;
}

/**
 * Parses a custom mask written as 12 characters C…B, "1" = in the scale, "0" = not
 * ("101011010101" is C major). @returns the mask, or null if the text is not 12 zeros and ones.
 */
export function parseNoteMask(text: string, out: boolean[] = new Array<boolean>(12)): boolean[] | null {
  if (!/^[01]{12}$/.test(text)) return null;
  for (let pc = 0; pc < 12; pc++) out[pc] = text[pc] === '1';
  return out;
}

/**
 * The allowed note nearest to `midi` (ties go down). An empty mask allows every note (a tuner
 * with nothing selected behaves as chromatic rather than silencing the voice).
 * @returns a whole MIDI note number.
 */
export function nearestAllowedNote(midi: number, mask: readonly boolean[]): number {
  const below = Math.floor(midi);
  let best = below;
  let bestDistance = Infinity;
  // The nearest allowed note is at most 6 semitones away when any pitch class is allowed.
  for (let offset = -6; offset <= 7; offset++) {
    const note = below + offset;
    if (!mask[((note % 12) + 12) % 12]) continue;
    const distance = Math.abs(midi - note);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = note;
    }
  }
  return bestDistance === Infinity ? Math.round(midi) : best;
}

/**
 * The note to tune to, with hysteresis: the current note `held` is kept until the pitch is closer
 * to another allowed note by more than `hysteresis` semitones, so a pitch that wobbles around the
 * midpoint between two notes (vibrato, a scoop) does not flip between them.
 * @param held the note tuned to in the previous frame, or NaN for none.
 * @param hysteresis semitones (0.2 = a note change waits until 10 cents past the midpoint).
 */
export function targetNote(midi: number, held: number, mask: readonly boolean[], hysteresis: number): number {
  const nearest = nearestAllowedNote(midi, mask);
  if (Number.isNaN(held) || nearest === held) return nearest;
  const heldAllowed = mask[((held % 12) + 12) % 12] || !mask.includes(true);
  if (!heldAllowed) return nearest;
  return Math.abs(midi - held) - Math.abs(midi - nearest) > hysteresis ? nearest : held;
}
