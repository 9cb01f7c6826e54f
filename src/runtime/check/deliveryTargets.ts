/**
 * Delivery targets of `mixgraph check`: the loudness each platform normalises to, its true-peak
 * ceiling, and — the part platforms document least — whether it turns quiet masters UP.
 *
 * Assumptions (docs/translation.md, "Delivery targets"): these are the published targets as of
 * writing and the usual reading of each platform's loudness-normalisation notes; platforms change
 * them, and users can switch normalisation off.
 *  - Spotify (−14 LUFS, −1 dBTP): turns down; turns up only as far as the true peak stays at the
 *    ceiling (its "normal" setting applies no limiter).
 *  - Apple Music (−16, −1): Sound Check turns down and up, assumed peak-limited like Spotify.
 *  - YouTube (−14, −1) and Amazon Music (−14, −2): turn loud masters down, never quiet ones up.
 *  - EBU R 128 broadcast (−23, −1) and podcast (−16, −1, the common Apple Podcasts / AES TD1004
 *    recommendation): the delivered file is normalised to the target both ways by a plain gain.
 */

/** How a platform applies its normalisation gain. */
export type GainPolicy = 'up-and-down' | 'down-only' | 'up-to-ceiling';

/** One delivery target. */
export interface DeliveryTarget {
  id: string;
  name: string;
  /** Integrated loudness the platform normalises to, LUFS. */
  targetLufs: number;
  /** Highest true peak the platform accepts after its gain, dBTP. */
  ceilingDbtp: number;
  policy: GainPolicy;
}

export const DELIVERY_TARGETS: readonly DeliveryTarget[] = [
  { id: 'spotify', name: 'Spotify', targetLufs: -14, ceilingDbtp: -1, policy: 'up-to-ceiling' },
  { id: 'apple-music', name: 'Apple Music', targetLufs: -16, ceilingDbtp: -1, policy: 'up-to-ceiling' },
  { id: 'youtube', name: 'YouTube', targetLufs: -14, ceilingDbtp: -1, policy: 'down-only' },
  { id: 'amazon', name: 'Amazon Music', targetLufs: -14, ceilingDbtp: -2, policy: 'down-only' },
  { id: 'ebu-r128', name: 'EBU R128 broadcast', targetLufs: -23, ceilingDbtp: -1, policy: 'up-and-down' },
  { id: 'podcast', name: 'Podcast', targetLufs: -16, ceilingDbtp: -1, policy: 'up-and-down' },
];

/** What one platform would do to a master. */
export interface TargetVerdict {
  id: string;
  name: string;
  targetLufs: number;
  ceilingDbtp: number;
  policy: GainPolicy;
  /** target − integrated, dB: the gain that would bring the master exactly to the target. */
  normalizationGainDb: number;
  /** The gain the platform applies under its policy, dB. */
  appliedGainDb: number;
  /** Loudness the listener gets, LUFS. */
  playbackLufs: number;
  /** True peak after the applied gain, dBTP (null when the master has no measurable peak). */
  truePeakAfterDbtp: number | null;
  /** True peak after the gain is at or below the ceiling. */
  passesCeiling: boolean;
  /** One sentence for the reader. */
  note: string;
}

/**
 * The verdict of one target for a master of `integratedLufs` and `truePeakDbtp`.
 * Gains are rounded by nothing: appliedGain = normalizationGain except where the policy caps it.
 */
export function targetVerdict(target: DeliveryTarget, integratedLufs: number, truePeakDbtp: number | null): TargetVerdict {
  const gain = target.targetLufs - integratedLufs;
  let applied = gain;
  let note: string;
  if (gain <= 0) {
    note = gain === 0 ? 'already at the target' : `turned down ${(-gain).toFixed(1)} dB`;
  } else if (target.policy === 'down-only') {
    applied = 0;
    note = `does not turn quiet masters up: plays ${gain.toFixed(1)} LU below the target`;
  } else if (target.policy === 'up-to-ceiling' && truePeakDbtp !== null && truePeakDbtp + gain > target.ceilingDbtp) {
    applied = Math.max(0, target.ceilingDbtp - truePeakDbtp);
    note = `turned up only ${applied.toFixed(1)} dB (peaks reach the ceiling): plays ${(gain - applied).toFixed(1)} LU below the target`;
  } else {
    note = `turned up ${gain.toFixed(1)} dB`;
  }
  const truePeakAfterDbtp = truePeakDbtp === null ? null : truePeakDbtp + applied;
  // 0.005 dB: the reported peak is printed to 0.01 dB; a peak exactly at the ceiling passes.
  const passesCeiling = truePeakAfterDbtp === null || truePeakAfterDbtp <= target.ceilingDbtp + 0.005;
  if (!passesCeiling) note += `; true peak ${truePeakAfterDbtp!.toFixed(1)} dBTP is over the ${target.ceilingDbtp} dBTP ceiling`;
  return {
    id: target.id,
    name: target.name,
    targetLufs: target.targetLufs,
    ceilingDbtp: target.ceilingDbtp,
    policy: target.policy,
    normalizationGainDb: gain,
    appliedGainDb: applied,
    playbackLufs: integratedLufs + applied,
    truePeakAfterDbtp,
    passesCeiling,
    note,
  };
}
