/**
 * Reverberation time ↔ loop gain.
 *
 * A recirculating delay of d samples with loop gain g loses 20·log10(1/g) dB every d/fs
 * seconds. Asking for a 60 dB loss in T seconds gives
 *
 *   g = 10^(−3·d / (T·fs))
 *
 * (M. R. Schroeder, "Natural sounding artificial reverberation", JAES 10(3), 1962; J.-M. Jot &
 * A. Chaigne, "Digital delay networks for designing artificial reverberators", AES 90th
 * Convention, 1991, eq. for the absorbent gains). Giving every loop its own g from its own d
 * makes all loops decay at the same rate, so the reverb's RT60 is T whatever the loop lengths —
 * that is, whatever the room size and the sample rate.
 */

/**
 * Loop gain for a reverberation time.
 * @param delaySamples d, the loop's delay in samples (> 0).
 * @param rt60Seconds T, the time to decay by 60 dB, in s (> 0).
 * @param sampleRate fs in Hz.
 * @returns g ∈ (0, 1).
 */
export function loopGainForRt60(delaySamples: number, rt60Seconds: number, sampleRate: number): number {
  return Math.pow(10, (-3 * delaySamples) / (rt60Seconds * sampleRate));
}
