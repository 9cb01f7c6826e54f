/**
 * Checks of the LiveEngine API the editor relies on, each in an OfflineAudioContext:
 * transport position (start from a position = the offline render with that much more offset),
 * stop (silence after the fade), probe (the speakers hear the probed node), meters, and the
 * editor's audition bypass with its bypass gain (A/B in the mix).
 */
import { produce } from 'immer';
import type { Graph } from '../src/graph/types';
import { LiveEngine } from '../src/runtime/live/liveEngine';
import { burstClip } from './clips';
import { graph } from './graphs';
import { compare, renderOffline, SAMPLE_RATE, type Stereo } from './render';

export interface EngineCheckResult {
  /** Live render started at transport 1.5 s vs offline render with offset + 1.5 s, dB. */
  startFromPositionResidualDb: number;
  /** RMS after stopping (10 ms after the stop, past the fade), dBFS (−Infinity: silent). */
  afterStopRmsDb: number;
  /** RMS before stopping, dBFS. */
  beforeStopRmsDb: number;
  /** RMS while probing a node at −20 dB against the master's, dB. */
  probeRmsDb: number;
  masterRmsDb: number;
  /** Largest gain reduction a compressor reported during an offline render, dB. */
  compressorGainReductionDb: number;
  /** Largest |sample| seen by an analyser on a node after the render. */
  analyserPeak: number;
  /**
   * A source wired to the output only at 0.5 s, against the offline render of it wired from the
   * start, over the 0.5 s after the 5 ms fade-in, dB: it must play in sync with the transport.
   */
  lateWireResidualDb: number;
  /**
   * Audition bypass of a −10 dB gain node with bypass gain g = 0.5 (phase 2), off again (phase 3),
   * then gain 1 and a document bypass by `update` (phase 4), each against the offline render
   * (the input × g, the processed graph, the document-bypassed graph) after the 5 ms crossfade, dB.
   */
  auditionResidualDb: { bypassed: number; processedAgain: number; documentBypass: number; processedBefore: number };
  /** The engine's audition of a node that was auditioned, removed and added again (neutral). */
  auditionAfterReAdd: { bypass: boolean; gain: number } | undefined;
  /** The same while the node still exists, before its removal. */
  auditionBeforeRemoval: { bypass: boolean; gain: number } | undefined;
}

const clips = { burst: burstClip(SAMPLE_RATE) };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function rmsDb(s: Stereo, from: number, to: number): number {
  let sum = 0;
  for (const ch of [s.left, s.right]) for (let i = from; i < to; i++) sum += ch[i] * ch[i];
  return sum === 0 ? -Infinity : 10 * Math.log10(sum / (2 * (to - from)));
}

/** A live render where `drive` controls the engine (start etc.) instead of `start(0, 0)`. */
async function renderDriven(g: Graph, seconds: number, drive: (engine: LiveEngine, context: OfflineAudioContext) => void): Promise<Stereo> {
  const frames = Math.round(seconds * SAMPLE_RATE);
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: SAMPLE_RATE });
  const engine = await LiveEngine.create(context, { clips });
  const r = engine.update(g);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  drive(engine, context);
  const out = await context.startRendering();
  engine.dispose();
  return { left: out.getChannelData(0), right: out.getChannelData(1) };
}

export async function runEngineChecks(): Promise<EngineCheckResult> {
  const fs = SAMPLE_RATE;
  // 1. Transport position: start(0, 1.5) ≡ offset + 1.5 s.
  const looped = graph('position', [['s', 'source', { clip: 'demo:keys', offset: 2 }], ['out', 'output']], ['s>out']);
  const fromPosition = await renderDriven(looped, 1, (e) => e.start(0, 1.5));
  const shifted = produce(looped, (d) => void (d.nodes[0].params.offset = 3.5));
  const reference = await renderOffline(shifted, 1, clips);

  // 2. Stop at 0.5 s: silent once the fade is over.
  const stopped = await renderDriven(looped, 1, (e) => {
    e.start(0, 0);
    e.stop((128 * 187) / fs);
  });
  const stopFrame = 128 * 187;

  // 3. Probe: a −20 dB gain on a tone, probed from 0.25 s; the master carries the tone at 0 dB.
  const probeGraph = graph(
    'probe',
    [['t', 'tone', { wave: 'sine', freq: 440, level: -6 }], ['quiet', 'gain', { gain: -20 }], ['out', 'output']],
    ['t>quiet', 't>out'],
  );
  const probeAt = (128 * 94) / fs;
  const probed = await renderDriven(probeGraph, 0.5, (e, c) => {
    e.start(0, 0);
    void c.suspend(probeAt).then(() => {
      e.monitor('quiet');
      void c.resume();
    });
  });

  // 4. Meters: a compressor's gain reduction and an analyser on its output.
  const comp = graph('meters', [['d', 'source', { clip: 'demo:drums' }], ['c', 'compressor', { threshold: -30, ratio: 8 }], ['out', 'output']], ['d>c', 'c>out']);
  let gr = 0;
  let analyserPeak = 0;
  await renderDriven(comp, 1, (e, c) => {
    e.start(0, 0);
    const analyser = e.analyserFor('c')!;
    const data = new Float32Array(analyser.fftSize);
    for (let k = 1; k < 8; k++) {
      void c.suspend((128 * 40 * k) / fs).then(async () => {
        // Meter reports cross threads by message: give them a moment to land.
        await sleep(20);
        gr = Math.max(gr, e.gainReductionDb('c'));
        analyser.getFloatTimeDomainData(data);
        for (const v of data) analyserPeak = Math.max(analyserPeak, Math.abs(v));
        void c.resume();
      });
    }
  });

  // 5. A source wired in late plays where the transport is, not from where it was left.
  const wiredAt = 128 * 187;
  const lateGraph = graph('late', [['k', 'source', { clip: 'demo:keys' }], ['t', 'tone', { wave: 'sine', freq: 100, level: -30 }], ['out', 'output']], ['t>out']);
  const wired = produce(lateGraph, (d) => {
    d.edges.push({ id: 'k>out', from: { node: 'k', port: 'out' }, to: { node: 'out', port: 'in' } });
  });
  const late = await renderDriven(lateGraph, 1, (e, c) => {
    e.start(0, 0);
    void c.suspend(wiredAt / fs).then(() => {
      e.update(wired);
      void c.resume();
    });
  });
  const wiredReference = await renderOffline(wired, 1, clips);
  const after = wiredAt + 480;
  const slice = (x: Stereo): Stereo => ({ left: x.left.slice(after, after + fs / 2), right: x.right.slice(after, after + fs / 2) });

  // 6. Audition bypass (A/B in the mix): −10 dB gain on the keys; phases of 94 quanta each.
  const quantum = 128 * 94;
  const g = 0.5;
  const gained = graph('audition', [['k', 'source', { clip: 'demo:keys' }], ['g', 'gain', { gain: -10 }], ['out', 'output']], ['k>g', 'g>out']);
  const docBypassed = produce(gained, (d) => void (d.nodes[1].bypass = true));
  const auditioned = await renderDriven(gained, (4 * quantum) / fs, (e, c) => {
    e.start(0, 0);
    void c.suspend(quantum / fs).then(() => {
      e.setBypassGain('g', g, 0);
      e.auditionBypass('g', true);
      void c.resume();
    });
    void c.suspend((2 * quantum) / fs).then(() => {
      e.auditionBypass('g', false);
      void c.resume();
    });
    void c.suspend((3 * quantum) / fs).then(() => {
      e.setBypassGain('g', 1, 0);
      const r = e.update(docBypassed);
      if (!r.ok) throw new Error('update failed');
      void c.resume();
    });
  });
  const processedRef = await renderOffline(gained, (4 * quantum) / fs, clips);
  const inputRef = await renderOffline(docBypassed, (4 * quantum) / fs, clips);
  const scaled: Stereo = { left: inputRef.left.map((v) => v * g), right: inputRef.right.map((v) => v * g) };
  // Each phase from 10 ms after its switch (the 5 ms crossfade is over) to its end.
  const phase = (x: Stereo, k: number): Stereo => {
    const from = k * quantum + 480;
    const to = (k + 1) * quantum;
    return { left: x.left.slice(from, to), right: x.right.slice(from, to) };
  };
  const auditionResidualDb = {
    processedBefore: compare(phase(auditioned, 0), phase(processedRef, 0)).residualDb,
    bypassed: compare(phase(auditioned, 1), phase(scaled, 1)).residualDb,
    processedAgain: compare(phase(auditioned, 2), phase(processedRef, 2)).residualDb,
    documentBypass: compare(phase(auditioned, 3), phase(inputRef, 3)).residualDb,
  };

  // 7. An audition ends with its node: removed and added again, the node starts neutral.
  const bare = produce(gained, (d) => {
    d.nodes.splice(1, 1);
    d.edges = [];
  });
  const idle = new OfflineAudioContext({ numberOfChannels: 2, length: 128, sampleRate: fs });
  const reAdd = await LiveEngine.create(idle, { clips });
  reAdd.update(gained);
  reAdd.auditionBypass('g', true);
  reAdd.setBypassGain('g', 0.25);
  const auditionBeforeRemoval = reAdd.auditionFor('g');
  reAdd.update(bare);
  reAdd.update(gained);
  const auditionAfterReAdd = reAdd.auditionFor('g');
  reAdd.dispose();

  const n = fromPosition.left.length;
  return {
    auditionResidualDb,
    auditionAfterReAdd,
    auditionBeforeRemoval,
    startFromPositionResidualDb: compare(fromPosition, reference).residualDb,
    beforeStopRmsDb: rmsDb(stopped, stopFrame - 4800, stopFrame),
    afterStopRmsDb: rmsDb(stopped, stopFrame + 480, n),
    probeRmsDb: rmsDb(probed, Math.round(0.3 * fs), Math.round(0.5 * fs)),
    masterRmsDb: rmsDb(probed, Math.round(0.05 * fs), Math.round(0.25 * fs)),
    compressorGainReductionDb: gr,
    analyserPeak,
    lateWireResidualDb: compare(slice(late), slice(wiredReference)).residualDb,
  };
}


