/**
 * ITU-R BS.1770-4 / EBU R 128 loudness metering: K-weighting, momentary / short-term /
 * integrated loudness, loudness range (EBU Tech 3342), true peak and sample peak.
 */
export { kWeightingCoefficients, KWeightingFilter, type KWeightingCoefficients } from './kWeighting';
export {
  LoudnessMeter,
  METER_TICK_SECONDS,
  type LoudnessMeterOptions,
  type LoudnessResult,
  type SampleBuffer,
} from './meter';
export { measureLoudness } from './measure';
export { defaultChannelWeights, energyToLufs, lufsToEnergy, ABSOLUTE_GATE_LUFS, LOUDNESS_OFFSET_DB } from './units';
export { integratedLoudness, RELATIVE_GATE_LU } from './integrated';
export { loudnessRange } from './loudnessRange';
export { LoudnessHistogram } from './histogram';
