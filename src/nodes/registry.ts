/**
 * Every node type Mixgraph knows. Adding a node type = one folder under `src/nodes/` and one line
 * here; nothing else in the tree names a node type.
 */
import type { Catalog } from '../graph/catalog';
import type { NodeDefinition } from './types';
import { sourceNode } from './source';
import { toneNode } from './tone';
import { gainNode } from './gain';
import { panNode } from './pan';
import { widthNode } from './width';
import { eqNode } from './eq';
import { busNode } from './bus';
import { outputNode } from './output';
import { compressorNode } from './compressor';
import { limiterNode } from './limiter';
import { delayNode } from './delay';
import { reverbNode } from './reverb';
import { autotuneNode } from './autotune';

export const nodeDefinitions: readonly NodeDefinition[] = [
  sourceNode,
  toneNode,
  gainNode,
  panNode,
  widthNode,
  eqNode,
  busNode,
  compressorNode,
  limiterNode,
  delayNode,
  reverbNode,
  autotuneNode,
  outputNode,
];

const byType: ReadonlyMap<string, NodeDefinition> = new Map(nodeDefinitions.map((d) => [d.type, d]));

/** The type of the master node; every graph has exactly one. */
export const MASTER_NODE_TYPE = outputNode.type;

/** The catalog `src/graph` validates against. */
export const catalog: Catalog = byType;

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return byType.get(type);
}
