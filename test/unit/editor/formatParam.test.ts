import { describe, expect, it } from 'vitest';
import type { EnumParamSpec, NumberParamSpec } from '../../../src/graph/catalog';
import { formatEditable, formatNumberParam, formatParamValue, parseTypedNumber, stepDecimals } from '../../../src/ui/common/formatParam';

const spec = (over: Partial<NumberParamSpec>): NumberParamSpec => ({
  kind: 'number',
  key: 'k',
  label: 'K',
  help: '',
  unit: 'dB',
  min: -24,
  max: 24,
  default: 0,
  scale: 'db',
  ...over,
});

describe('formatting', () => {
  it('uses the step for decimals and a real minus sign', () => {
    expect(stepDecimals(0.1)).toBe(1);
    expect(stepDecimals(0.01)).toBe(2);
    expect(stepDecimals(1)).toBe(0);
    expect(formatNumberParam(spec({ step: 0.1 }), -6.5)).toBe('\u22126.5 dB');
    expect(formatNumberParam(spec({ step: 0.1 }), 2)).toBe('2 dB');
    expect(formatEditable(spec({ step: 0.1 }), -6.5)).toBe('-6.5');
  });

  it('shows kHz above 1000 Hz, ratios as n:1, and the off floor as −∞ dB', () => {
    expect(formatNumberParam(spec({ unit: 'Hz', min: 20, max: 20000, step: 1 }), 1250)).toBe('1.25 kHz');
    expect(formatNumberParam(spec({ unit: 'Hz', min: 20, max: 20000, step: 1 }), 12000)).toBe('12 kHz');
    expect(formatNumberParam(spec({ unit: 'Hz', min: 20, max: 20000, step: 1 }), 80)).toBe('80 Hz');
    expect(formatNumberParam(spec({ unit: ':1', min: 1, max: 20 }), 4)).toBe('4:1');
    expect(formatNumberParam(spec({ min: -100, minIsOff: true }), -100)).toBe('\u2212\u221e dB');
  });

  it('formats booleans and choices', () => {
    expect(formatParamValue({ kind: 'bool', key: 'b', label: 'B', help: '', default: false }, true)).toBe('On');
    const slope: EnumParamSpec = { kind: 'enum', key: 's', label: 'S', help: '', options: [12, 24], default: 12, unit: 'dB/oct' };
    expect(formatParamValue(slope, 24)).toBe('24 dB/oct');
  });
});

describe('reading typed numbers', () => {
  const hz = spec({ unit: 'Hz', min: 20, max: 20000 });
  it('accepts units, k multipliers, unicode minus and decimal commas', () => {
    expect(parseTypedNumber('1k', hz)).toEqual({ ok: true, value: 1000 });
    expect(parseTypedNumber('1.5 kHz', hz)).toEqual({ ok: true, value: 1500 });
    expect(parseTypedNumber(' 250 Hz ', hz)).toEqual({ ok: true, value: 250 });
    expect(parseTypedNumber('\u22123 dB', spec({}))).toEqual({ ok: true, value: -3 });
    expect(parseTypedNumber('0,5', spec({}))).toEqual({ ok: true, value: 0.5 });
    expect(parseTypedNumber('-inf', spec({ min: -100, minIsOff: true }))).toEqual({ ok: true, value: -100 });
  });

  it('refuses text that is not a number (range is checked elsewhere)', () => {
    expect(parseTypedNumber('loud', spec({}))).toEqual({ ok: false, problem: '“loud” is not a number (in dB).' });
    expect(parseTypedNumber('', spec({})).ok).toBe(false);
    expect(parseTypedNumber('1e999', spec({})).ok).toBe(false);
    expect(parseTypedNumber('99', spec({}))).toEqual({ ok: true, value: 99 });
  });
});
