import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Graph } from '../../../src/graph/types';
import { diffGraphs, DEFAULT_FADE_SECONDS, DEFAULT_PARAM_RAMP_SECONDS } from '../../../src/runtime/live/diff';
import type { LiveInstruction } from '../../../src/runtime/live/instructions';
import { graph, testLatency } from './graphBuilder';

const options = { latencyOf: testLatency };
const diff = (a: Graph | null, b: Graph): LiveInstruction[] => diffGraphs(a, b, options);
const ops = (list: LiveInstruction[]): string[] => list.map((i) => i.op);

const chain = graph(
  [
    ['src', 'source', { clip: 'demo:drums' }],
    ['eq', 'eq', { p1Gain: 3 }],
    ['verb', 'reverb'],
    ['out', 'output'],
  ],
  ['src>eq', 'eq>verb', 'verb>out'],
);

describe('live diff', () => {
  it('builds everything at once on the first update: nodes upstream first, then wires, then the master', () => {
    const list = diff(null, chain);
    expect(ops(list)).toEqual(['createNode', 'createNode', 'createNode', 'createNode', 'connect', 'connect', 'connect', 'setMaster']);
    expect(list.filter((i) => i.op === 'createNode').map((i) => (i.op === 'createNode' ? i.node.id : ''))).toEqual(['src', 'eq', 'verb', 'out']);
    for (const i of list) {
      if (i.op === 'connect') expect(i.fadeSeconds).toBe(0);
    }
  });

  it('an unchanged graph needs no instruction', () => {
    expect(diff(chain, structuredClone(chain))).toEqual([]);
  });

  it('a param change is one ramped setParam, and nothing is rebuilt', () => {
    const next = produce(chain, (g) => {
      g.nodes[1].params.p1Gain = -6;
    });
    expect(diff(chain, next)).toEqual([{ op: 'setParam', id: 'eq', key: 'p1Gain', value: -6, rampSeconds: DEFAULT_PARAM_RAMP_SECONDS }]);
  });

  it('a param set to its default still reaches the node as its resolved value', () => {
    const next = produce(chain, (g) => {
      delete g.nodes[1].params.p1Gain;
    });
    expect(diff(chain, next)).toEqual([{ op: 'setParam', id: 'eq', key: 'p1Gain', value: 0, rampSeconds: DEFAULT_PARAM_RAMP_SECONDS }]);
  });

  it('a new wire is one connect, with a crossfade', () => {
    const next = produce(chain, (g) => {
      g.edges.push({ id: 'dry', from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } });
    });
    expect(diff(chain, next)).toEqual([
      { op: 'connect', wire: { id: 'dry', from: 'src', fromPort: 0, to: 'out', toPort: 0, delay: 0 }, fadeSeconds: DEFAULT_FADE_SECONDS },
    ]);
  });

  it('removing a node disconnects its wires, then removes it; the others are untouched', () => {
    const next = produce(chain, (g) => {
      g.nodes.splice(1, 1);
      g.edges = [
        { id: 'src>verb', from: { node: 'src', port: 'out' }, to: { node: 'verb', port: 'in' } },
        { id: 'verb>out.in', from: { node: 'verb', port: 'out' }, to: { node: 'out', port: 'in' } },
      ];
    });
    const list = diff(chain, next);
    expect(ops(list)).toEqual(['disconnect', 'disconnect', 'removeNode', 'connect']);
    const disconnected = list.flatMap((i) => (i.op === 'disconnect' ? [i.wire.id] : []));
    expect(disconnected).toEqual(['src>eq.in', 'eq>verb.in']);
    expect(list[2]).toEqual({ op: 'removeNode', id: 'eq', fadeSeconds: DEFAULT_FADE_SECONDS });
    // The reverb (and its tail) is never rebuilt.
    expect(list.some((i) => i.op === 'createNode' || (i.op === 'removeNode' && i.id === 'verb'))).toBe(false);
  });

  it('adding a node builds only that node and its wires', () => {
    const next = produce(chain, (g) => {
      g.nodes.push({ id: 'pan', type: 'pan', position: { x: 0, y: 0 }, params: { pan: 0.5 } });
      g.edges.push({ id: 'p1', from: { node: 'src', port: 'out' }, to: { node: 'pan', port: 'in' } });
      g.edges.push({ id: 'p2', from: { node: 'pan', port: 'out' }, to: { node: 'out', port: 'in' } });
    });
    const list = diff(chain, next);
    expect(ops(list)).toEqual(['createNode', 'connect', 'connect']);
    expect(list[0].op === 'createNode' && list[0].node.id).toBe('pan');
  });

  it('a node whose type changes under the same id is rebuilt, with its wires', () => {
    const next = produce(chain, (g) => {
      g.nodes[1] = { id: 'eq', type: 'gain', position: { x: 0, y: 0 }, params: {} };
    });
    expect(ops(diff(chain, next))).toEqual(['disconnect', 'disconnect', 'removeNode', 'createNode', 'connect', 'connect']);
  });

  it('bypass toggles are one crossfaded setBypass each way', () => {
    const on = produce(chain, (g) => {
      g.nodes[2].bypass = true;
    });
    expect(diff(chain, on)).toEqual([{ op: 'setBypass', id: 'verb', bypass: true, fadeSeconds: DEFAULT_FADE_SECONDS }]);
    expect(diff(on, chain)).toEqual([{ op: 'setBypass', id: 'verb', bypass: false, fadeSeconds: DEFAULT_FADE_SECONDS }]);
  });

  it('a latency change updates the node, the compensation delays of the parallel path, and the master', () => {
    // drums → limiter → bus, drums → gain → bus: the dry wire into the bus waits for the limiter.
    const parallel = (lookahead: number): Graph =>
      graph(
        [
          ['d', 'source'],
          ['lim', 'limiter', { lookahead }],
          ['dry', 'gain'],
          ['bus', 'bus'],
          ['out', 'output'],
        ],
        ['d>lim', 'd>dry', 'lim>bus', 'dry>bus', 'bus>out'],
      );
    const first = diff(null, parallel(5));
    const dryWire = first.find((i) => i.op === 'connect' && i.wire.id === 'dry>bus.in');
    expect(dryWire?.op === 'connect' && dryWire.wire.delay).toBe(5 * 48);
    expect(first.at(-1)).toEqual({ op: 'setMaster', id: 'out', latency: 5 * 48, fadeSeconds: 0 });

    const list = diff(parallel(5), parallel(2));
    expect(list).toEqual([
      { op: 'setParam', id: 'lim', key: 'lookahead', value: 2, rampSeconds: DEFAULT_PARAM_RAMP_SECONDS },
      { op: 'setLatency', id: 'lim', latency: 2 * 48 },
      { op: 'setWireDelay', wire: { id: 'dry>bus.in', from: 'dry', fromPort: 0, to: 'bus', toPort: 0, delay: 2 * 48 }, fadeSeconds: DEFAULT_FADE_SECONDS },
      { op: 'setMaster', id: 'out', latency: 2 * 48, fadeSeconds: DEFAULT_FADE_SECONDS },
    ]);
  });

  it('wiring a sidechain connects it and tells the compressor its port is wired', () => {
    const base = graph(
      [
        ['a', 'source'],
        ['k', 'source', { clip: 'demo:bass' }],
        ['c', 'compressor'],
        ['out', 'output'],
      ],
      ['a>c', 'c>out'],
    );
    const created = diff(null, base).find((i) => i.op === 'createNode' && i.node.id === 'c');
    expect(created?.op === 'createNode' && created.node.inputConnected).toEqual([true, false]);
    const keyed = produce(base, (g) => {
      g.edges.push({ id: 'key', from: { node: 'k', port: 'out' }, to: { node: 'c', port: 'sidechain' } });
    });
    expect(diff(base, keyed)).toEqual([
      { op: 'connect', wire: { id: 'key', from: 'k', fromPort: 0, to: 'c', toPort: 1, delay: 0 }, fadeSeconds: DEFAULT_FADE_SECONDS },
      { op: 'setInputsConnected', id: 'c', connected: [true, true] },
    ]);
  });

  it('is deterministic whatever the order of nodes and wires in the document', () => {
    const shuffled = produce(chain, (g) => {
      g.nodes.reverse();
      g.edges.reverse();
    });
    expect(diff(null, shuffled).filter((i) => i.op !== 'connect')).toEqual(diff(null, chain).filter((i) => i.op !== 'connect'));
    expect(diff(null, shuffled).flatMap((i) => (i.op === 'connect' ? [i.wire.id] : []))).toEqual(
      diff(null, chain).flatMap((i) => (i.op === 'connect' ? [i.wire.id] : [])),
    );
  });

  it('names the nodes of a cycle instead of building it', () => {
    const loop = graph(
      [
        ['a', 'gain'],
        ['b', 'gain'],
        ['out', 'output'],
      ],
      ['a>b', 'b>a', 'b>out'],
    );
    expect(() => diff(null, loop)).toThrow(/cycle: a → b → a/);
  });
});
