import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { parseDocument } from '../../../src/runtime/document';
import { builtInPresets } from '../../../src/runtime/presets';
import { compile } from '../../../src/runtime/offline/compile';
import { OfflineEngine } from '../../../src/runtime/offline/engine';
import { createLatencyProbe } from '../../../src/runtime/live/latencyProbe';
import { liveState } from '../../../src/runtime/live/liveState';
import { TransportClock } from '../../../src/runtime/live/transport';
import { graph, testLatency } from './graphBuilder';

const probe = () => createLatencyProbe({ sampleRate: 48000 });

describe('live state', () => {
  it('plans the same latencies as the offline engine for every built-in preset', () => {
    for (const preset of builtInPresets) {
      const parsed = parseDocument(preset.document);
      if (!parsed.ok) throw new Error(preset.name);
      const compiled = compile(parsed.graph);
      if (!compiled.ok) throw new Error(preset.name);
      const engine = new OfflineEngine(compiled.plan, { sampleRate: 48000, maxBlockSize: 128 });
      const state = liveState(parsed.graph, { latencyOf: probe() });
      expect(state.masterLatency, preset.name).toBe(engine.masterLatency);
      for (const [id, latency] of Object.entries(engine.latencies())) expect(state.nodes.get(id)?.latency, `${preset.name} ${id}`).toBe(latency);
    }
  });

  it('delays every wire so all inputs of a node arrive together', () => {
    // a → l1(48) → l2(96) → m, a → m, a → l1 → m: arrivals 0, 48, 144 into m.
    const g = graph(
      [
        ['a', 'source'],
        ['l1', 'limiter', { lookahead: 1 }],
        ['l2', 'limiter', { lookahead: 2 }],
        ['m', 'bus'],
        ['out', 'output'],
      ],
      ['a>l1', 'l1>l2', 'l2>m', 'a>m', 'l1>m', 'm>out'],
    );
    const s = liveState(g, { latencyOf: testLatency });
    const delay = (id: string): number => s.wires.get(id)!.delay;
    expect(delay('l2>m.in')).toBe(0);
    expect(delay('l1>m.in')).toBe(96);
    expect(delay('a>m.in')).toBe(144);
    expect(s.masterLatency).toBe(144);
  });

  it('keeps nodes that do not reach the master, without changing the timing of those that do', () => {
    const g = graph(
      [
        ['a', 'source'],
        ['out', 'output'],
      ],
      ['a>out'],
    );
    const withIsland = produce(g, (d) => {
      d.nodes.push({ id: 'lonely', type: 'limiter', position: { x: 0, y: 0 }, params: { lookahead: 9 } });
      d.edges.push({ id: 'x', from: { node: 'a', port: 'out' }, to: { node: 'lonely', port: 'in' } });
    });
    const s = liveState(withIsland, { latencyOf: testLatency });
    expect(s.nodes.has('lonely')).toBe(true);
    expect(s.masterLatency).toBe(0);
    expect(s.wires.get('a>out.in')!.delay).toBe(0);
  });

  it('has no master without exactly one output node', () => {
    const none = graph([['a', 'source']], []);
    expect(liveState(none, { latencyOf: testLatency }).master).toBeNull();
  });
});

describe('transport clock', () => {
  it('counts whole frames from where it started, and keeps the position when stopped', () => {
    const t = new TransportClock(48000);
    expect(t.positionAt(5)).toBe(0);
    t.start(1, 480);
    expect(t.positionAt(1.5)).toBe(480 + 24000);
    t.stop(2);
    expect(t.positionAt(9)).toBe(480 + 48000);
    t.moveTo(100);
    t.start(3, t.positionAt(3));
    expect(t.positionAt(3.001)).toBe(100 + 48);
  });
});
