/**
 * The editor's audio: one native AudioContext (unlocked by `resume()` inside the user's gesture),
 * the live engine on it, the monitor stage and the master loudness meter. Nothing is created
 * before the user asks for sound (Play, or dropping an audio file): browsers only let a page
 * start audio after a user gesture.
 */
import { LiveEngine } from '../../runtime/live';
import { LoudnessMeterNode, loadLoudnessMeter } from '../../runtime/live/worklet/loudnessMeterNode';
import { clipLibrary } from './clipLibrary';
import { patchLive } from './liveStore';
import { MonitorStage } from './monitorStage';

/** Rate of the live context: the render default (DESIGN.md), so live and CLI hear the same samples. */
export const LIVE_SAMPLE_RATE = 48_000;

/** Everything that exists once audio is on. */
export interface AudioSession {
  context: AudioContext;
  engine: LiveEngine;
  stage: MonitorStage;
  /** BS.1770 meter on the master bus (what the CLI renders, whatever is probed). */
  masterMeter: LoudnessMeterNode;
}

let pending: Promise<AudioSession> | null = null;
let session: AudioSession | null = null;
const readyListeners = new Set<(s: AudioSession) => void>();

/** The running session, or null before audio was started (for frame callbacks: no await). */
export function currentSession(): AudioSession | null {
  return session;
}

/** Runs `listener` once audio is on (at once if it already is); returns the unsubscribe function. */
export function onSessionReady(listener: (s: AudioSession) => void): () => void {
  if (session !== null) listener(session);
  readyListeners.add(listener);
  return () => readyListeners.delete(listener);
}

/**
 * Starts audio (once; later calls share the promise). Call it from a user gesture handler: the
 * context is created synchronously inside the gesture, which is what lets it run.
 */
export function ensureAudio(): Promise<AudioSession> {
  if (pending !== null) {
    // A context suspended by the browser (tab in background, device change) resumes on a gesture.
    if (session !== null && session.context.state === 'suspended') void session.context.resume();
    return pending;
  }
  patchLive({ audio: 'starting', error: null });
  let context: AudioContext;
  try {
    context = new AudioContext({ sampleRate: LIVE_SAMPLE_RATE, latencyHint: 'interactive' });
    // Resume inside the gesture's own call stack too: some browsers accept it only there.
    void context.resume();
  } catch (error) {
    return fail(error);
  }
  pending = build(context).then(
    (s) => {
      session = s;
      patchLive({ audio: 'on' });
      for (const listener of readyListeners) listener(s);
      return s;
    },
    (error: unknown) => {
      void context.close();
      return fail(error);
    },
  );
  return pending;
}

function fail(error: unknown): Promise<never> {
  pending = null;
  const message = error instanceof Error ? error.message : String(error);
  patchLive({ audio: 'error', error: `Audio could not start: ${message}` });
  return Promise.reject(error instanceof Error ? error : new Error(message));
}

async function build(context: AudioContext): Promise<AudioSession> {
  // No Tone.js here: importing it builds a second AudioContext of its own (its module-level
  // `getContext()`), probes AudioWorklet support with blob: modules and starts a blob: Worker
  // clock, which the Content-Security-Policy refuses; the editor uses none of Tone's nodes or
  // its transport, and the unlock it offered is `context.resume()` inside the gesture, done in
  // `ensureAudio`. Not waiting for that resume lets a page without a gesture still build.
  const initialClips = clipLibrary.clipsAt(context.sampleRate);
  const [engine] = await Promise.all([
    LiveEngine.create(context, { destination: null, clips: initialClips }),
    loadLoudnessMeter(context),
  ]);
  const stage = new MonitorStage(context, engine.output);
  const masterMeter = new LoudnessMeterNode(context);
  engine.masterBus.connect(masterMeter.input);
  masterMeter.connectSink(stage.sink);
  masterMeter.setEnabled(false);
  // Files dropped from now on are bound as they arrive; so are files whose decoding finished
  // while the engine was being created (after `initialClips` was taken), or they would be silent.
  const bind = (name: string) => {
    const clip = clipLibrary.clipAt(name, context.sampleRate);
    if (clip !== undefined) engine.bindClip(name, clip);
  };
  clipLibrary.onAdd(bind);
  for (const name of clipLibrary.names()) if (!(name in initialClips)) bind(name);
  return { context, engine, stage, masterMeter };
}
