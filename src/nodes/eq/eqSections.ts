/**
 * The channel EQ as a list of Web Audio biquads. One pure function decides the sections so that
 * the offline kernel, the live engine (one BiquadFilterNode per section, set to exactly these
 * values) and the editor's EQ plot all describe the same filter.
 *
 * Processing order: high-pass → low shelf → peak 1 → peak 2 → peak 3 → high shelf → low-pass.
 *
 * Filter formulas: Web Audio API, "BiquadFilterNode" / "Filters characteristics"
 * (https://webaudio.github.io/web-audio-api/#filters-characteristics), implemented in
 * `src/dsp/biquad.ts`. The spec's Q conventions are kept: lowpass/highpass Q in dB, peaking Q
 * linear, shelves ignore Q (slope S = 1).
 */
import type { ResolvedParams } from '../../graph/catalog';
import {
  biquadCoefficients,
  biquadMagnitude,
  identityCoefficients,
  type BiquadCoefficients,
  type BiquadType,
} from '../../dsp/biquad';
import { boolParam, numberParam, numericEnumParam } from '../params';

/** High-pass/low-pass slopes in dB per octave: 12 = 2nd-order, 24 = 4th-order Butterworth. */
export const EQ_SLOPES = [12, 24] as const;
/** A pass-filter slope in dB/oct. */
export type EqSlope = (typeof EQ_SLOPES)[number];

/** Stable names of the EQ's biquad slots, in processing order. */
export const EQ_SECTION_IDS = [
  'highpass1',
  'highpass2',
  'lowShelf',
  'peak1',
  'peak2',
  'peak3',
  'highShelf',
  'lowpass1',
  'lowpass2',
] as const;
/** One of `EQ_SECTION_IDS`. */
export type EqSectionId = (typeof EQ_SECTION_IDS)[number];

/** One biquad of the cascade, in the units a BiquadFilterNode takes. */
export interface EqSection {
  /** Which slot this is; stable while params change, so a live node can be kept and retuned. */
  id: EqSectionId;
  type: BiquadType;
  /** Hz. */
  frequency: number;
  /** The spec's Q for `type`: dB for lowpass/highpass, linear for peaking, unused (1) for shelves. */
  q: number;
  /** dB; used by peaking and shelves, 0 for lowpass/highpass. */
  gain: number;
}

/**
 * The EQ's params, typed. Keys match the node's param keys. A type alias (not an interface) so a
 * settings object is also a valid `ResolvedParams`.
 */
export type EqSettings = {
  hpOn: boolean;
  hpFreq: number;
  hpSlope: EqSlope;
  lsFreq: number;
  lsGain: number;
  p1Freq: number;
  p1Gain: number;
  p1Q: number;
  p2Freq: number;
  p2Gain: number;
  p2Q: number;
  p3Freq: number;
  p3Gain: number;
  p3Q: number;
  hsFreq: number;
  hsGain: number;
  lpOn: boolean;
  lpFreq: number;
  lpSlope: EqSlope;
};

/** Reads resolved `eq` node params into `EqSettings`. @throws TypeError naming a mistyped key. */
export function readEqSettings(params: ResolvedParams): EqSettings {
  return {
    hpOn: boolParam(params, 'hpOn'),
    hpFreq: numberParam(params, 'hpFreq'),
    hpSlope: numericEnumParam(params, 'hpSlope', EQ_SLOPES),
    lsFreq: numberParam(params, 'lsFreq'),
    lsGain: numberParam(params, 'lsGain'),
    p1Freq: numberParam(params, 'p1Freq'),
    p1Gain: numberParam(params, 'p1Gain'),
    p1Q: numberParam(params, 'p1Q'),
    p2Freq: numberParam(params, 'p2Freq'),
    p2Gain: numberParam(params, 'p2Gain'),
    p2Q: numberParam(params, 'p2Q'),
    p3Freq: numberParam(params, 'p3Freq'),
    p3Gain: numberParam(params, 'p3Gain'),
    p3Q: numberParam(params, 'p3Q'),
    hsFreq: numberParam(params, 'hsFreq'),
    hsGain: numberParam(params, 'hsGain'),
    lpOn: boolParam(params, 'lpOn'),
    lpFreq: numberParam(params, 'lpFreq'),
    lpSlope: numericEnumParam(params, 'lpSlope', EQ_SLOPES),
  };
}

/**
 * Linear Qs of the second-order sections of an even-order Butterworth filter, lowest Q first.
 *
 * The N poles of an analog Butterworth filter lie on the unit circle at angles θk = (2k−1)π/(2N)
 * from the negative real axis; a conjugate pair at θ has Q = 1/(2·cos θ). N = 2 gives 1/√2;
 * N = 4 gives 0.5412 and 1.3066. (Any DSP text on Butterworth design, e.g. Zölzer, DAFX, ch. 2.)
 */
export function butterworthSectionQs(order: 2 | 4): number[] {
  const qs: number[] = [];
  for (let k = 1; k <= order / 2; k++) {
    const theta = ((2 * k - 1) * Math.PI) / (2 * order);
    qs.push(1 / (2 * Math.cos(theta)));
  }
  return qs;
}

/** A linear Q expressed the way the spec's lowpass/highpass take it: 20·log10(Q) dB. */
export function qToDecibels(linearQ: number): number {
  return 20 * Math.log10(linearQ);
}

/** Shelves ignore Q in the spec; 1 is the BiquadFilterNode default, written so the value is defined. */
const SHELF_Q = 1;

/**
 * The biquads of the EQ, in processing order, for `params` at `sampleRate`.
 *
 * Skipped (so a flat EQ is an exact identity and costs nothing): a disabled high-/low-pass, any
 * shelf or peak at 0 dB, and any section whose spec coefficients are exactly 1·x at this rate
 * (e.g. a low-pass at or above Nyquist, where the spec makes it pass everything).
 * @param params resolved `eq` params (an `EqSettings` object is one too).
 * @param sampleRate Hz; frequencies above Nyquist are clamped by the biquad formulas.
 */
export function eqSections(params: ResolvedParams, sampleRate: number): EqSection[] {
  const s = readEqSettings(params);
  const sections: EqSection[] = [];
  if (s.hpOn) addPassFilter(sections, 'highpass', s.hpFreq, s.hpSlope);
  addBoost(sections, 'lowShelf', 'lowshelf', s.lsFreq, SHELF_Q, s.lsGain);
  addBoost(sections, 'peak1', 'peaking', s.p1Freq, s.p1Q, s.p1Gain);
  addBoost(sections, 'peak2', 'peaking', s.p2Freq, s.p2Q, s.p2Gain);
  addBoost(sections, 'peak3', 'peaking', s.p3Freq, s.p3Q, s.p3Gain);
  addBoost(sections, 'highShelf', 'highshelf', s.hsFreq, SHELF_Q, s.hsGain);
  if (s.lpOn) addPassFilter(sections, 'lowpass', s.lpFreq, s.lpSlope);
  const probe = identityCoefficients();
  return sections.filter((section) => !isIdentity(sectionCoefficients(section, sampleRate, probe)));
}

/** Coefficients of one section at `sampleRate` (written into `out` when given). */
export function sectionCoefficients(
  section: EqSection,
  sampleRate: number,
  out: BiquadCoefficients = identityCoefficients(),
): BiquadCoefficients {
  return biquadCoefficients(section.type, section.frequency, section.q, section.gain, sampleRate, out);
}

/** The floor of `eqMagnitudeDb`: an exact zero of the response (a high-pass at 0 Hz) reads −240 dB. */
export const EQ_MAGNITUDE_FLOOR_DB = -240;

/**
 * Magnitude response of the EQ in dB at each frequency: 20·log10 of the product of the sections'
 * |H(e^{jω})| (what the editor plots and what BiquadFilterNode.getFrequencyResponse reports,
 * multiplied over the cascade). Floored at `EQ_MAGNITUDE_FLOOR_DB`.
 * @param frequenciesHz frequencies to evaluate, Hz.
 */
export function eqMagnitudeDb(
  params: ResolvedParams,
  frequenciesHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  const coefficients = eqSections(params, sampleRate).map((section) => sectionCoefficients(section, sampleRate));
  const out = new Float64Array(frequenciesHz.length);
  const floor = Math.pow(10, EQ_MAGNITUDE_FLOOR_DB / 20);
  for (let i = 0; i < frequenciesHz.length; i++) {
    let magnitude = 1;
    for (const c of coefficients) magnitude *= biquadMagnitude(c, frequenciesHz[i], sampleRate);
    out[i] = 20 * Math.log10(Math.max(magnitude, floor));
  }
  return out;
}

function addPassFilter(sections: EqSection[], type: 'highpass' | 'lowpass', frequency: number, slope: EqSlope): void {
  const qs = butterworthSectionQs(slope === 12 ? 2 : 4);
  const ids: readonly EqSectionId[] = type === 'highpass' ? ['highpass1', 'highpass2'] : ['lowpass1', 'lowpass2'];
  qs.forEach((q, i) => sections.push({ id: ids[i], type, frequency, q: qToDecibels(q), gain: 0 }));
}

function addBoost(
  sections: EqSection[],
  id: EqSectionId,
  type: 'lowshelf' | 'highshelf' | 'peaking',
  frequency: number,
  q: number,
  gain: number,
): void {
  // At 0 dB a shelf or peak is an identity in exact arithmetic; skipping it makes it exact in ours.
  if (gain !== 0) sections.push({ id, type, frequency, q, gain });
}

function isIdentity(c: BiquadCoefficients): boolean {
  return c.b0 === 1 && c.b1 === 0 && c.b2 === 0 && c.a1 === 0 && c.a2 === 0;
}
