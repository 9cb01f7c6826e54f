/**
 * src/dsp/fastMath.ts against the platform's `Math.log` / `Math.exp` (fdlibm in V8, faithful to
 * < 1 ulp): relative error over the whole double range, the domain edges, and the error that
 * reaches the compressor's gain through 10·log10 and 10^(dB/20) over every power it can see.
 */
import { describe, expect, it } from 'vitest';
import { EXP_MAX, EXP_MIN, fastExp, fastLn, MIN_NORMAL } from '../../../src/dsp/fastMath';
import { GainComputer, POWER_DB_PER_NEPER } from '../../../src/dsp/dynamics/gainComputer';
import { expInRange } from '../../../src/dsp/fastMath';
import { DB_TO_NEPER } from '../../../src/dsp/dynamics/timeConstant';

/** A deterministic uniform generator in [0, 1) (LCG, 2^32 period). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function relativeError(ours: number, reference: number): number {
  return reference === 0 ? Math.abs(ours) : Math.abs(ours - reference) / Math.abs(reference);
}

describe('fastLn', () => {
  it('is within 1e-15 relative of Math.log from 2^-1074 to 2^1024 and densely around 1', () => {
    const next = uniform(1);
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      // log-uniform over the whole range, subnormals included
      const p = Math.pow(2, -1074 + 2098 * next()) * (1 + next());
      if (!(p < Infinity) || p === 0) continue;
      worst = Math.max(worst, relativeError(fastLn(p), Math.log(p)));
    }
    for (let i = 0; i < 1_000_000; i++) {
      const p = 0.5 + 1.5 * next(); // both sides of the √2/2 and √2 reduction boundaries
      worst = Math.max(worst, relativeError(fastLn(p), Math.log(p)));
    }
    for (const p of [Math.SQRT1_2, Math.SQRT2, 1 - 2 ** -53, 1 + 2 ** -52, 2, 4, 0.5, Number.MAX_VALUE, MIN_NORMAL, 5e-324]) {
      worst = Math.max(worst, relativeError(fastLn(p), Math.log(p)));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
    expect(fastLn(1)).toBe(0);
  });

  it('answers the edges like Math.log', () => {
    expect(fastLn(0)).toBe(-Infinity);
    expect(fastLn(-0)).toBe(-Infinity);
    expect(fastLn(Infinity)).toBe(Infinity);
    expect(fastLn(-1)).toBeNaN();
    expect(fastLn(-Infinity)).toBeNaN();
    expect(fastLn(NaN)).toBeNaN();
    expect(fastLn(-5e-324)).toBeNaN();
  });
});

describe('fastExp', () => {
  it('is within 1e-15 relative of Math.exp from −708 to 709 and densely around 0', () => {
    const next = uniform(2);
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const y = EXP_MIN + (EXP_MAX - EXP_MIN) * next();
      worst = Math.max(worst, relativeError(fastExp(y), Math.exp(y)));
    }
    for (let i = 0; i < 1_000_000; i++) {
      const y = -12 + 14 * next(); // the compressor's range, crossing every k boundary there
      worst = Math.max(worst, relativeError(fastExp(y), Math.exp(y)));
    }
    for (const y of [EXP_MIN, EXP_MAX, Math.LN2 / 2, -Math.LN2 / 2, 1e-300, -1e-300]) {
      worst = Math.max(worst, relativeError(fastExp(y), Math.exp(y)));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
    expect(fastExp(0)).toBe(1);
  });

  it('answers the edges: NaN, +∞ above 709, 0 below −708', () => {
    expect(fastExp(NaN)).toBeNaN();
    expect(fastExp(Infinity)).toBe(Infinity);
    expect(fastExp(709.5)).toBe(Infinity);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(-708.5)).toBe(0);
  });
});

describe("the compressor's gain through fastLn and fastExp", () => {
  it('is within 1e-12 relative of the Math.log10/Math.exp gain over every power a float32 key can give', () => {
    // The whole used range: any threshold/ratio/knee/makeup, powers from the knee's start up to
    // the loudest finite float32 squared (≈ 1.16e77), both sides of the knee.
    const next = uniform(3);
    const computer = new GainComputer();
    let worst = 0;
    for (let c = 0; c < 200; c++) {
      const threshold = -60 + 60 * next();
      const ratio = 1 + 19 * next();
      const knee = c % 4 === 0 ? 0 : 24 * next();
      const makeup = 24 * next();
      computer.configure(threshold, ratio, knee);
      const slope = 1 - 1 / ratio;
      const fromDb = threshold - knee / 2;
      for (let i = 0; i < 5000; i++) {
        const levelDb = fromDb + (i < 2500 ? knee * 1.01 * next() : (771 - fromDb) * next());
        const power = Math.pow(10, levelDb / 10);
        if (!(power < 1.2e77)) continue;
        // The textbook curve with the platform's log10 and exp.
        const x = 10 * Math.log10(power);
        const over = x - threshold;
        let reference = 0;
        if (2 * over >= knee) reference = slope * over;
        else if (2 * over > -knee) reference = (slope * (over + knee / 2) ** 2) / (2 * knee);
        const referenceGain = Math.exp((makeup - reference) * DB_TO_NEPER);
        const gain = expInRange((makeup - computer.reductionDb(power)) * DB_TO_NEPER);
        worst = Math.max(worst, relativeError(gain, referenceGain));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('a hard knee gives a finite reduction ≥ 0 where the log of a power just above T rounds below T', () => {
    // There the knee branch runs with W = 0; it must give 0, not slope·d²/0 = +∞ (which would hold
    // the smoother at +∞ and silence the output for good).
    const computer = new GainComputer();
    const bits = new Float64Array(1);
    const words = new BigInt64Array(bits.buffer);
    let roundedBelow = 0;
    for (let i = 0; i <= 60000; i++) {
      const threshold = -i / 1000;
      computer.configure(threshold, 4, 0);
      bits[0] = computer.kneeStartPower;
      for (let step = 1; step <= 8; step++) {
        words[0] += 1n; // the next double up
        if (POWER_DB_PER_NEPER * fastLn(bits[0]) < threshold) roundedBelow++;
        const reduction = computer.reductionDb(bits[0]);
        if (!(Number.isFinite(reduction) && reduction >= 0)) expect.fail(`T ${threshold} dB, +${step} ulp: ${reduction}`);
      }
    }
    expect(roundedBelow, 'the grid reaches the case').toBeGreaterThan(0);
  });
});
