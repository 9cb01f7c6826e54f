/**
 * `SmoothParam`: ramps on an AudioParam that always start from the param's current value.
 *
 * Web Audio's `linearRampToValueAtTime` ramps from the *previous event*, not from "now" (spec,
 * "AudioParam automation": v(t) = V0 + (V1 − V0)·(t − T0)/(T1 − T0), T0 the previous event's
 * time), so a ramp scheduled long after the last one would jump to a value near its end. Each
 * change therefore anchors the ramp with `setValueAtTime(v(at), at)`, where v(at) comes from a
 * mirror of the events scheduled here (the same formula). `cancelAndHoldAtTime` is not needed
 * (Firefox lacks it), and a new target in the middle of a ramp continues from where it is.
 */
import type { ParamTiming, SmoothParam } from '../../nodes/liveTypes';

interface ParamEvent {
  time: number;
  value: number;
  /** 'linear': the value is reached by a linear ramp from the previous event. */
  kind: 'set' | 'linear';
}

/** `SmoothParam` over one AudioParam (see the file comment). */
export class RampedParam implements SmoothParam {
  private events: ParamEvent[] = [];
  private initial: number;

  /** Sets `param.value = initial` at once (no automation event, so the engine's fast path stays on). */
  constructor(
    private readonly param: AudioParam,
    initial: number,
  ) {
    this.initial = initial;
    param.value = initial;
  }

  get target(): number {
    return this.events.length > 0 ? this.events[this.events.length - 1].value : this.initial;
  }

  /** The value at `t`, for `t` at or after the latest change (older history is pruned). */
  valueAt(t: number): number {
    let before: ParamEvent | undefined;
    for (const e of this.events) {
      if (e.time <= t) {
        before = e;
        continue;
      }
      // The first event after t: a linear ramp is under way towards it.
      if (e.kind === 'linear') {
        const t0 = before?.time ?? t;
        const v0 = before?.value ?? this.initial;
        return e.time > t0 ? v0 + ((e.value - v0) * (t - t0)) / (e.time - t0) : e.value;
      }
      break;
    }
    return before?.value ?? this.initial;
  }

  rampTo(value: number, timing: ParamTiming): void {
    const { at, rampSeconds } = timing;
    if (rampSeconds <= 0) {
      this.setAt(value, at);
      return;
    }
    const from = this.valueAt(at);
    this.cancelFrom(at);
    this.param.setValueAtTime(from, at);
    this.param.linearRampToValueAtTime(value, at + rampSeconds);
    this.events.push({ time: at, value: from, kind: 'set' }, { time: at + rampSeconds, value, kind: 'linear' });
  }

  setAt(value: number, at: number): void {
    this.cancelFrom(at);
    this.param.setValueAtTime(value, at);
    this.events.push({ time: at, value, kind: 'set' });
  }

  /** Drops events at or after `at` (as `cancelScheduledValues` does) and those long past. */
  private cancelFrom(at: number): void {
    this.param.cancelScheduledValues(at);
    const kept = this.events.filter((e) => e.time < at);
    // Only the last event before `at` still matters for values from `at` on.
    if (kept.length > 1) {
      const last = kept[kept.length - 1];
      this.initial = kept[kept.length - 2].value;
      this.events = [last];
    } else {
      this.events = kept;
    }
  }
}
