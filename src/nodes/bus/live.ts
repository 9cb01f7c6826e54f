/**
 * Live builder of the `bus` node: the engine already sums every wire into the input port (Web
 * Audio sums connections into an input); the bus is one GainNode at m·10^(gain/20), ramped on a
 * change.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { LiveNodeBuilder } from '../liveTypes';
import { gainStageBuilder } from '../faderLive';
import { faderGain } from '../fader';
import { boolParam, numberParam } from '../params';
import { busNode } from './index';

function factor(params: ResolvedParams): number {
  return boolParam(params, 'mute') ? 0 : faderGain(numberParam(params, 'gain'));
}

/** Live builder of `bus` (see the file comment). */
export const busLive: LiveNodeBuilder = gainStageBuilder(busNode.type, factor);
