/**
 * Typed view of the autotune node's resolved params (see `index.ts` for ranges and meanings).
 * Params arrive validated against the spec, so a wrong type throws a TypeError naming the param.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { PITCH_CLASS_NAMES, parseNoteMask, parseNoteName, scaleMask, type NamedScale } from '../../dsp/pitch/scale';
import { boolParam, numberParam, stringEnumParam, stringParam } from '../params';

/** The `scale` options: the named scales plus `custom` (the `notes` mask). */
export const AUTOTUNE_SCALES = [
  'chromatic',
  'major',
  'minor',
  'harmonicMinor',
  'majorPentatonic',
  'minorPentatonic',
  'blues',
  'custom',
] as const;

export type AutotuneScale = (typeof AUTOTUNE_SCALES)[number];

/** Note names offered for `low`/`high`, C2 … C7 (the lowest is the tracker's floor). */
export const RANGE_NOTES: readonly string[] = Array.from({ length: 61 }, (_, i) => {
  const midi = 36 + i;
  return `${PITCH_CLASS_NAMES[midi % 12]}${Math.floor(midi / 12) - 1}`;
});

/** Lowest note `low` may name (C2, 65.4 Hz): it fixes the window and hence the latency. */
export const LOWEST_RANGE_MIDI = 36;

/** Autotune params in their units. */
export interface AutotuneSettings {
  /** `mask[pc]`: pitch class pc (0 = C) is a note to tune to. */
  mask: boolean[];
  /** Retune time, ms (0 = instant). */
  speedMs: number;
  /** 0..1: share of the deviation tolerance (see `HUMANIZE_TOLERANCE_SEMITONES`). */
  humanize: number;
  /** 0..1 of the correction applied. */
  amount: number;
  /** Detection range, MIDI notes (low < high). */
  lowMidi: number;
  highMidi: number;
  /** true: keep formants (pitch-synchronous grains); false: shift them with the pitch. */
  formant: boolean;
  /** 0 = the delayed input only, 1 = the corrected signal only. */
  mix: number;
}

/** Reads resolved params into typed settings. @throws TypeError naming the param. */
export function autotuneSettings(params: ResolvedParams): AutotuneSettings {
  const key = PITCH_CLASS_NAMES.indexOf(stringEnumParam(params, 'key', PITCH_CLASS_NAMES));
  const scale = stringEnumParam(params, 'scale', AUTOTUNE_SCALES);
  const notes = stringParam(params, 'notes');
  let mask: boolean[];
  if (scale === 'custom') {
    const parsed = parseNoteMask(notes);
    if (parsed === null) throw new TypeError(`param "notes" should be 12 characters 0/1 (C…B), got ${notes}`);
    mask = parsed;
  } else {
    mask = scaleMask(scale as NamedScale, key);
  }
  const low = parseNoteName(stringEnumParam(params, 'low', RANGE_NOTES));
  const high = parseNoteName(stringEnumParam(params, 'high', RANGE_NOTES));
  return {
    mask,
    speedMs: Math.max(0, numberParam(params, 'speed')),
    humanize: Math.min(1, Math.max(0, numberParam(params, 'humanize'))),
    amount: Math.min(1, Math.max(0, numberParam(params, 'amount'))),
    // A reversed range is read as the range between the two notes; one note becomes a semitone.
    lowMidi: Math.min(low, high),
    highMidi: Math.max(high, Math.min(low, high) + 1),
    formant: boolParam(params, 'formant'),
    mix: Math.min(1, Math.max(0, numberParam(params, 'mix'))),
  };
}
