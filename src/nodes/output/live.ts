/**
 * Live builder of the `output` (master) node: one GainNode at the master fader, 10^(gain/20),
 * ramped on a change. The engine routes its output to the speakers (see `index.ts` for the
 * master-signal convention: the node has no output ports, but it does have a signal).
 */
import type { LiveNodeBuilder } from '../liveTypes';
import { gainStageBuilder } from '../faderLive';
import { faderGain } from '../fader';
import { numberParam } from '../params';
import { outputNode } from './index';

/** Live builder of `output` (see the file comment). */
export const outputLive: LiveNodeBuilder = gainStageBuilder(outputNode.type, (params) => faderGain(numberParam(params, 'gain')));
