/**
 * The `delay` node: echoes with feedback, a darkening filter in the loop and ping-pong routing.
 * Design, equations and sources: `kernel.ts` and docs/space.md.
 */
import type { NodeDefinition } from '../types';
import {
  DELAY_MAX_FEEDBACK,
  DELAY_MAX_TIME_MS,
  DELAY_MIN_TIME_MS,
  DELAY_TONE_MIN_HZ,
  DELAY_TONE_OFF_HZ,
} from './delaySettings';
import { createDelayKernel } from './kernel';

export const delayNode: NodeDefinition = {
  type: 'delay',
  label: 'Delay',
  category: 'Space',
  help: 'Repeats the sound after a set time, each repeat quieter than the last, like an echo in a canyon.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['time', 'feedback'],
  params: [
    {
      key: 'time',
      kind: 'number',
      label: 'Time',
      unit: 'ms',
      min: DELAY_MIN_TIME_MS,
      max: DELAY_MAX_TIME_MS,
      default: 250,
      scale: 'log',
      step: 0.1,
      help: 'Time: how long after the original sound each echo arrives.',
    },
    {
      key: 'feedback',
      kind: 'number',
      label: 'Feedback',
      unit: '',
      min: 0,
      max: DELAY_MAX_FEEDBACK,
      default: 0.3,
      scale: 'linear',
      step: 0.01,
      help: 'Feedback: how loud each echo is compared with the one before, so higher values give more repeats.',
    },
    {
      key: 'mix',
      kind: 'number',
      label: 'Mix',
      unit: '',
      min: 0,
      max: 1,
      default: 0.25,
      scale: 'linear',
      step: 0.01,
      help: 'Mix: the balance between the original sound (0) and the echoes alone (1).',
    },
    {
      key: 'tone',
      kind: 'number',
      label: 'Tone',
      unit: 'Hz',
      min: DELAY_TONE_MIN_HZ,
      max: DELAY_TONE_OFF_HZ,
      default: DELAY_TONE_OFF_HZ,
      scale: 'log',
      step: 1,
      help: 'Tone: each repeat loses the treble above this frequency, so later echoes sound darker; at the maximum the echoes stay as bright as the original.',
    },
    {
      key: 'pingpong',
      kind: 'bool',
      label: 'Ping-pong',
      default: false,
      help: 'Ping-pong: the echoes bounce back and forth between the left and the right speaker.',
    },
  ],
  createKernel: (ctx, params) => createDelayKernel(ctx.sampleRate, params),
};
