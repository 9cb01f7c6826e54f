import { describe, expect, it } from 'vitest';
import { RampedParam } from '../../../src/runtime/live/smoothParam';

/**
 * A stand-in AudioParam that evaluates its event list by the Web Audio spec's rules
 * ("AudioParam automation"): setValueAtTime holds a value from its time; linearRampToValueAtTime
 * goes linearly from the previous event's (time, value) to its own; cancelScheduledValues(t)
 * drops events at or after t.
 */
class SpecParam {
  value = 0;
  events: { time: number; value: number; linear: boolean }[] = [];
  setValueAtTime(value: number, time: number): this {
    this.insert({ time, value, linear: false });
    return this;
  }
  linearRampToValueAtTime(value: number, time: number): this {
    this.insert({ time, value, linear: true });
    return this;
  }
  cancelScheduledValues(time: number): this {
    this.events = this.events.filter((e) => e.time < time);
    return this;
  }
  at(t: number): number {
    let prev: { time: number; value: number } = { time: 0, value: this.value };
    for (const e of this.events) {
      if (e.time <= t) {
        prev = e;
        continue;
      }
      if (e.linear) return prev.value + ((e.value - prev.value) * (t - prev.time)) / (e.time - prev.time);
      break;
    }
    return prev.value;
  }
  private insert(e: { time: number; value: number; linear: boolean }): void {
    const i = this.events.findIndex((x) => x.time > e.time);
    if (i < 0) this.events.push(e);
    else this.events.splice(i, 0, e);
  }
}

function make(initial: number): { spec: SpecParam; ramped: RampedParam } {
  const spec = new SpecParam();
  return { spec, ramped: new RampedParam(spec as unknown as AudioParam, initial) };
}

describe('RampedParam', () => {
  it('sets the initial value directly, with no automation event', () => {
    const { spec } = make(0.25);
    expect(spec.value).toBe(0.25);
    expect(spec.events).toHaveLength(0);
  });

  it('ramps linearly from the current value, and lands on the target', () => {
    const { spec, ramped } = make(1);
    ramped.rampTo(0, { at: 2, rampSeconds: 0.02 });
    expect(spec.at(1.99)).toBe(1);
    expect(spec.at(2.01)).toBeCloseTo(0.5, 12);
    expect(spec.at(2.5)).toBe(0);
    expect(ramped.target).toBe(0);
  });

  it('a ramp long after the previous one starts from the settled value (no jump)', () => {
    const { spec, ramped } = make(1);
    ramped.rampTo(0.5, { at: 0, rampSeconds: 0.02 });
    // A plain linearRampToValueAtTime(0.25, 10.02) would ramp from (0.02, 0.5): v(10) ≈ 0.25.
    ramped.rampTo(0.25, { at: 10, rampSeconds: 0.02 });
    expect(spec.at(10)).toBe(0.5);
    expect(spec.at(10.01)).toBeCloseTo(0.375, 12);
  });

  it('a new target in the middle of a ramp continues from where the ramp is', () => {
    const { spec, ramped } = make(0);
    ramped.rampTo(1, { at: 1, rampSeconds: 0.1 });
    const mid = spec.at(1.04);
    ramped.rampTo(-1, { at: 1.04, rampSeconds: 0.1 });
    expect(spec.at(1.04)).toBeCloseTo(mid, 12);
    expect(spec.at(1.04 + 1e-6)).toBeCloseTo(mid, 4);
    expect(spec.at(1.2)).toBe(-1);
  });

  it('its own valueAt agrees with the spec evaluation from each change on', () => {
    const { spec, ramped } = make(0.3);
    const check = (from: number): void => {
      for (let t = from; t < from + 1; t += 0.013) expect(ramped.valueAt(t)).toBeCloseTo(spec.at(t), 12);
    };
    ramped.rampTo(0.9, { at: 0.5, rampSeconds: 0.2 });
    check(0.5);
    ramped.rampTo(0.1, { at: 0.6, rampSeconds: 0.05 });
    check(0.6);
    ramped.setAt(0.7, 1);
    check(1);
    ramped.rampTo(0.2, { at: 1.5, rampSeconds: 0.3 });
    check(1.5);
    ramped.setAt(0.4, 2.1);
    ramped.rampTo(0.8, { at: 2, rampSeconds: 0.2 });
    check(2);
  });
});
