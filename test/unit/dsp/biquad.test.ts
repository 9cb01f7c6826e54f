import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  BIQUAD_TYPES,
  BiquadState,
  biquadCoefficients,
  biquadMagnitude,
  type BiquadType,
} from '../../../src/dsp/biquad';

const FS = 48000;

interface Setting {
  type: BiquadType;
  f0: number;
  /** Web Audio Q: dB for lowpass/highpass, linear for bandpass/notch/allpass/peaking, unused by shelves. */
  q: number;
  gainDb: number;
}

/** Two settings per type, spread over frequency, Q and gain. */
const SETTINGS: Setting[] = [
  { type: 'lowpass', f0: 1000, q: 0, gainDb: 0 },
  { type: 'lowpass', f0: 5000, q: 6, gainDb: 0 },
  { type: 'highpass', f0: 200, q: -3, gainDb: 0 },
  { type: 'highpass', f0: 3000, q: 12, gainDb: 0 },
  { type: 'bandpass', f0: 1000, q: 1, gainDb: 0 },
  { type: 'bandpass', f0: 8000, q: 5, gainDb: 0 },
  { type: 'notch', f0: 1000, q: 2, gainDb: 0 },
  { type: 'notch', f0: 300, q: 0.5, gainDb: 0 },
  { type: 'allpass', f0: 1000, q: 0.7, gainDb: 0 },
  { type: 'allpass', f0: 5000, q: 3, gainDb: 0 },
  { type: 'peaking', f0: 1000, q: 1, gainDb: 12 },
  { type: 'peaking', f0: 250, q: 4, gainDb: -9 },
  { type: 'lowshelf', f0: 150, q: 1, gainDb: 6 },
  { type: 'lowshelf', f0: 2000, q: 1, gainDb: -12 },
  { type: 'highshelf', f0: 6000, q: 1, gainDb: 9 },
  { type: 'highshelf', f0: 800, q: 1, gainDb: -6 },
];

/** s-domain quadratic a·s² + b·s + c. */
type Quadratic = readonly [number, number, number];

/**
 * The analogue prototypes of the Audio EQ Cookbook (R. Bristow-Johnson), with s normalised to
 * 2π·f0, written here independently of the code under test: H(s) = gain · N(s) / D(s).
 * Web Audio's conventions: lowpass/highpass Q is in dB, shelves use slope S = 1, A = 10^(G/40).
 */
function prototype(s: Setting): { gain: number; num: Quadratic; den: Quadratic } {
  const A = Math.pow(10, s.gainDb / 40);
  switch (s.type) {
    case 'lowpass': {
      const q = Math.pow(10, s.q / 20);
      return { gain: 1, num: [0, 0, 1], den: [1, 1 / q, 1] };
    }
    case 'highpass': {
      const q = Math.pow(10, s.q / 20);
      return { gain: 1, num: [1, 0, 0], den: [1, 1 / q, 1] };
    }
    case 'bandpass':
      return { gain: 1, num: [0, 1 / s.q, 0], den: [1, 1 / s.q, 1] };
    case 'notch':
      return { gain: 1, num: [1, 0, 1], den: [1, 1 / s.q, 1] };
    case 'allpass':
      return { gain: 1, num: [1, -1 / s.q, 1], den: [1, 1 / s.q, 1] };
    case 'peaking':
      return { gain: 1, num: [1, A / s.q, 1], den: [1, 1 / (A * s.q), 1] };
    case 'lowshelf': {
      const k = Math.sqrt(A) * Math.SQRT2; // √A / Q with 1/Q = √((A + 1/A)(1/S − 1) + 2) = √2
      return { gain: A, num: [1, k, A], den: [A, k, 1] };
    }
    case 'highshelf': {
      const k = Math.sqrt(A) * Math.SQRT2;
      return { gain: A, num: [A, k, 1], den: [1, k, A] };
    }
  }
}

/**
 * |H| of the digital filter at f by the bilinear transform prewarped at f0 (which is how the
 * cookbook maps the prototype): the digital response at f is the analogue one at
 * Ω = tan(π f / fs) / tan(π f0 / fs).
 */
function analyticMagnitude(s: Setting, f: number): number {
  const { gain, num, den } = prototype(s);
  const w = Math.tan((Math.PI * f) / FS) / Math.tan((Math.PI * s.f0) / FS);
  const at = (p: Quadratic): number => Math.hypot(p[2] - p[0] * w * w, p[1] * w);
  return (gain * at(num)) / at(den);
}

/** |DFT| at f of the filter's impulse response, run through BiquadState (the code under test). */
function measuredMagnitudes(s: Setting, frequencies: number[]): number[] {
  const n = 16384;
  const impulse = new Float64Array(n);
  impulse[0] = 1;
  const response = new Float64Array(n);
  new BiquadState().process(biquadCoefficients(s.type, s.f0, s.q, s.gainDb, FS), impulse, response, n);
  return frequencies.map((f) => {
    const w = (2 * Math.PI * f) / FS;
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += response[i] * Math.cos(w * i);
      im -= response[i] * Math.sin(w * i);
    }
    return Math.hypot(re, im);
  });
}

const FREQUENCIES = Array.from({ length: 32 }, (_, i) => 20 * Math.pow(1000, i / 31));
const dB = (x: number): number => 20 * Math.log10(x);

function expectSameMagnitude(got: number, want: number, where: string): void {
  if (want > 1e-3) {
    expect(Math.abs(dB(got) - dB(want)), `${where}: ${dB(got)} dB vs ${dB(want)} dB`).toBeLessThan(0.01);
  } else {
    expect(Math.abs(got - want), `${where}: ${got} vs ${want}`).toBeLessThan(1e-5);
  }
}

describe('biquad magnitude response vs the analogue prototypes', () => {
  it('covers every type', () => {
    expect(new Set(SETTINGS.map((s) => s.type))).toEqual(new Set(BIQUAD_TYPES));
  });

  for (const s of SETTINGS) {
    const label = `${s.type} f0=${s.f0} Q=${s.q} G=${s.gainDb}`;
    it(`${label}: impulse-response DFT at 32 frequencies within 0.01 dB`, () => {
      const measured = measuredMagnitudes(s, FREQUENCIES);
      FREQUENCIES.forEach((f, i) => expectSameMagnitude(measured[i], analyticMagnitude(s, f), `${label} @ ${f.toFixed(1)} Hz`));
    });

    it(`${label}: biquadMagnitude agrees with the prototype`, () => {
      const c = biquadCoefficients(s.type, s.f0, s.q, s.gainDb, FS);
      for (const f of FREQUENCIES) {
        expectSameMagnitude(biquadMagnitude(c, f, FS), analyticMagnitude(s, f), `${label} @ ${f.toFixed(1)} Hz`);
      }
    });
  }
});

describe('biquad identities', () => {
  const at = (type: BiquadType, f0: number, q: number, g: number, f: number): number =>
    dB(biquadMagnitude(biquadCoefficients(type, f0, q, g, FS), f, FS));

  it('peaking reaches G dB at f0', () => {
    for (const g of [-15, -3, 4, 12]) expect(at('peaking', 1200, 1.5, g, 1200)).toBeCloseTo(g, 9);
  });

  it('lowpass and highpass reach Q dB at f0 (Web Audio’s Q is the resonance in dB)', () => {
    for (const q of [-3.0103, 0, 6, 12]) {
      expect(at('lowpass', 2000, q, 0, 2000)).toBeCloseTo(q, 9);
      expect(at('highpass', 2000, q, 0, 2000)).toBeCloseTo(q, 9);
    }
  });

  it('shelves: G dB plateau on their side, 0 dB on the other, G/2 dB at f0', () => {
    for (const g of [-12, 6]) {
      expect(at('lowshelf', 500, 1, g, 0)).toBeCloseTo(g, 9);
      expect(at('lowshelf', 500, 1, g, FS / 2)).toBeCloseTo(0, 9);
      expect(at('lowshelf', 500, 1, g, 500)).toBeCloseTo(g / 2, 9);
      expect(at('highshelf', 5000, 1, g, FS / 2)).toBeCloseTo(g, 9);
      expect(at('highshelf', 5000, 1, g, 0)).toBeCloseTo(0, 9);
      expect(at('highshelf', 5000, 1, g, 5000)).toBeCloseTo(g / 2, 9);
    }
  });

  it('bandpass peaks at 0 dB at f0 and notch is a zero there', () => {
    expect(at('bandpass', 3000, 2, 0, 3000)).toBeCloseTo(0, 9);
    expect(biquadMagnitude(biquadCoefficients('notch', 3000, 2, 0, FS), 3000, FS)).toBeLessThan(1e-9);
  });

  it('allpass has |H| = 1 everywhere', () => {
    const c = biquadCoefficients('allpass', 700, 0.9, 0, FS);
    for (const f of FREQUENCIES) expect(biquadMagnitude(c, f, FS)).toBeCloseTo(1, 12);
  });
});

/** Impulse response of an ffmpeg filter chain run in double precision on raw f64 samples. */
function ffmpegImpulseResponse(filter: string, length: number): Float64Array {
  const impulse = new Float64Array(length);
  impulse[0] = 1;
  const run = spawnSync(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'f64le', '-ar', String(FS), '-ac', '1', '-i', 'pipe:0',
      '-af', `aformat=sample_fmts=dbl,${filter}`,
      '-f', 'f64le', 'pipe:1',
    ],
    { input: Buffer.from(impulse.buffer) },
  );
  if (run.status !== 0) throw new Error(`ffmpeg failed for ${filter}: ${run.stderr?.toString()}`);
  const bytes = run.stdout;
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe('biquad impulse response vs ffmpeg (double precision)', () => {
  // ffmpeg's biquads take the cookbook formulas: its Q is linear (Web Audio's lowpass/highpass Q
  // is dB, so Qlin = 10^(Q/20)), width_type=s with width 1 is the shelf slope S = 1, and
  // bandpass without csg is the constant 0 dB peak form that Web Audio uses.
  const lin = (qDb: number): number => Math.pow(10, qDb / 20);
  const cases: Array<[Setting, string]> = [
    [{ type: 'peaking', f0: 1000, q: 2, gainDb: 6 }, 'equalizer=f=1000:t=q:w=2:g=6:precision=f64'],
    [{ type: 'peaking', f0: 90, q: 0.7, gainDb: -10 }, 'equalizer=f=90:t=q:w=0.7:g=-10:precision=f64'],
    [{ type: 'lowshelf', f0: 300, q: 1, gainDb: -8 }, 'lowshelf=f=300:t=s:w=1:g=-8:precision=f64'],
    [{ type: 'highshelf', f0: 5000, q: 1, gainDb: 9 }, 'highshelf=f=5000:t=s:w=1:g=9:precision=f64'],
    [{ type: 'lowpass', f0: 2000, q: 6, gainDb: 0 }, `lowpass=f=2000:t=q:w=${lin(6)}:precision=f64`],
    [{ type: 'highpass', f0: 200, q: -3, gainDb: 0 }, `highpass=f=200:t=q:w=${lin(-3)}:precision=f64`],
    [{ type: 'bandpass', f0: 1500, q: 3, gainDb: 0 }, 'bandpass=f=1500:t=q:w=3:precision=f64'],
    [{ type: 'notch', f0: 1500, q: 3, gainDb: 0 }, 'bandreject=f=1500:t=q:w=3:precision=f64'],
    [{ type: 'allpass', f0: 1500, q: 0.7, gainDb: 0 }, 'allpass=f=1500:t=q:w=0.7:precision=f64'],
  ];
  const length = 2048;
  for (const [s, filter] of cases) {
    it(`${s.type} f0=${s.f0} matches ffmpeg ${filter.split('=')[0]} within 1e-6`, () => {
      const reference = ffmpegImpulseResponse(filter, length);
      expect(reference.length).toBe(length);
      const impulse = new Float64Array(length);
      impulse[0] = 1;
      const ours = new Float64Array(length);
      new BiquadState().process(biquadCoefficients(s.type, s.f0, s.q, s.gainDb, FS), impulse, ours, length);
      let worst = 0;
      for (let i = 0; i < length; i++) worst = Math.max(worst, Math.abs(ours[i] - reference[i]));
      expect(worst).toBeLessThan(1e-6);
    });
  }
});
