/**
 * The `compressor` node: turns loud passages down so the level varies less, optionally keyed by
 * another signal (sidechain) and blended with the dry signal (parallel compression).
 * Design, equations and measurements: docs/dynamics.md.
 */
import type { NodeDefinition } from '../types';
import { createCompressorKernel } from './kernel';
import { COMPRESSOR_DETECTORS } from './settings';
import { staticCurve } from './staticCurve';
import { compressorSettings } from './settings';

export { staticCurve, staticCurvePoints, type CurvePoints, type CurveSettings } from './staticCurve';
export { compressorSettings, RMS_WINDOW_SECONDS, type CompressorSettings } from './settings';
export { CompressorKernel } from './kernel';

export const compressorNode: NodeDefinition = {
  type: 'compressor',
  label: 'Compressor',
  category: 'Dynamics',
  help: 'Turns the signal down when it gets louder than the threshold, making loud and quiet parts closer in level.',
  inputs: [
    { id: 'in', label: 'In' },
    { id: 'sidechain', label: 'Sidechain', optional: true },
  ],
  outputs: [{ id: 'out', label: 'Out' }],
  mainInput: 0,
  summaryParams: ['threshold', 'ratio'],
  visual: {
    kind: 'transferCurve',
    outputDb: (params, inputDb) => staticCurve(compressorSettings(params), inputDb),
    rangeDb: [-60, 0],
  },
  params: [
    {
      key: 'threshold',
      kind: 'number',
      label: 'Threshold',
      unit: 'dB',
      min: -60,
      max: 0,
      default: -18,
      scale: 'db',
      step: 0.1,
      help: 'Threshold: the level above which the compressor starts turning the signal down.',
    },
    {
      key: 'ratio',
      kind: 'number',
      label: 'Ratio',
      unit: ':1',
      min: 1,
      max: 20,
      default: 4,
      scale: 'linear',
      step: 0.1,
      help: 'Ratio: how strongly a signal over the threshold is turned down (at 4:1, 4 dB over the threshold comes out 1 dB over).',
    },
    {
      key: 'knee',
      kind: 'number',
      label: 'Knee',
      unit: 'dB',
      min: 0,
      max: 24,
      default: 6,
      scale: 'linear',
      step: 0.1,
      help: 'Knee: how gently compression fades in around the threshold; 0 dB switches it on abruptly (a hard knee).',
    },
    {
      key: 'attack',
      kind: 'number',
      label: 'Attack',
      unit: 'ms',
      min: 0.1,
      max: 200,
      default: 10,
      scale: 'log',
      step: 0.1,
      help: 'Attack: how quickly the compressor turns the signal down once it goes over the threshold.',
    },
    {
      key: 'release',
      kind: 'number',
      label: 'Release',
      unit: 'ms',
      min: 10,
      max: 2000,
      default: 150,
      scale: 'log',
      step: 1,
      help: 'Release: how quickly the compressor lets the level come back up after the signal falls below the threshold.',
    },
    {
      key: 'makeup',
      kind: 'number',
      label: 'Makeup',
      unit: 'dB',
      min: 0,
      max: 24,
      default: 0,
      scale: 'db',
      step: 0.1,
      help: 'Makeup: extra gain after compression to win back the level that compression took away.',
    },
    {
      key: 'mix',
      kind: 'number',
      label: 'Mix',
      unit: '',
      min: 0,
      max: 1,
      default: 1,
      scale: 'linear',
      step: 0.01,
      help: 'Mix: blend between the untouched signal (0) and the compressed one (1); in between is parallel compression.',
    },
    {
      key: 'detector',
      kind: 'enum',
      label: 'Detector',
      options: COMPRESSOR_DETECTORS,
      default: 'peak',
      help: 'Detector: "peak" reacts to the level of every sample, "rms" to the average power over the last 10 ms, which is closer to how loud it sounds.',
    },
    {
      key: 'link',
      kind: 'bool',
      label: 'Stereo link',
      default: true,
      help: 'Stereo link: when on, both channels are turned down together so the stereo image does not shift; when off, each channel is compressed on its own.',
    },
  ],
  createKernel: (ctx, params) => createCompressorKernel(ctx, params),
};
