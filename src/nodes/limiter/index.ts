/**
 * The `limiter` node: a true-peak brickwall limiter for the end of a master chain. Its output's
 * true peak (ITU-R BS.1770-4 Annex 2; 4× oversampled with a parabolic refinement) stays under the
 * ceiling, judged by the ideal band-limited reconstruction: for any material with `bandLimit` on
 * (the default: the signal is low-passed, flat to 20 kHz, so the detector sees exactly what
 * leaves), for material up to 20 kHz with it off.
 * Design, equations, latency and measurements: docs/dynamics.md.
 */
import type { NodeDefinition } from '../types';
import { createLimiterKernel } from './kernel';
import { limiterSettings } from './settings';

export { LimiterKernel, CEILING_MARGIN_DB } from './kernel';
export { limiterSettings, type LimiterSettings } from './settings';
export { limiterLatencySamples, MIN_RAMP_SECONDS } from './timing';

export const limiterNode: NodeDefinition = {
  type: 'limiter',
  label: 'Limiter',
  category: 'Dynamics',
  help: 'Stops the signal from ever going above the ceiling, turning down only the peaks that would.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['ceiling', 'inputGain'],
  visual: {
    kind: 'transferCurve',
    // Steady state: the input gain is added, then nothing passes the ceiling.
    outputDb: (params, inputDb) => {
      const s = limiterSettings(params);
      return Math.min(inputDb + s.inputGain, s.ceiling);
    },
    rangeDb: [-30, 0],
  },
  params: [
    {
      key: 'ceiling',
      kind: 'number',
      label: 'Ceiling',
      unit: 'dBTP',
      min: -12,
      max: 0,
      default: -1,
      scale: 'db',
      step: 0.1,
      help: 'Ceiling: the highest level the output may reach, measured as true peak including the peaks between samples.',
    },
    {
      key: 'release',
      kind: 'number',
      label: 'Release',
      unit: 'ms',
      min: 1,
      max: 1000,
      default: 60,
      scale: 'log',
      step: 1,
      help: 'Release: how quickly the level comes back up after a peak has been turned down.',
    },
    {
      key: 'lookahead',
      kind: 'number',
      label: 'Lookahead',
      unit: 'ms',
      min: 0,
      max: 10,
      default: 5,
      scale: 'linear',
      step: 0.1,
      help: 'Lookahead: how early the limiter starts turning down before a peak arrives; longer is smoother but delays the sound a little more.',
    },
    {
      key: 'inputGain',
      kind: 'number',
      label: 'Input gain',
      unit: 'dB',
      min: 0,
      max: 24,
      default: 0,
      scale: 'db',
      step: 0.1,
      help: 'Input gain: how much to turn the signal up before limiting, to make it louder without going over the ceiling.',
    },
    {
      key: 'bandLimit',
      kind: 'bool',
      label: 'Band limit',
      default: true,
      help: 'Band limit: when on, filters out everything above 20 kHz (inaudible) so that even harsh full-band material cannot go over the ceiling between samples; when off, the sound passes untouched below the ceiling, but the ceiling is only guaranteed for material up to 20 kHz.',
    },
  ],
  createKernel: (ctx, params) => createLimiterKernel(ctx, params),
};
