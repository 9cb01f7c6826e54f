import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BiquadState, biquadCoefficients, biquadMagnitude, type BiquadCoefficients } from '../../../src/dsp/biquad';
import {
  kWeightingCoefficients,
  LoudnessMeter,
  measureLoudness,
  type LoudnessResult,
} from '../../../src/dsp/loudness';
import { phasedSine, seededNoise, steppedTone, type ToneSegment } from './ebuSignals';

const FS = 48000;

/**
 * ITU-R BS.1770-4 Annex 1, Table 1 (stage 1, pre-filter) and Table 2 (stage 2, RLB) at 48 kHz,
 * as published.
 */
const TABLE_1: BiquadCoefficients = {
  b0: 1.53512485958697,
  b1: -2.69169618940638,
  b2: 1.19839281085285,
  a1: -1.69065929318241,
  a2: 0.73248077421585,
};
const TABLE_2: BiquadCoefficients = { b0: 1.0, b1: -2.0, b2: 1.0, a1: -1.99004745483398, a2: 0.99007225036621 };

/** EBU Tech 3341 § 2.9 / Table: loudness tolerance ±0.1 LU. */
const LOUDNESS_TOLERANCE = 0.1;

function expectWithin(value: number | null, expected: number, tolerance: number, what: string): void {
  expect(value, what).not.toBeNull();
  expect(Math.abs((value as number) - expected), `${what}: got ${value}, expected ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** Meters a stereo signal whose two channels are the same array (as the EBU stereo cases are). */
function meterStereo(signal: Float32Array, sampleRate = FS): LoudnessResult {
  return measureLoudness(signal, signal, sampleRate);
}

/** Pushes `signal` on both channels in blocks of `block` frames, calling `onBlock` after each. */
function pushInBlocks(meter: LoudnessMeter, signal: Float32Array, block: number, onBlock?: () => void): void {
  for (let start = 0; start < signal.length; start += block) {
    const end = Math.min(signal.length, start + block);
    const part = signal.subarray(start, end);
    meter.push(part, part, end - start);
    onBlock?.();
  }
}

const tone = (dbfs: number | null, seconds: number): ToneSegment => ({ dbfs, seconds });

describe('K-weighting (BS.1770-4 Annex 1 § 2.1)', () => {
  it('reproduces the 48 kHz coefficients of Tables 1 and 2', () => {
    const { shelf, highpass } = kWeightingCoefficients(48000);
    for (const key of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) {
      expect(Math.abs(shelf[key] - TABLE_1[key]), `stage 1 ${key}`).toBeLessThan(1e-9);
      expect(Math.abs(highpass[key] - TABLE_2[key]), `stage 2 ${key}`).toBeLessThan(1e-9);
    }
  });

  it('keeps the same frequency response at other sample rates (within 0.02 dB, 20 Hz–10 kHz)', () => {
    const ref = kWeightingCoefficients(48000);
    for (const fs of [44100, 88200, 96000, 192000]) {
      const k = kWeightingCoefficients(fs);
      for (let i = 0; i <= 30; i++) {
        const f = 20 * Math.pow(500, i / 30);
        const at = (c: { shelf: BiquadCoefficients; highpass: BiquadCoefficients }, rate: number): number =>
          20 * Math.log10(biquadMagnitude(c.shelf, f, rate) * biquadMagnitude(c.highpass, f, rate));
        expect(Math.abs(at(k, fs) - at(ref, 48000)), `fs ${fs}, f ${f.toFixed(0)} Hz`).toBeLessThan(0.02);
      }
    }
  });

  it('gives a 997 Hz sine the same loudness at 44.1 kHz as at 48 kHz (within 0.05 LU)', () => {
    const at = (fs: number): number | null => meterStereo(steppedTone(fs, [tone(-23, 10)], 997), fs).integratedLufs;
    const l44 = at(44100);
    const l48 = at(48000);
    expectWithin(l48, -23, LOUDNESS_TOLERANCE, '48 kHz');
    expectWithin(l44, l48 as number, 0.05, '44.1 kHz vs 48 kHz');
  });

  it('reads −3.01 LKFS for a 0 dBFS 997 Hz sine in one channel (BS.1770-4 Annex 1 § 3 calibration)', () => {
    const meter = new LoudnessMeter(FS, 2);
    const signal = steppedTone(FS, [tone(0, 5)], 997);
    meter.push(signal, new Float32Array(signal.length));
    expectWithin(meter.integratedLufs, -3.01, 0.02, 'integrated');
  });
});

describe('EBU Tech 3341 minimum requirements (synthesised test signals)', () => {
  it('case 1: stereo 1 kHz at −23 dBFS for 20 s → M, S, I = −23.0 ±0.1', () => {
    const r = meterStereo(steppedTone(FS, [tone(-23, 20)]));
    expectWithin(r.momentaryLufs, -23, LOUDNESS_TOLERANCE, 'M');
    expectWithin(r.shortTermLufs, -23, LOUDNESS_TOLERANCE, 'S');
    expectWithin(r.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
  });

  it('case 2: stereo 1 kHz at −33 dBFS for 20 s → M, S, I = −33.0 ±0.1', () => {
    const r = meterStereo(steppedTone(FS, [tone(-33, 20)]));
    expectWithin(r.momentaryLufs, -33, LOUDNESS_TOLERANCE, 'M');
    expectWithin(r.shortTermLufs, -33, LOUDNESS_TOLERANCE, 'S');
    expectWithin(r.integratedLufs, -33, LOUDNESS_TOLERANCE, 'I');
  });

  it('case 3: −36 / −23 / −36 dBFS for 10 / 60 / 10 s → I = −23.0 ±0.1 (relative gate)', () => {
    const r = meterStereo(steppedTone(FS, [tone(-36, 10), tone(-23, 60), tone(-36, 10)]));
    expectWithin(r.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
  });

  it('case 4: −72 / −36 / −23 / −36 / −72 dBFS for 10 / 10 / 60 / 10 / 10 s → I = −23.0 ±0.1', () => {
    const r = meterStereo(
      steppedTone(FS, [tone(-72, 10), tone(-36, 10), tone(-23, 60), tone(-36, 10), tone(-72, 10)]),
    );
    expectWithin(r.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
  });

  it('case 5: −26 / −20 / −26 dBFS for 20 / 20.1 / 20 s → I = −23.0 ±0.1', () => {
    const r = meterStereo(steppedTone(FS, [tone(-26, 20), tone(-20, 20.1), tone(-26, 20)]));
    expectWithin(r.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
  });

  it('case 6: 5.0 channels, L R −28, C −24, Ls Rs −30 dBFS for 20 s → I = −23.0 ±0.1', () => {
    const front = steppedTone(FS, [tone(-28, 20)]);
    const centre = steppedTone(FS, [tone(-24, 20)]);
    const surround = steppedTone(FS, [tone(-30, 20)]);
    const meter = new LoudnessMeter(FS, 5); // L R C Ls Rs, weights 1, 1, 1, 1.41, 1.41
    meter.pushChannels([front, front, centre, surround, surround]);
    expectWithin(meter.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
    // The same programme as 5.1 (silent LFE, which BS.1770 leaves out).
    const meter51 = new LoudnessMeter(FS, 6);
    meter51.pushChannels([front, front, centre, new Float32Array(front.length).fill(0.5), surround, surround]);
    expectWithin(meter51.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I (5.1, LFE ignored)');
  });

  it('case 9: 1.34 s at −20 dBFS then 1.66 s at −30 dBFS, ×5 → S = −23.0 ±0.1 at every update after 3 s', () => {
    const segments: ToneSegment[] = [];
    for (let i = 0; i < 5; i++) segments.push(tone(-20, 1.34), tone(-30, 1.66));
    const signal = steppedTone(FS, segments);
    const meter = new LoudnessMeter(FS, 2);
    let checked = 0;
    pushInBlocks(meter, signal, FS / 100, () => {
      if (meter.framesProcessed >= 3 * FS) {
        expectWithin(meter.shortTermLufs, -23, LOUDNESS_TOLERANCE, `S at ${meter.framesProcessed / FS} s`);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(1000);
  });

  it('case 10: 3 s bursts at −23 dBFS at 20 different offsets → max S = −23.0 ±0.1 for each', () => {
    for (let k = 0; k < 20; k++) {
      // Offsets spread over the 10 ms update grid and the 100 ms hop, not aligned with either.
      const lead = 0.05 + k * 0.0137;
      const r = meterStereo(steppedTone(FS, [tone(null, lead), tone(-23, 3), tone(null, 0.2)]));
      expectWithin(r.maxShortTermLufs, -23, LOUDNESS_TOLERANCE, `max S, offset ${lead.toFixed(4)} s`);
    }
  });

  it('case 12: 0.18 s at −20 dBFS then 0.22 s at −30 dBFS, ×20 → M = −23.0 ±0.1 at every update after 1 s', () => {
    const segments: ToneSegment[] = [];
    for (let i = 0; i < 20; i++) segments.push(tone(-20, 0.18), tone(-30, 0.22));
    const signal = steppedTone(FS, segments);
    const meter = new LoudnessMeter(FS, 2);
    let checked = 0;
    pushInBlocks(meter, signal, FS / 100, () => {
      if (meter.framesProcessed >= FS) {
        expectWithin(meter.momentaryLufs, -23, LOUDNESS_TOLERANCE, `M at ${meter.framesProcessed / FS} s`);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(600);
  });

  it('case 13: 0.4 s bursts at −23 dBFS at 20 different offsets → max M = −23.0 ±0.1 for each', () => {
    for (let k = 0; k < 20; k++) {
      const lead = 0.45 + k * 0.00531;
      const r = meterStereo(steppedTone(FS, [tone(null, lead), tone(-23, 0.4), tone(null, 0.2)]));
      expectWithin(r.maxMomentaryLufs, -23, LOUDNESS_TOLERANCE, `max M, offset ${lead.toFixed(5)} s`);
    }
  });

  // Cases 15–19: 48 kHz sines whose samples miss the crest by the worst phase for their
  // frequency. Tolerance +0.2 / −0.4 dB (Tech 3341 § 2.9).
  const truePeakCases: Array<{ id: number; frequency: number; phaseDeg: number; peakDb: number; sampleDb: number }> = [
    { id: 15, frequency: FS / 4, phaseDeg: 0, peakDb: -6, sampleDb: -6 },
    { id: 16, frequency: FS / 4, phaseDeg: 45, peakDb: -6, sampleDb: -6 + 20 * Math.log10(Math.SQRT1_2) },
    { id: 17, frequency: FS / 6, phaseDeg: 60, peakDb: -6, sampleDb: -6 + 20 * Math.log10(Math.sin(Math.PI / 3)) },
    { id: 18, frequency: FS / 8, phaseDeg: 67.5, peakDb: -6, sampleDb: -6 + 20 * Math.log10(Math.sin((67.5 * Math.PI) / 180)) },
    { id: 19, frequency: FS / 4, phaseDeg: 45, peakDb: 20 * Math.log10(Math.SQRT2), sampleDb: 0 },
  ];
  for (const c of truePeakCases) {
    it(`case ${c.id}: sine at fs/${FS / c.frequency}, ${c.phaseDeg}° → true peak ${c.peakDb.toFixed(1)} dBTP (+0.2/−0.4)`, () => {
      const signal = phasedSine(FS, 1, c.frequency, Math.pow(10, c.peakDb / 20), c.phaseDeg);
      const r = meterStereo(signal);
      expect(r.truePeakDbtp).not.toBeNull();
      const error = (r.truePeakDbtp as number) - c.peakDb;
      expect(error, `true peak ${r.truePeakDbtp}`).toBeLessThanOrEqual(0.2);
      expect(error, `true peak ${r.truePeakDbtp}`).toBeGreaterThanOrEqual(-0.4);
      expectWithin(r.samplePeakDbfs, c.sampleDb, 0.01, 'sample peak');
    });
  }
});

describe('EBU Tech 3342 loudness range (synthesised test signals, ±1 LU)', () => {
  const cases: Array<{ id: number; segments: ToneSegment[]; lra: number }> = [
    { id: 1, segments: [tone(-20, 20), tone(-30, 20)], lra: 10 },
    { id: 2, segments: [tone(-20, 20), tone(-15, 20)], lra: 5 },
    { id: 3, segments: [tone(-40, 20), tone(-20, 20)], lra: 20 },
    { id: 4, segments: [tone(-50, 20), tone(-35, 20), tone(-20, 20), tone(-35, 20), tone(-50, 20)], lra: 15 },
  ];
  for (const c of cases) {
    it(`case ${c.id}: ${c.segments.map((s) => s.dbfs).join(' / ')} dBFS → LRA = ${c.lra} ±1 LU`, () => {
      const r = meterStereo(steppedTone(FS, c.segments));
      expectWithin(r.loudnessRangeLu, c.lra, 1, 'LRA');
    });
  }
});

/**
 * A literal, slow reading of BS.1770-4 and Tech 3342 for cross-checking the streaming meter:
 * Table 1/2 coefficients run through the project's biquad, every window summed from a prefix
 * sum, gates applied to arrays, percentiles from a sorted array.
 */
function referenceMeasure(left: Float32Array, right: Float32Array): {
  integrated: number;
  lra: number;
  maxMomentary: number;
  maxShortTerm: number;
} {
  const n = left.length;
  const prefix = new Float64Array(n + 1);
  const l = new Float64Array(n);
  const r = new Float64Array(n);
  for (const [input, output] of [
    [left, l],
    [right, r],
  ] as const) {
    const s1 = new BiquadState();
    const s2 = new BiquadState();
    s1.process(TABLE_1, input, output, n);
    s2.process(TABLE_2, output, output, n);
  }
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + l[i] * l[i] + r[i] * r[i];
  const lufs = (e: number): number => -0.691 + 10 * Math.log10(e);
  const windowEnergy = (end: number, length: number): number => (prefix[end] - prefix[end - length]) / length;
  const hop = FS / 10;
  const tick = FS / 100;
  // Integrated: 400 ms blocks every 100 ms, −70 LUFS absolute gate, −10 LU relative gate.
  const blocks: number[] = [];
  for (let end = 4 * hop; end <= n; end += hop) blocks.push(windowEnergy(end, 4 * hop));
  const absGated = blocks.filter((e) => lufs(e) > -70);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const relGate = lufs(mean(absGated)) - 10;
  const integrated = lufs(mean(absGated.filter((e) => lufs(e) > relGate)));
  // LRA: 3 s windows every 100 ms, −70 absolute and −20 relative gates, 10th–95th percentile.
  const shortTerm: number[] = [];
  for (let end = 30 * hop; end <= n; end += hop) shortTerm.push(windowEnergy(end, 30 * hop));
  const stAbs = shortTerm.filter((e) => lufs(e) > -70);
  const stGate = lufs(mean(stAbs)) - 20;
  const sorted = stAbs
    .filter((e) => lufs(e) > stGate)
    .map(lufs)
    .sort((a, b) => a - b);
  const pick = (p: number): number => sorted[Math.round((sorted.length - 1) * p)];
  const lra = pick(0.95) - pick(0.1);
  // Maxima over every 10 ms update.
  let maxMomentary = 0;
  let maxShortTerm = 0;
  for (let end = 4 * hop; end <= n; end += tick) maxMomentary = Math.max(maxMomentary, windowEnergy(end, 4 * hop));
  for (let end = 30 * hop; end <= n; end += tick) maxShortTerm = Math.max(maxShortTerm, windowEnergy(end, 30 * hop));
  return { integrated, lra, maxMomentary: lufs(maxMomentary), maxShortTerm: lufs(maxShortTerm) };
}

/**
 * 30 s of stereo noise in 2 s steps of random level (−45 … −12 dBFS), with two silent gaps. The
 * noise is low-passed (two 8 kHz biquads, −40 dB by 20 kHz) like programme material, so that its
 * true peak does not hinge on how a meter treats content right at Nyquist.
 */
function dynamicProgramme(): { left: Float32Array; right: Float32Array } {
  const seconds = 30;
  const left = seededNoise(seconds * FS, 1);
  const right = seededNoise(seconds * FS, 2);
  const lowpass = biquadCoefficients('lowpass', 8000, 0, 0, FS);
  for (const channel of [left, right]) {
    new BiquadState().process(lowpass, channel, channel, channel.length);
    new BiquadState().process(lowpass, channel, channel, channel.length);
  }
  const levels = seededNoise(seconds / 2, 3);
  for (let i = 0; i < left.length; i++) {
    const step = Math.floor(i / (2 * FS));
    const db = step === 5 || step === 11 ? -120 : -45 + 33 * (0.5 + 0.5 * levels[step]);
    const gain = 2 * Math.pow(10, db / 20);
    left[i] *= gain;
    right[i] *= gain * 0.7;
  }
  return { left, right };
}

describe('LoudnessMeter behaviour', () => {
  const programme = dynamicProgramme();

  it('agrees with a literal array implementation of BS.1770-4 / Tech 3342', () => {
    const ref = referenceMeasure(programme.left, programme.right);
    const r = measureLoudness(programme.left, programme.right, FS);
    expectWithin(r.integratedLufs, ref.integrated, 0.01, 'integrated');
    expectWithin(r.loudnessRangeLu, ref.lra, 0.02, 'LRA');
    expectWithin(r.maxMomentaryLufs, ref.maxMomentary, 1e-6, 'max momentary');
    expectWithin(r.maxShortTermLufs, ref.maxShortTerm, 1e-6, 'max short-term');
  });

  it('agrees with ffmpeg’s ebur128 filter (which prints one decimal)', () => {
    const frames = programme.left.length;
    const interleaved = new Float32Array(2 * frames);
    for (let i = 0; i < frames; i++) {
      interleaved[2 * i] = programme.left[i];
      interleaved[2 * i + 1] = programme.right[i];
    }
    const run = spawnSync(
      'ffmpeg',
      ['-hide_banner', '-nostats', '-f', 'f32le', '-ar', String(FS), '-ac', '2', '-i', 'pipe:0', '-af', 'ebur128=peak=true+sample', '-f', 'null', '-'],
      { input: Buffer.from(interleaved.buffer), maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status, run.stderr?.toString()).toBe(0);
    const log = run.stderr.toString();
    const summary = log.slice(log.lastIndexOf('Summary:'));
    const grab = (pattern: RegExp): number => {
      const m = pattern.exec(summary);
      if (!m) throw new Error(`ffmpeg summary lacks ${pattern}: ${summary}`);
      return Number(m[1]);
    };
    const ffIntegrated = grab(/I:\s+(-?[\d.]+) LUFS/);
    const ffRange = grab(/LRA:\s+(-?[\d.]+) LU/);
    const ffSamplePeak = grab(/Sample peak:\s+Peak:\s+(-?[\d.]+) dBFS/);
    const ffTruePeak = grab(/True peak:\s+Peak:\s+(-?[\d.]+) dBFS/);
    const r = measureLoudness(programme.left, programme.right, FS);
    expectWithin(r.integratedLufs, ffIntegrated, 0.1, 'integrated vs ffmpeg');
    expectWithin(r.loudnessRangeLu, ffRange, 0.2, 'LRA vs ffmpeg');
    expectWithin(r.samplePeakDbfs, ffSamplePeak, 0.06, 'sample peak vs ffmpeg');
    expectWithin(r.truePeakDbtp, ffTruePeak, 0.2, 'true peak vs ffmpeg');
  });

  it('gives the same result whatever the push block size', () => {
    const { left, right } = programme;
    const part = { left: left.subarray(0, 12 * FS), right: right.subarray(0, 12 * FS) };
    const measure = (sizes: number[]): LoudnessResult => {
      const meter = new LoudnessMeter(FS, 2);
      let start = 0;
      let k = 0;
      while (start < part.left.length) {
        const end = Math.min(part.left.length, start + sizes[k++ % sizes.length]);
        meter.push(part.left.subarray(start, end), part.right.subarray(start, end), end - start);
        start = end;
      }
      return meter.result();
    };
    const whole = measure([part.left.length]);
    expect(measure([128])).toEqual(whole);
    expect(measure([4096])).toEqual(whole);
    expect(measure([1, 7, 479, 481, 3000, 13])).toEqual(whole);
  });

  it('reports null for what silence or a too-short programme leaves undefined', () => {
    const silent = meterStereo(new Float32Array(5 * FS));
    expect(silent).toEqual({
      integratedLufs: null,
      loudnessRangeLu: null,
      truePeakDbtp: null,
      samplePeakDbfs: null,
      maxMomentaryLufs: null,
      maxShortTermLufs: null,
      momentaryLufs: null,
      shortTermLufs: null,
    });
    const short = meterStereo(steppedTone(FS, [tone(-23, 0.3)]));
    expect(short.momentaryLufs).toBeNull();
    expect(short.integratedLufs).toBeNull();
    expect(short.truePeakDbtp).not.toBeNull();
    const underThree = meterStereo(steppedTone(FS, [tone(-23, 2)]));
    expect(underThree.shortTermLufs).toBeNull();
    expect(underThree.loudnessRangeLu).toBeNull();
    expectWithin(underThree.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I of 2 s');
  });

  it('ignores non-finite samples instead of reporting NaN', () => {
    const signal = steppedTone(FS, [tone(-23, 4)]);
    signal[1000] = Number.NaN;
    signal[2000] = Infinity;
    const r = meterStereo(signal);
    for (const value of Object.values(r)) expect(value === null || Number.isFinite(value)).toBe(true);
    expectWithin(r.integratedLufs, -23, LOUDNESS_TOLERANCE, 'I');
  });

  it('rejects bad arguments with messages that name them', () => {
    expect(() => new LoudnessMeter(100)).toThrow(/sampleRate/);
    expect(() => new LoudnessMeter(FS, 0)).toThrow(/channels/);
    expect(() => new LoudnessMeter(FS, 2, { channelWeights: [1] })).toThrow(/channelWeights/);
    const meter = new LoudnessMeter(FS, 2);
    expect(() => meter.push(new Float32Array(10), new Float32Array(5), 10)).toThrow(/channel 1/);
    expect(() => new LoudnessMeter(FS, 5).push(new Float32Array(1), new Float32Array(1))).toThrow(/pushChannels/);
  });
});
