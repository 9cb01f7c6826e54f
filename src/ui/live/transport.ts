/**
 * Play / pause / stop / seek / loop. The live engine plays every source in sync, counting whole
 * frames (`engine.start(at, from)`); this controller adds what a player needs on top: a loop over
 * the programme (restart scheduled on the audio clock just ahead of the loop point), stopping at
 * the end when not looping, and the position for the time display (read per frame, not stored in
 * React state).
 */
import { type AudioSession, currentSession, ensureAudio } from './audioSession';
import { syncEngineWithEditor } from './graphSync';
import { liveStore, patchLive } from './liveStore';
import { TransportModel } from './transportModel';

/** How often the loop/end check runs, ms (well inside the lookahead). */
const TICK_MS = 25;

const model = new TransportModel();
let timer: ReturnType<typeof setInterval> | null = null;
let synced: AudioSession | null = null;

/** The audio session with the engine following the document (started on first use). */
async function liveSession(): Promise<AudioSession> {
  const session = await ensureAudio();
  if (synced !== session) {
    synced = session;
    syncEngineWithEditor(session, (created) => {
      model.length = liveStore.get().lengthSeconds;
      // Sources built during the lookahead started from the old anchor: hand them the loop too.
      const loopAt = model.pendingLoop;
      if (created && loopAt !== null && loopAt > session.context.currentTime) session.engine.start(loopAt, 0);
    });
    model.length = liveStore.get().lengthSeconds;
  }
  return session;
}

/** Starts audio if needed (a gesture) and makes the engine follow the document, without playing. */
export async function startAudio(): Promise<void> {
  await liveSession();
}

/** Transport position now, s (0 before audio starts). */
export function transportPosition(): number {
  const session = currentSession();
  return session === null ? model.positionAt(0) : model.positionAt(session.context.currentTime);
}

/** Plays from the present position (from 0 when at the end). Call from a user gesture. */
export async function play(): Promise<void> {
  const session = await liveSession();
  if (model.playing) return;
  const now = session.context.currentTime;
  let from = model.positionAt(now);
  if (from >= model.length) from = 0;
  // Integrated loudness and LRA count from the start of the programme (or the Reset button).
  if (from === 0) session.masterMeter.reset();
  session.masterMeter.setEnabled(true);
  session.engine.start(now, from);
  model.start(now, from);
  patchLive({ playing: true });
  startTimer(session);
}

/** Stops and keeps the position. */
export function pause(): void {
  const session = currentSession();
  if (session === null || !model.playing) return;
  // A loop restart already handed to the audio clock cannot be taken back (a tone's gate is an
  // AudioParam event): pausing inside the lookahead stops just after the loop point instead.
  const loopAt = model.pendingLoop;
  const now = session.context.currentTime;
  const at = loopAt !== null && loopAt > now ? loopAt + 2 / session.context.sampleRate : now;
  session.engine.stop(at);
  model.stop(at);
  session.masterMeter.setEnabled(false);
  patchLive({ playing: false });
  stopTimer();
}

/** Stops and returns to the start. */
export function stop(): void {
  pause();
  seek(0);
}

/** Moves to `seconds` (clamped to the programme); while playing, playback jumps there. */
export function seek(seconds: number): void {
  const target = Math.min(Math.max(0, seconds), model.length);
  const session = currentSession();
  if (session !== null && model.playing) {
    const now = session.context.currentTime;
    session.engine.start(now, target);
    model.start(now, target);
  } else {
    session?.engine.seek(target);
    model.moveTo(target);
  }
}

/** Loops over the programme (true) or stops at its end. */
export function setLoop(on: boolean): void {
  model.loop = on;
  patchLive({ loop: on });
}

function startTimer(session: AudioSession): void {
  stopTimer();
  timer = setInterval(() => tick(session), TICK_MS);
}

function stopTimer(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
}

function tick(session: AudioSession): void {
  const now = session.context.currentTime;
  const action = model.next(now);
  if (action.kind === 'scheduleLoop') {
    session.engine.start(action.at, action.from);
    model.loopScheduled(action.at);
  } else if (action.kind === 'stopAtEnd') {
    session.engine.stop(action.at);
    model.stop(action.at);
    session.masterMeter.setEnabled(false);
    patchLive({ playing: false });
    stopTimer();
  }
}

/** The model, for tests and the time display. */
export function transportModel(): Readonly<TransportModel> {
  return model;
}
