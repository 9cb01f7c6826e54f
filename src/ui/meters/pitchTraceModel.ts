/**
 * The data behind the autotune pitch trace: a fixed ring of the last `capacity` meter readings
 * (detected and corrected pitch as MIDI numbers, NaN when unvoiced) and a view window of
 * semitones that follows the voice smoothly. Pure and allocation-free after construction, so the
 * frame loop can push a point 30 times a second; unit-tested without a browser.
 */
import type { PitchMeters } from '../../nodes/types';

/** Pitch-class names, C = 0. */
export const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** "A3 −40 ¢" (the note tuned to, the correction in cents), or "—" when unvoiced. */
export function pitchReadout(targetNote: number, correctionCents: number, detectedHz: number): string {
  if (!(detectedHz > 0) || Number.isNaN(targetNote)) return '—';
  const note = Math.round(targetNote);
  const cents = Math.round(correctionCents);
  const sign = cents > 0 ? '+' : cents < 0 ? '−' : '±';
  return `${NOTE_NAMES[((note % 12) + 12) % 12]}${Math.floor(note / 12) - 1} ${sign}${Math.abs(cents)} ¢`;
}

/** Semitones shown above and below the view's centre. */
export const TRACE_HALF_SPAN = 6;

/** MIDI number of a frequency (A4 = 69 = 440 Hz), NaN for 0 Hz (unvoiced). */
export function hzToMidiOrNaN(hz: number): number {
  return hz > 0 ? 69 + 12 * Math.log2(hz / 440) : NaN;
}

/** A ring of pitch readings with a following view window (see the file comment). */
export class PitchTraceModel {
  readonly detected: Float64Array;
  readonly corrected: Float64Array;
  /** Readings pushed so far (the newest is at (count − 1) % capacity). */
  count = 0;
  /** Centre of the view, MIDI. */
  centre: number;

  constructor(
    readonly capacity: number,
    initialCentre = 57,
  ) {
    this.detected = new Float64Array(capacity).fill(NaN);
    this.corrected = new Float64Array(capacity).fill(NaN);
    this.centre = initialCentre;
  }

  /** Adds one reading; the view glides a fifth of the way towards a voice outside its middle. */
  push(meters: PitchMeters | undefined): void {
    const slot = this.count % this.capacity;
    const detected = meters === undefined ? NaN : hzToMidiOrNaN(meters.detectedHz);
    const corrected = meters === undefined ? NaN : hzToMidiOrNaN(meters.correctedHz);
    this.detected[slot] = detected;
    this.corrected[slot] = corrected;
    this.count++;
    if (!Number.isNaN(corrected)) {
      const margin = TRACE_HALF_SPAN / 2;
      if (corrected > this.centre + margin) this.centre += (corrected - margin - this.centre) * 0.2;
      else if (corrected < this.centre - margin) this.centre += (corrected + margin - this.centre) * 0.2;
    }
  }

  /** The i-th oldest reading still held (0 = oldest), or NaN. */
  at(series: Float64Array, i: number): number {
    const held = Math.min(this.count, this.capacity);
    if (i < 0 || i >= held) return NaN;
    return series[(this.count - held + i) % this.capacity];
  }

  /** Readings held (≤ capacity). */
  get length(): number {
    return Math.min(this.count, this.capacity);
  }
}
