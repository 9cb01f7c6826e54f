/**
 * `window.__mixgraphTest`, for the end-to-end tests only: installed when the page URL has a
 * `test` query parameter (`/?test`). It records what the editor plays and measures it with the
 * CLI's BS.1770 meter, reports the transport and the render counts. Nothing here runs otherwise.
 */
import { measureLoudness } from '../../dsp/loudness';
import type { LoudnessReading } from '../../runtime/live/worklet/loudnessMeterProtocol';
import { currentSession } from './audioSession';
import { liveStore } from './liveStore';
import { loadRecorder, recordNode } from './recorderNode';
import { renderCounts } from './renderCount';
import { seek, transportPosition } from './transport';
import type { PlayoutStats } from '../monitor/codecPreviewProtocol';

/** What `record` measured. */
export interface RecordedLevels {
  integratedLufs: number | null;
  momentaryLufs: number | null;
  truePeakDbtp: number | null;
  /** RMS of both channels, dBFS. */
  rmsDb: number;
  /** Longest run of exact digital silence, s (a stop or a dropout would show here). */
  longestSilenceSeconds: number;
  /** Transport position when the recording started and ended, s. */
  fromPosition: number;
  toPosition: number;
  playingThroughout: boolean;
}

/** The hooks' interface (see the file comment). */
export interface MixgraphTestHooks {
  state(): { audio: string; playing: boolean; position: number; contextState: string | null; monitored: string | null; ab: unknown; masterLatencySamples: number };
  renders(): Record<string, number>;
  /** Records `seconds` of the speakers ('speakers', what is heard) or the master bus ('master'). */
  record(seconds: number, point?: 'speakers' | 'master'): Promise<RecordedLevels>;
  masterReading(): LoudnessReading | null;
  /** The engine's audition of a node (A/B: bypass auditioned, bypass gain), null without audio. */
  audition(nodeId: string): { bypass: boolean; gain: number } | null;
  /** Moves the transport (as the position slider does). */
  seek(seconds: number): void;
  /** The codec preview's playout stats (null: never switched on). */
  codecStats(): PlayoutStats | null;
}

function levels(left: Float32Array, right: Float32Array, sampleRate: number): Omit<RecordedLevels, 'fromPosition' | 'toPosition' | 'playingThroughout'> {
  const loudness = measureLoudness(left, right, sampleRate);
  let sum = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < left.length; i++) {
    sum += left[i] * left[i] + right[i] * right[i];
    run = left[i] === 0 && right[i] === 0 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return {
    integratedLufs: loudness.integratedLufs,
    momentaryLufs: loudness.momentaryLufs,
    truePeakDbtp: loudness.truePeakDbtp,
    rmsDb: 10 * Math.log10(sum / (2 * left.length) || 1e-30),
    longestSilenceSeconds: longest / sampleRate,
  };
}

const hooks: MixgraphTestHooks = {
  state() {
    const s = currentSession();
    const live = liveStore.get();
    return {
      audio: live.audio,
      playing: live.playing,
      position: transportPosition(),
      contextState: s?.context.state ?? null,
      monitored: live.monitored,
      ab: live.ab,
      masterLatencySamples: s?.engine.masterLatencySamples ?? 0,
    };
  },
  renders: renderCounts,
  audition(nodeId) {
    return currentSession()?.engine.auditionFor(nodeId) ?? null;
  },
  async record(seconds, point = 'speakers') {
    const s = currentSession();
    if (s === null) throw new Error('audio is off: click Play first');
    await loadRecorder(s.context);
    const fromPosition = transportPosition();
    let playingThroughout = liveStore.get().playing;
    const unsubscribe = liveStore.subscribe(() => {
      if (!liveStore.get().playing) playingThroughout = false;
    });
    try {
      const recording = await recordNode(point === 'master' ? s.engine.masterBus : s.stage.speakers, s.stage.sink, seconds);
      return { ...levels(recording.left, recording.right, s.context.sampleRate), fromPosition, toPosition: transportPosition(), playingThroughout };
    } finally {
      unsubscribe();
    }
  },
  masterReading: () => currentSession()?.masterMeter.reading ?? null,
  seek,
  codecStats: () => currentSession()?.stage.monitor.preview?.stats ?? null,
};

declare global {
  interface Window {
    __mixgraphTest?: MixgraphTestHooks;
  }
}

/** Installs the hooks when the URL asks for them (`?test`); returns the uninstall function. */
export function installTestHooks(): () => void {
  if (!new URLSearchParams(window.location.search).has('test')) return () => {};
  window.__mixgraphTest = hooks;
  return () => {
    delete window.__mixgraphTest;
  };
}
