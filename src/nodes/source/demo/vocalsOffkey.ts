/**
 * Demo stem "vocals-offkey": the demo vocal line sung badly in tune, for the autotune node to fix:
 * every note is 20–60 cents sharp or flat (a fixed, deterministic pattern), each new note is
 * scooped into from 0.7 semitones below, and the slow drift is three times the in-tune take's.
 * Same melody, vowels, breaths and room as "vocals" (`vocals.ts`). Notes: docs/autotune.md.
 */
import type { ClipAudio } from '../../types';
import { renderVocals, type VocalTuning } from './vocals';

/**
 * Detune of each note, cents, by phrase then note: a singer a little sharp on high notes and flat
 * on the way down, never more than 60 cents off and never less than 20.
 */
export const OFFKEY_CENTS: readonly (readonly number[])[] = [
  [35, -25, 40, -45, 55, -30],
  [-20, 45, 60, -35, 25, -50, -40],
  [50, -30, 20, -55, 40, -25, -45],
  [-35, 30, 45, 60, -40, -20],
];

const OFFKEY: VocalTuning = {
  noteOffset: (phrase, note) => OFFKEY_CENTS[phrase][note] / 100,
  scoopSemitones: 0.7,
  driftSemitones: 0.36,
};

/** Renders the off-key vocals stem at `sampleRate` (deterministic). */
export function renderVocalsOffkey(sampleRate: number): ClipAudio {
  return renderVocals(sampleRate, OFFKEY);
}
