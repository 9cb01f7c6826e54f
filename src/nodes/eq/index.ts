/**
 * The `eq` node: a channel EQ built from Web Audio BiquadFilterNode formulas — a switchable
 * high-pass, a low shelf, three peaking bands, a high shelf and a switchable low-pass, in that
 * order. With every gain at 0 dB and both pass filters off it is an exact identity.
 * (Not `Tone.EQ3`, whose crossovers notch about −17 dB even when all bands are at 0 dB.)
 */
import type { NumberParamSpec, ParamSpec } from '../../graph/catalog';
import type { NodeDefinition } from '../types';
import { EQ_SLOPES, eqMagnitudeDb } from './eqSections';
import { createEqKernel } from './kernel';

function frequency(key: string, label: string, min: number, max: number, value: number, help: string): NumberParamSpec {
  return { key, kind: 'number', label, unit: 'Hz', min, max, default: value, scale: 'log', step: 1, help };
}

function bandGain(key: string, label: string, help: string): NumberParamSpec {
  return { key, kind: 'number', label, unit: 'dB', min: -24, max: 24, default: 0, scale: 'linear', step: 0.1, help };
}

function peakQ(key: string, label: string): NumberParamSpec {
  return {
    key,
    kind: 'number',
    label,
    unit: '',
    min: 0.1,
    max: 18,
    default: 1,
    scale: 'log',
    step: 0.01,
    help: `${label}: how narrow the band is; a high Q changes only a thin slice of frequencies, a low Q a broad range.`,
  };
}

function peakBand(n: 1 | 2 | 3, defaultHz: number): ParamSpec[] {
  return [
    frequency(`p${n}Freq`, `Band ${n} frequency`, 20, 20000, defaultHz, `Band ${n} frequency: the centre of the range of frequencies this band boosts or cuts.`),
    bandGain(`p${n}Gain`, `Band ${n} gain`, `Band ${n} gain: how much the frequencies around the centre are boosted (positive) or cut (negative).`),
    peakQ(`p${n}Q`, `Band ${n} Q`),
  ];
}

/** Definition of the `eq` node type (ports, params, kernel factory). */
export const eqNode: NodeDefinition = {
  type: 'eq',
  label: 'EQ',
  category: 'EQ',
  help: 'Shapes the tone by boosting or cutting ranges of frequencies, from deep bass to bright treble.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: [],
  visual: {
    kind: 'frequencyResponse',
    magnitudeDb: eqMagnitudeDb,
    handles: [
      { label: 'High-pass', frequencyParam: 'hpFreq', enableParam: 'hpOn' },
      { label: 'Low shelf', frequencyParam: 'lsFreq', gainParam: 'lsGain' },
      { label: 'Band 1', frequencyParam: 'p1Freq', gainParam: 'p1Gain' },
      { label: 'Band 2', frequencyParam: 'p2Freq', gainParam: 'p2Gain' },
      { label: 'Band 3', frequencyParam: 'p3Freq', gainParam: 'p3Gain' },
      { label: 'High shelf', frequencyParam: 'hsFreq', gainParam: 'hsGain' },
      { label: 'Low-pass', frequencyParam: 'lpFreq', enableParam: 'lpOn' },
    ],
  },
  params: [
    {
      key: 'hpOn',
      kind: 'bool',
      label: 'High-pass on',
      default: false,
      help: 'High-pass on: switches on the filter that removes rumble and bass below its frequency.',
    },
    frequency('hpFreq', 'High-pass frequency', 20, 2000, 80, 'High-pass frequency: below this frequency the sound is progressively removed.'),
    {
      key: 'hpSlope',
      kind: 'enum',
      label: 'High-pass slope',
      options: EQ_SLOPES,
      default: 12,
      unit: 'dB/oct',
      help: 'High-pass slope: how steeply the bass is removed, in decibels for every halving of frequency.',
    },
    frequency('lsFreq', 'Low shelf frequency', 20, 1000, 120, 'Low shelf frequency: below about this frequency the low shelf raises or lowers everything.'),
    bandGain('lsGain', 'Low shelf gain', 'Low shelf gain: how much all the bass below the shelf frequency is boosted or cut.'),
    ...peakBand(1, 250),
    ...peakBand(2, 1000),
    ...peakBand(3, 4000),
    frequency('hsFreq', 'High shelf frequency', 1000, 20000, 8000, 'High shelf frequency: above about this frequency the high shelf raises or lowers everything.'),
    bandGain('hsGain', 'High shelf gain', 'High shelf gain: how much all the treble above the shelf frequency is boosted or cut.'),
    {
      key: 'lpOn',
      kind: 'bool',
      label: 'Low-pass on',
      default: false,
      help: 'Low-pass on: switches on the filter that removes hiss and treble above its frequency.',
    },
    frequency('lpFreq', 'Low-pass frequency', 1000, 20000, 18000, 'Low-pass frequency: above this frequency the sound is progressively removed.'),
    {
      key: 'lpSlope',
      kind: 'enum',
      label: 'Low-pass slope',
      options: EQ_SLOPES,
      default: 12,
      unit: 'dB/oct',
      help: 'Low-pass slope: how steeply the treble is removed, in decibels for every doubling of frequency.',
    },
  ],
  createKernel: (ctx, params) => createEqKernel(ctx.sampleRate, ctx.maxBlockSize, params),
};
