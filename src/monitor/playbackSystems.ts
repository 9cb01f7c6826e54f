/**
 * Playback-system models of the monitor section: how a phone speaker, a laptop, earbuds, a
 * bluetooth speaker or a car would colour the master. Pure data plus filter math, shared by the
 * editor's monitor chain (which builds BiquadFilterNodes from the same list), its curve plot and
 * the tests.
 *
 * These are TEACHING APPROXIMATIONS, not measurements of any product: each is a handful of
 * Web Audio biquads (src/dsp/biquad.ts, Web Audio spec formulas) chosen to show the typical
 * trait of a class of device — where the bass stops, which presence resonance pokes out, how
 * much stereo survives — so that a mix decision ("will the bass line still be heard on a
 * phone?") can be tried by ear. docs/translation.md says what each one is and is not.
 */
import { biquadCoefficients, biquadMagnitude, type BiquadType } from '../dsp/biquad';

/** One filter of a model, in Web Audio BiquadFilterNode terms. */
export interface PlaybackFilter {
  /** Only the types the models use. */
  type: Extract<BiquadType, 'highpass' | 'lowpass' | 'peaking' | 'lowshelf' | 'highshelf'>;
  /** f0, Hz. */
  frequency: number;
  /** Q as the spec reads it: dB for high/low-pass, linear for peaking, ignored by shelves. */
  q: number;
  /** Gain in dB (peaking and shelves). */
  gainDb: number;
  /** Why the filter is there, in a few words (shown in the panel and the docs). */
  why: string;
}

/** A gentle peak limiter for the small speakers (they run out of excursion and compress). */
export interface PlaybackLimiter {
  /** Level above which gain is reduced, dBFS. */
  thresholdDb: number;
  /** Ratio above the threshold (a gentle limiter, not a brick wall). */
  ratio: number;
  /** Attack and release, seconds. */
  attackSeconds: number;
  releaseSeconds: number;
}

/** Identifiers of the models, in the panel's order. */
export type PlaybackSystemId = 'flat' | 'phone' | 'laptop' | 'earbuds' | 'bluetooth' | 'car';

/** One playback-system model. */
export interface PlaybackSystem {
  id: PlaybackSystemId;
  /** Short name for the panel. */
  name: string;
  /** One sentence: what class of device this imitates. */
  summary: string;
  /** Biquads in series, applied to both channels alike. */
  filters: readonly PlaybackFilter[];
  /**
   * Stereo width after the filters: 1 keeps L/R, 0 is mono. As mid/side:
   * L' = M + w·S, R' = M − w·S with M = (L+R)/2, S = (L−R)/2.
   */
  width: number;
  /** A gentle limiter after the filters, or null. */
  limiter: PlaybackLimiter | null;
}

/** Q (dB, as the spec reads high/low-pass Q) of a Butterworth section: 20·log10(1/√2). */
export const BUTTERWORTH_Q_DB = 20 * Math.log10(Math.SQRT1_2);

const SMALL_SPEAKER_LIMITER: PlaybackLimiter = { thresholdDb: -6, ratio: 4, attackSeconds: 0.003, releaseSeconds: 0.15 };

/** The models. Frequencies are typical of the class, rounded; see docs/translation.md. */
export const PLAYBACK_SYSTEMS: readonly PlaybackSystem[] = [
  {
    id: 'flat',
    name: 'Flat',
    summary: 'Reference: no colouring, full stereo.',
    filters: [],
    width: 1,
    limiter: null,
  },
  {
    id: 'phone',
    name: 'Phone speaker',
    summary: 'One tiny speaker held at arm’s length: no bass, a honky presence peak, mono.',
    filters: [
      { type: 'highpass', frequency: 600, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'a 1 cm driver cannot move air below ~600 Hz' },
      { type: 'highpass', frequency: 600, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'second section: 24 dB/octave, a sealed micro-speaker' },
      { type: 'peaking', frequency: 2500, q: 1.2, gainDb: 5, why: 'resonance of the speaker chamber' },
      { type: 'lowpass', frequency: 9000, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'top end beamed away from the listener' },
    ],
    width: 0,
    limiter: SMALL_SPEAKER_LIMITER,
  },
  {
    id: 'laptop',
    name: 'Laptop',
    summary: 'Two small drivers a hand apart: bass from ~200 Hz, a mid hump, narrow stereo.',
    filters: [
      { type: 'highpass', frequency: 200, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'small drivers in a thin chassis' },
      { type: 'highpass', frequency: 200, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'second section: 24 dB/octave' },
      { type: 'peaking', frequency: 1000, q: 1, gainDb: 3, why: 'chassis resonance' },
      { type: 'peaking', frequency: 4000, q: 2, gainDb: -3, why: 'drivers firing down or sideways' },
      { type: 'lowpass', frequency: 15000, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'small tweeter-less drivers' },
    ],
    width: 0.5,
    limiter: SMALL_SPEAKER_LIMITER,
  },
  {
    id: 'earbuds',
    name: 'Earbuds',
    summary: 'Cheap in-ear buds with a loose fit: thin bass, a bright peak, full stereo.',
    filters: [
      { type: 'highpass', frequency: 60, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'bass leaks out through a loose seal' },
      { type: 'lowshelf', frequency: 200, q: 0, gainDb: -3, why: 'less low-mid weight than a speaker in a room' },
      { type: 'peaking', frequency: 3000, q: 1.5, gainDb: 5, why: 'ear-canal resonance left uncorrected' },
      { type: 'peaking', frequency: 7000, q: 3, gainDb: -4, why: 'dip above the resonance' },
    ],
    width: 1,
    limiter: null,
  },
  {
    id: 'bluetooth',
    name: 'Bluetooth speaker',
    summary: 'A one-box speaker: a boomy bass bump above its cut-off, scooped mids, almost mono.',
    filters: [
      { type: 'highpass', frequency: 80, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'small box and passive radiator' },
      { type: 'highpass', frequency: 80, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'second section: 24 dB/octave' },
      { type: 'peaking', frequency: 120, q: 1.4, gainDb: 6, why: 'bass bump tuned in to sound big' },
      { type: 'peaking', frequency: 500, q: 1, gainDb: -3, why: 'scooped low mids' },
      { type: 'lowpass', frequency: 14000, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'small tweeter' },
    ],
    width: 0.2,
    limiter: SMALL_SPEAKER_LIMITER,
  },
  {
    id: 'car',
    name: 'Car',
    summary: 'A car cabin: boosted low end from cabin gain, dull top, listener off to one side.',
    filters: [
      { type: 'highpass', frequency: 35, q: BUTTERWORTH_Q_DB, gainDb: 0, why: 'door woofers' },
      { type: 'peaking', frequency: 60, q: 0.9, gainDb: 6, why: 'cabin gain: a small closed room' },
      { type: 'peaking', frequency: 250, q: 1.2, gainDb: -3, why: 'door-panel and seat absorption' },
      { type: 'highshelf', frequency: 6000, q: 0, gainDb: -4, why: 'tweeters off axis, absorbent seats' },
    ],
    width: 0.7,
    limiter: null,
  },
];

/** The model with this id (throws on an unknown id, naming it). */
export function playbackSystem(id: PlaybackSystemId): PlaybackSystem {
  const s = PLAYBACK_SYSTEMS.find((p) => p.id === id);
  if (!s) throw new RangeError(`unknown playback system "${String(id)}"`);
  return s;
}

/**
 * Magnitude response of a model's filters at `frequency`, dB: Σ 20·log10|H_i(e^{jω})| over the
 * biquads in series (the width and the limiter are not part of the frequency response).
 */
export function playbackSystemResponseDb(system: PlaybackSystem, frequency: number, sampleRate: number): number {
  let db = 0;
  for (const f of system.filters) {
    const c = biquadCoefficients(f.type, f.frequency, f.q, f.gainDb, sampleRate);
    db += 20 * Math.log10(Math.max(biquadMagnitude(c, frequency, sampleRate), 1e-12));
  }
  return db;
}

/** ISO 266 third-octave centre frequencies from 25 Hz to 16 kHz (exact base-10 series). */
export function thirdOctaveCentres(lowHz = 25, highHz = 16000): number[] {
  const out: number[] = [];
  for (let n = -17; n <= 13; n++) {
    const f = 1000 * Math.pow(10, n / 10);
    if (f >= lowHz * 0.99 && f <= highHz * 1.01) out.push(f);
  }
  return out;
}

/**
 * Gain, dB, that makes a model as loud as the flat reference for pink noise (equal energy per
 * third octave): −10·log10(mean over third-octave centres of |H(f)|²). Used by "level-matched"
 * switching so a brighter or bassier model does not win just by being louder. An approximation:
 * it ignores the programme's own spectrum, the K-weighting and the width.
 */
export function levelMatchGainDb(system: PlaybackSystem, sampleRate: number): number {
  const centres = thirdOctaveCentres();
  let sum = 0;
  for (const f of centres) sum += Math.pow(10, playbackSystemResponseDb(system, f, sampleRate) / 10);
  return -10 * Math.log10(sum / centres.length);
}
