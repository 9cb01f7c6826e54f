/**
 * The `tone` node: test signals for teaching and for tests — steady tones, noise and a sweep.
 *
 * What `level` means depends on the wave (A = 10^(level/20)):
 *  - sine, square, saw, sweep: the **peak** is `level` dBFS. Square and saw are band-limited
 *    (no harmonic at or above Nyquist) and normalised so the highest peak of the waveform,
 *    Gibbs overshoot included, is exactly `level`: the output never exceeds it.
 *  - white, pink: the **RMS** is `level` dBFS (white is uniform, so its peaks are 4.8 dB higher;
 *    pink peaks vary).
 * `freq` sets the pitch of sine, square and saw; noise and the sweep (always 20 Hz → 20 kHz,
 * logarithmic, 10 s, repeating) ignore it.
 */
import type { NodeDefinition } from '../types';
import { TONE_MAX_HZ, TONE_MIN_HZ, TONE_WAVES, createToneKernel } from './kernel';

export const toneNode: NodeDefinition = {
  type: 'tone',
  label: 'Test tone',
  category: 'Sources',
  help:
    'Makes a test signal: a steady sine, square or saw at a chosen pitch, white or pink noise, or a sweep from 20 Hz to 20 kHz every 10 seconds; its level is the peak for tones and the sweep, the average (RMS) for noise.',
  inputs: [],
  outputs: [{ id: 'out', label: 'Out' }],
  summaryParams: ['wave', 'freq', 'level'],
  params: [
    {
      key: 'wave',
      kind: 'enum',
      label: 'Wave',
      options: TONE_WAVES,
      default: 'sine',
      help: 'Wave: a pure tone (sine), buzzy tones (square, saw), hiss with equal energy per hertz (white) or per octave (pink), or a sweep through every pitch we can hear.',
    },
    {
      key: 'freq',
      kind: 'number',
      label: 'Frequency',
      unit: 'Hz',
      min: TONE_MIN_HZ,
      max: TONE_MAX_HZ,
      default: 1000,
      scale: 'log',
      step: 1,
      help: 'Frequency: the pitch of the sine, square or saw in cycles per second; noise and the sweep ignore it.',
    },
    {
      key: 'level',
      kind: 'number',
      label: 'Level',
      unit: 'dBFS',
      min: -80,
      max: 0,
      default: -18,
      scale: 'db',
      step: 0.1,
      help: 'Level: how loud the signal is below full scale — the highest peak for sine, square, saw and sweep, the average (RMS) level for white and pink noise.',
    },
  ],
  createKernel: (ctx, params) => createToneKernel(ctx, params),
};
