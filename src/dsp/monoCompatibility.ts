/**
 * Mono compatibility: how much quieter the programme gets when a mono playback system sums it.
 *
 * The mono sum M = (L + R)/2 is fed to both loudspeakers and measured with the same BS.1770-4
 * meter as the stereo original; the difference (mono − stereo, LU) is the drop a listener on a
 * mono device hears. Identical channels: 0 LU; unrelated channels of equal level: −3 LU (half the
 * power); one channel inverted: silence (−∞). Warning thresholds are those of the issue: a drop of
 * more than 3 LU, or a correlation that stays below 0.
 */
import { LoudnessMeter, type SampleBuffer } from './loudness';

/** A mono-sum loudness drop beyond this many LU is a warning. */
export const MONO_DROP_WARNING_LU = 3;

/** Result of {@link monoCompatibility}. */
export interface MonoCompatibility {
  /** Integrated loudness of the stereo programme, LUFS (null: silent / too short). */
  stereoLufs: number | null;
  /** Integrated loudness of the mono sum on both speakers, LUFS (null: it is silent — −∞). */
  monoLufs: number | null;
  /**
   * mono − stereo, LU; `-Infinity` when the mono sum is silent but the stereo is not (an inverted
   * pair); null when the stereo itself cannot be measured.
   */
  monoMinusStereoLu: number | null;
}

/** Mono sum (L + R)/2 of the first `frames` samples. */
export function monoSum(left: SampleBuffer, right: SampleBuffer, frames = Math.min(left.length, right.length)): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = 0.5 * (left[i] + right[i]);
  return out;
}

/** Measures the mono-sum loudness drop of a stereo programme (integrated, BS.1770-4). */
export function monoCompatibility(left: SampleBuffer, right: SampleBuffer, sampleRate: number): MonoCompatibility {
  const frames = Math.min(left.length, right.length);
  const stereo = new LoudnessMeter(sampleRate);
  stereo.push(left, right, frames);
  const mono = new LoudnessMeter(sampleRate);
  const m = monoSum(left, right, frames);
  mono.push(m, m, frames);
  const stereoLufs = stereo.result().integratedLufs;
  const monoLufs = mono.result().integratedLufs;
  const monoMinusStereoLu = stereoLufs === null ? null : monoLufs === null ? -Infinity : monoLufs - stereoLufs;
  return { stereoLufs, monoLufs, monoMinusStereoLu };
}

/**
 * Warnings for a mono-compatibility reading, one sentence each (empty when fine).
 * @param dropLu mono − stereo loudness, LU (−∞ for a silent mono sum; null unknown).
 * @param correlation mean or smoothed correlation (null unknown).
 */
export function monoWarnings(dropLu: number | null, correlation: number | null): string[] {
  const warnings: string[] = [];
  if (dropLu === -Infinity) warnings.push('the mono sum is silent: the channels cancel (one is inverted)');
  else if (dropLu !== null && dropLu < -MONO_DROP_WARNING_LU) {
    warnings.push(`summed to mono the programme drops ${(-dropLu).toFixed(1)} LU (more than ${MONO_DROP_WARNING_LU} LU)`);
  }
  if (correlation !== null && correlation < 0) {
    warnings.push(`the correlation is below 0 (${correlation.toFixed(2)}): the channels are out of phase`);
  }
  return warnings;
}
