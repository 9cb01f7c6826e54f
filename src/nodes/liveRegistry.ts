/**
 * Every node type's live builder (its folder's `live.ts`), by type. The live engine looks builders
 * up here and never switches on node type; adding a node type = its folder and one line here
 * (besides `registry.ts`).
 */
import type { LiveNodeBuilder } from './liveTypes';
import { sourceLive } from './source/live';
import { toneLive } from './tone/live';
import { gainLive } from './gain/live';
import { panLive } from './pan/live';
import { widthLive } from './width/live';
import { eqLive } from './eq/live';
import { busLive } from './bus/live';
import { compressorLive } from './compressor/live';
import { limiterLive } from './limiter/live';
import { delayLive } from './delay/live';
import { reverbLive } from './reverb/live';
import { autotuneLive } from './autotune/live';
import { outputLive } from './output/live';

/** The live builders, one per node type, in the registry's order. */
export const liveBuilders: readonly LiveNodeBuilder[] = [
  sourceLive,
  toneLive,
  gainLive,
  panLive,
  widthLive,
  eqLive,
  busLive,
  compressorLive,
  limiterLive,
  delayLive,
  reverbLive,
  autotuneLive,
  outputLive,
];

const byType: ReadonlyMap<string, LiveNodeBuilder> = new Map(liveBuilders.map((b) => [b.type, b]));

/** The live builder of a node type, or undefined for a type without one. */
export function liveBuilderOf(type: string): LiveNodeBuilder | undefined {
  return byType.get(type);
}
