/**
 * What the editor calls a node of the flattened graph (the live engine's ids), and which nodes
 * feed it there: A/B and the probe act on these ids inside module instances (docs/modules.md).
 */
import { describe, expect, it } from 'vitest';
import { flatNodeName } from '../../../src/graph/modules/flatNodeName';
import { catalog } from '../../../src/nodes/registry';
import { parseDocument } from '../../../src/runtime/document';
import { liveMainInputs } from '../../../src/ui/live/liveInputs';
import demoMix from '../../../presets/demo-mix.json';

const parsed = parseDocument(demoMix);
if (!parsed.ok) throw new Error('demo-mix does not parse');
const demo = parsed.graph;

describe('flatNodeName', () => {
  it('names a node inside an instance by the instance label › the inner label, like the breadcrumb', () => {
    expect(flatNodeName(demo, catalog, 'vocals/comp')).toBe('Vocals strip › Compressor');
    expect(flatNodeName(demo, catalog, 'keys/pan')).toBe('Keys strip › Pan');
  });
  it('names a top-level node by its label, and gives back an id that names nothing', () => {
    expect(flatNodeName(demo, catalog, 'keys-verb-send')).toBe('Keys → reverb');
    expect(flatNodeName(demo, catalog, 'vocals/nothing')).toBe('vocals/nothing');
    expect(flatNodeName(demo, catalog, 'nothing')).toBe('nothing');
  });
});

describe('liveMainInputs', () => {
  it('a send fed by a channel strip is fed, in the flattened mix, by the node behind the strip’s output', () => {
    expect(liveMainInputs(demo, 'keys-verb-send')).toEqual(['keys/pan']);
  });
  it('a node inside an instance is fed by the inner node before it; the first inner node by the track outside', () => {
    expect(liveMainInputs(demo, 'vocals/comp')).toEqual(['vocals/eq']);
    expect(liveMainInputs(demo, 'vocals/eq')).toEqual(['src-vocals']);
  });
});
