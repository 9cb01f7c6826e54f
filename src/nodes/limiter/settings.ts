/**
 * Typed view of the limiter's resolved params. Params arrive validated against the spec in
 * `index.ts`; a wrong type here means the spec and the kernel disagree, so it throws a TypeError
 * naming the param.
 */
import type { ResolvedParams } from '../../graph/catalog';
import { boolParam, numberParam } from '../params';

/** Limiter params in their units (see `index.ts` for ranges). */
export interface LimiterSettings {
  /** Highest true peak allowed at the output, dBTP. */
  ceiling: number;
  /** τ_R of the exponential gain recovery, ms. */
  release: number;
  /** How early the gain starts to fall before a peak, ms. */
  lookahead: number;
  /** Gain applied before limiting, dB. */
  inputGain: number;
  /** Low-pass the signal (flat to 0.4535·fs) so the true peak holds for full-band material too. */
  bandLimit: boolean;
}

/** Reads resolved params into typed settings. @throws TypeError naming the param. */
export function limiterSettings(params: ResolvedParams): LimiterSettings {
  return {
    ceiling: numberParam(params, 'ceiling'),
    release: numberParam(params, 'release'),
    lookahead: Math.max(0, numberParam(params, 'lookahead')),
    inputGain: numberParam(params, 'inputGain'),
    bandLimit: boolParam(params, 'bandLimit'),
  };
}
