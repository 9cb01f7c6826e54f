import { describe, expect, it } from 'vitest';
import {
  auditionsAfterUpdate,
  bypassHeard,
  bypassLevels,
  checkBypassGain,
  isNeutral,
  MAX_BYPASS_GAIN,
  type Audition,
  type BypassState,
} from '../../../src/runtime/live/bypassMix';

describe('bypassLevels: wet/dry of a node shell', () => {
  it('follows the document alone when there is no audition (offline semantics: wet 0, dry 1)', () => {
    expect(bypassLevels({ document: false, audition: false, gain: 1 })).toEqual({ wet: 1, dry: 0 });
    expect(bypassLevels({ document: true, audition: false, gain: 1 })).toEqual({ wet: 0, dry: 1 });
  });

  it('an audition bypass is heard like a document bypass, at the bypass gain', () => {
    const g = 10 ** (-16 / 20);
    expect(bypassLevels({ document: false, audition: true, gain: g })).toEqual({ wet: 0, dry: g });
    expect(bypassLevels({ document: true, audition: true, gain: g })).toEqual({ wet: 0, dry: g });
  });

  it('the bypass gain never touches the processed (wet) path', () => {
    for (const gain of [0, 0.1, 1, 3.7, MAX_BYPASS_GAIN]) {
      expect(bypassLevels({ document: false, audition: false, gain })).toEqual({ wet: 1, dry: 0 });
    }
  });

  it('ending an audition keeps a document bypass made meanwhile', () => {
    const s: BypassState = { document: false, audition: true, gain: 1 };
    s.document = true; // the user bypasses the node in the document while auditioning
    s.audition = false; // A/B ends
    expect(bypassHeard(s)).toBe(true);
    expect(bypassLevels(s)).toEqual({ wet: 0, dry: 1 });
  });

  it('wet and dry never sum above the larger of 1 and g (no doubled signal)', () => {
    for (const document of [false, true]) {
      for (const audition of [false, true]) {
        const l = bypassLevels({ document, audition, gain: 0.5 });
        expect(l.wet === 0 || l.dry === 0).toBe(true);
      }
    }
  });
});

describe('checkBypassGain', () => {
  it('accepts 0…+24 dB as a linear factor', () => {
    expect(checkBypassGain('n', 0)).toBe(0);
    expect(checkBypassGain('n', 1)).toBe(1);
    expect(MAX_BYPASS_GAIN).toBeCloseTo(Math.pow(10, 1.2), 12);
    expect(checkBypassGain('n', MAX_BYPASS_GAIN)).toBe(MAX_BYPASS_GAIN);
  });

  it('refuses NaN, ±Infinity, negative and too large gains, naming the node', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, -0.001, MAX_BYPASS_GAIN * 1.001]) {
      expect(() => checkBypassGain('vocal-comp', bad)).toThrow(RangeError);
      expect(() => checkBypassGain('vocal-comp', bad)).toThrow(/node "vocal-comp"/);
    }
  });
});

describe('auditionsAfterUpdate', () => {
  const auditions = new Map<string, Audition>([
    ['kept', { bypass: true, gain: 0.5 }],
    ['gone', { bypass: true, gain: 2 }],
    ['retyped', { bypass: false, gain: 0.25 }],
  ]);
  const exists = (id: string): boolean => id !== 'gone';

  it('drops auditions of removed nodes and re-applies those of rebuilt ones', () => {
    const r = auditionsAfterUpdate(auditions, exists, new Set(['retyped', 'brand-new']));
    expect(r.drop).toEqual(['gone']);
    expect(r.reapply).toEqual(['retyped']);
  });

  it('does nothing for an update that neither removes nor rebuilds an auditioned node', () => {
    expect(auditionsAfterUpdate(auditions, () => true, new Set())).toEqual({ drop: [], reapply: [] });
  });

  it('a neutral audition (not bypassed, unity gain) is the default and can be forgotten', () => {
    expect(isNeutral({ bypass: false, gain: 1 })).toBe(true);
    expect(isNeutral({ bypass: true, gain: 1 })).toBe(false);
    expect(isNeutral({ bypass: false, gain: 0.5 })).toBe(false);
  });
});
