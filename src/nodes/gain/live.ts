/**
 * Live builder of the `gain` node: one GainNode at s·m·10^(gain/20) (see `kernel.ts`), ramped
 * linearly on a change, so a fader move, a polarity flip or a mute glides instead of clicking.
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { LiveNodeBuilder } from '../liveTypes';
import { gainStageBuilder } from '../faderLive';
import { faderGain } from '../fader';
import { boolParam, numberParam } from '../params';
import { gainNode } from './index';

/** The linear factor of the kernel: 0 when muted, negative when inverted. */
function factor(params: ResolvedParams): number {
  if (boolParam(params, 'mute')) return 0;
  return (boolParam(params, 'invert') ? -1 : 1) * faderGain(numberParam(params, 'gain'));
}

/** Live builder of `gain` (see the file comment). */
export const gainLive: LiveNodeBuilder = gainStageBuilder(gainNode.type, factor);
