/** The UI transport model: positions, the loop handed to the engine ahead of time, the end. */
import { describe, expect, it } from 'vitest';
import { LOOP_LOOKAHEAD_SECONDS, TransportModel } from '../../../src/ui/live/transportModel';

describe('TransportModel', () => {
  it('counts from the start point and keeps the position when stopped', () => {
    const m = new TransportModel();
    m.length = 10;
    m.start(100, 2);
    expect(m.positionAt(101.5)).toBeCloseTo(3.5, 12);
    m.stop(103);
    expect(m.playing).toBe(false);
    expect(m.positionAt(500)).toBeCloseTo(5, 12);
    m.moveTo(7);
    expect(m.positionAt(0)).toBe(7);
  });

  it('schedules the loop restart within the lookahead, exactly at the loop point, and counts on from 0 there', () => {
    const m = new TransportModel();
    m.length = 10;
    m.start(50, 4); // the loop point is at context time 50 + (10 − 4) = 56
    expect(m.next(55)).toEqual({ kind: 'none' });
    const action = m.next(56 - LOOP_LOOKAHEAD_SECONDS / 2);
    expect(action).toEqual({ kind: 'scheduleLoop', at: 56, from: 0 });
    m.loopScheduled(56);
    // Before the loop point the display keeps counting up to the length, then restarts at 0.
    expect(m.positionAt(55.99)).toBeCloseTo(9.99, 9);
    expect(m.positionAt(56.25)).toBeCloseTo(0.25, 9);
    expect(m.next(55.99)).toEqual({ kind: 'none' });
    // Once past it, the next loop is 10 s later.
    expect(m.next(56.5)).toEqual({ kind: 'none' });
    expect(m.next(66 - 0.01)).toEqual({ kind: 'scheduleLoop', at: 66, from: 0 });
  });

  it('stops at the end when not looping, and loops at once when the position is already past the end', () => {
    const m = new TransportModel();
    m.length = 10;
    m.loop = false;
    m.start(0, 9.95);
    const end = m.next(0);
    expect(end.kind).toBe('stopAtEnd');
    if (end.kind === 'stopAtEnd') expect(end.at).toBeCloseTo(0.05, 12);
    const late = new TransportModel();
    late.length = 4; // the graph got shorter than the position
    late.start(10, 6);
    expect(late.next(10.5)).toEqual({ kind: 'scheduleLoop', at: 10.5, from: 0 });
  });
});
