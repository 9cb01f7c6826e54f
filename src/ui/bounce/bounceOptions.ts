/**
 * The Export WAV form as plain values, and their check (pure, unit-tested): the same options as
 * `mixgraph render --rate --seconds --bits --normalize`, with the same limits, so a bounce made
 * here equals the CLI's render of the same graph byte for byte.
 */
import type { BounceOptions } from '../../runtime/bounce/protocol';
import type { WavBits } from '../../runtime/audio-io/portable';
import { SUPPORTED_SAMPLE_RATES } from '../../runtime/offline';

/** Loudness targets offered, LUFS, with what they are for. */
export const LOUDNESS_TARGETS: readonly { lufs: number; label: string }[] = [
  { lufs: -14, label: '−14 LUFS (streaming: Spotify, YouTube, Tidal)' },
  { lufs: -16, label: '−16 LUFS (Apple Music, podcasts)' },
  { lufs: -23, label: '−23 LUFS (broadcast, EBU R 128)' },
];

/** Bit depths offered. */
export const BIT_DEPTHS: readonly { bits: WavBits; label: string }[] = [
  { bits: 16, label: '16-bit PCM (dithered, CD)' },
  { bits: 24, label: '24-bit PCM' },
  { bits: '32f', label: '32-bit float' },
];

/** The form's fields as typed by the user. */
export interface BounceForm {
  /** Seconds as text; empty = the whole programme (the CLI's default length). */
  seconds: string;
  sampleRate: number;
  bits: WavBits;
  /** 'none', one of LOUDNESS_TARGETS as text, or 'custom'. */
  target: string;
  /** LUFS as text when `target` is 'custom'. */
  customLufs: string;
}

/** The form's starting values (the CLI's defaults: 48 kHz, 24-bit, whole programme, no target). */
export const DEFAULT_FORM: BounceForm = { seconds: '', sampleRate: 48000, bits: 24, target: 'none', customLufs: '-14' };

/** Longest bounce, s (the render engine's own limit: 24 h). */
const MAX_SECONDS = 24 * 3600;

/** Reads a number typed with a comma or a typographic minus. */
function readNumber(text: string): number {
  return Number(text.trim().replace(',', '.').replace('−', '-'));
}

/** The options for `startBounce`, or the messages saying what to fix. */
export function readBounceForm(form: BounceForm): { ok: true; options: BounceOptions } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  let seconds: number | undefined;
  if (form.seconds.trim() !== '') {
    seconds = readNumber(form.seconds);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) problems.push(`Length: give a number of seconds above 0 and at most ${MAX_SECONDS} (24 hours).`);
  }
  if (!SUPPORTED_SAMPLE_RATES.includes(form.sampleRate)) problems.push(`Sample rate: choose one of ${SUPPORTED_SAMPLE_RATES.join(', ')} Hz.`);
  let normalizeLufs: number | undefined;
  if (form.target === 'custom') {
    normalizeLufs = readNumber(form.customLufs);
    if (!Number.isFinite(normalizeLufs) || normalizeLufs < -70 || normalizeLufs > 0) problems.push('Loudness target: give LUFS between −70 and 0.');
  } else if (form.target !== 'none') {
    normalizeLufs = readNumber(form.target);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    options: {
      sampleRate: form.sampleRate,
      bits: form.bits,
      ...(seconds !== undefined ? { seconds } : {}),
      ...(normalizeLufs !== undefined ? { normalizeLufs } : {}),
    },
  };
}
