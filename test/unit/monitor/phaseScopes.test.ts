/** The monitor panel's per-frame correlation and mono readout against their definitions. */
import { describe, expect, it } from 'vitest';
import { monoReadout, newScopeState, scopeCorrelation, scopeMonoDrop, updateScope } from '../../../src/ui/monitor/phaseScopes';

const tone = (n: number, sign = 1) => Float32Array.from({ length: n }, (_, i) => sign * 0.5 * Math.sin(i * 0.0287));

describe('phase scopes', () => {
  it('identical pair: +1 and 0 dB; inverted pair: −1 and −∞ with a warning', () => {
    const a = tone(2048);
    const same = newScopeState();
    updateScope(same, a, a, 1000);
    expect(scopeCorrelation(same)).toBeCloseTo(1, 9);
    expect(scopeMonoDrop(same)).toBeCloseTo(0, 9);
    const inv = newScopeState();
    updateScope(inv, a, tone(2048, -1), 1000);
    expect(scopeCorrelation(inv)).toBeCloseTo(-1, 9);
    expect(scopeMonoDrop(inv)).toBe(-Infinity);
    expect(monoReadout(-Infinity, -1)).toEqual({ text: 'Mono: −∞ dB — the channels cancel', warn: true });
  });

  it('one channel only: mono is (L/2)² over (L²/2): −3 dB; silence reads "–"', () => {
    const a = tone(2048);
    const s = newScopeState();
    updateScope(s, a, new Float32Array(2048), 1000);
    expect(scopeMonoDrop(s)).toBeCloseTo(10 * Math.log10(0.5), 9);
    expect(scopeCorrelation(s)).toBeNull();
    expect(monoReadout(null, null).text).toBe('Mono: –');
    expect(monoReadout(-4, 0.5).warn).toBe(true);
    expect(monoReadout(-1, 0.5).warn).toBe(false);
  });
});
