/**
 * The parity cases: every node type alone (fed by a demo stem or a test tone, with non-trivial
 * params), bypass with and without latency, and every built-in preset.
 */
import type { Graph } from '../src/graph/types';
import { parseDocument } from '../src/runtime/document';
import { builtInPresets } from '../src/runtime/presets';
import { alone, graph } from './graphs';

export interface ParityCase {
  name: string;
  graph: Graph;
  /** Rendered length, s. */
  seconds: number;
}

const toneCase = (wave: string, freq: number, level: number): ParityCase => ({
  name: `tone ${wave}`,
  seconds: 2,
  graph: graph(`tone ${wave}`, [['t', 'tone', { wave, freq, level }], ['out', 'output']], ['t>out']),
});

function nodeCases(): ParityCase[] {
  const cases: ParityCase[] = [
    {
      name: 'source demo, offset, loop wrap',
      seconds: 3,
      graph: graph('source', [['src', 'source', { clip: 'demo:drums', gain: -3, offset: 14.5 }], ['out', 'output']], ['src>out']),
    },
    {
      name: 'source file, once',
      seconds: 2,
      graph: graph('file once', [['src', 'source', { clip: 'file:burst', loop: false, offset: 0.2, gain: 2 }], ['out', 'output']], ['src>out']),
    },
    {
      name: 'source file, loop',
      seconds: 2,
      graph: graph('file loop', [['src', 'source', { clip: 'file:burst', loop: true, offset: 0.5 }], ['out', 'output']], ['src>out']),
    },
    toneCase('sine', 440, -12),
    toneCase('square', 110, -10),
    toneCase('saw', 220, -10),
    toneCase('white', 1000, -20),
    toneCase('pink', 1000, -20),
    toneCase('sweep', 1000, -6),
    { name: 'gain', seconds: 2, graph: alone('gain', 'drums', 'gain', { gain: -4.5, invert: true }) },
    { name: 'pan left', seconds: 2, graph: alone('pan', 'keys', 'pan', { pan: -0.6 }) },
    { name: 'pan right', seconds: 2, graph: alone('pan', 'lead', 'pan', { pan: 0.35 }) },
    { name: 'width wide', seconds: 2, graph: alone('width', 'keys', 'width', { width: 1.7 }) },
    { name: 'width narrow', seconds: 2, graph: alone('width', 'keys', 'width', { width: 0.3 }) },
    {
      name: 'eq bands',
      seconds: 3,
      graph: alone('eq', 'vocals', 'eq', {
        lsFreq: 150, lsGain: 3, p1Freq: 400, p1Gain: -4, p1Q: 2, p2Freq: 2000, p2Gain: 2.5, p3Freq: 5000, p3Gain: -3, p3Q: 4, hsFreq: 9000, hsGain: 2,
      }),
    },
    {
      name: 'eq pass filters',
      seconds: 3,
      graph: alone('eq', 'drums', 'eq', { hpOn: true, hpFreq: 150, hpSlope: 24, lpOn: true, lpFreq: 6000, lpSlope: 12 }),
    },
    {
      name: 'bus',
      seconds: 2,
      graph: graph('bus', [['d', 'source', { clip: 'demo:drums' }], ['b', 'source', { clip: 'demo:bass' }], ['bus', 'bus', { gain: -2.5 }], ['out', 'output']], ['d>bus', 'b>bus', 'bus>out']),
    },
    {
      name: 'compressor',
      seconds: 3,
      graph: alone('comp', 'drums', 'compressor', { threshold: -28, ratio: 6, knee: 6, attack: 3, release: 120, makeup: 4, mix: 0.85 }),
    },
    {
      name: 'compressor rms unlinked',
      seconds: 3,
      graph: alone('comp', 'keys', 'compressor', { threshold: -30, ratio: 3, detector: 'rms', link: false, attack: 10, release: 200 }),
    },
    {
      name: 'compressor sidechain',
      seconds: 3,
      graph: graph(
        'sidechain',
        [['bass', 'source', { clip: 'demo:bass' }], ['kick', 'source', { clip: 'demo:drums' }], ['duck', 'compressor', { threshold: -30, ratio: 8, attack: 1, release: 120 }], ['out', 'output']],
        ['bass>duck', 'kick>duck.sidechain', 'duck>out'],
      ),
    },
    {
      name: 'limiter',
      seconds: 3,
      graph: graph(
        'limiter',
        [['d', 'source', { clip: 'demo:drums' }], ['b', 'source', { clip: 'demo:bass' }], ['bus', 'bus'], ['lim', 'limiter', { inputGain: 10, ceiling: -1, release: 60, lookahead: 5 }], ['out', 'output']],
        ['d>bus', 'b>bus', 'bus>lim', 'lim>out'],
      ),
    },
    {
      name: 'limiter + parallel dry (compensation)',
      seconds: 3,
      graph: graph(
        'compensation',
        [['d', 'source', { clip: 'demo:drums' }], ['lim', 'limiter', { inputGain: 8, lookahead: 3 }], ['dry', 'gain', { gain: -6 }], ['sum', 'bus'], ['out', 'output']],
        ['d>lim', 'd>dry', 'lim>sum', 'dry>sum', 'sum>out'],
      ),
    },
    { name: 'delay', seconds: 3, graph: alone('delay', 'lead', 'delay', { time: 180, feedback: 0.55, mix: 0.4, tone: 5000 }) },
    { name: 'delay ping-pong', seconds: 3, graph: alone('delay', 'keys', 'delay', { time: 333, feedback: 0.4, mix: 0.5, pingpong: true }) },
    { name: 'reverb', seconds: 3, graph: alone('reverb', 'vocals', 'reverb', { decay: 2.5, predelay: 30, damping: 6000, size: 0.8, mix: 0.35 }) },
    { name: 'autotune', seconds: 3, graph: alone('autotune', 'vocals-offkey', 'autotune', { key: 'A', scale: 'minor', speed: 40, humanize: 0.2, formant: false, mix: 0.9 }) },
    { name: 'output gain', seconds: 2, graph: graph('output', [['d', 'source', { clip: 'demo:drums' }], ['out', 'output', { gain: -6 }]], ['d>out']) },
    { name: 'eq bypassed', seconds: 2, graph: alone('bypass', 'drums', 'eq', { p1Gain: 6, hpOn: true }, true) },
    {
      name: 'limiter bypassed (latency kept)',
      seconds: 2,
      graph: graph(
        'bypass latency',
        [['d', 'source', { clip: 'demo:drums' }], ['lim', 'limiter', { inputGain: 8, lookahead: 4 }, true], ['dry', 'gain', { gain: -3 }], ['sum', 'bus'], ['out', 'output']],
        ['d>lim', 'd>dry', 'lim>sum', 'dry>sum', 'sum>out'],
      ),
    },
  ];
  return cases;
}

function presetCases(): ParityCase[] {
  return builtInPresets.map((p) => {
    const parsed = parseDocument(p.document);
    if (!parsed.ok) throw new Error(`preset ${p.name}: ${parsed.errors.map((e) => e.message).join('; ')}`);
    return { name: `preset ${p.name}`, graph: parsed.graph, seconds: 4 };
  });
}

export function parityCases(): ParityCase[] {
  return [...nodeCases(), ...presetCases()];
}
