/**
 * One `requestAnimationFrame` loop for every meter, scope and time display. Each registers a
 * draw function that writes straight to a canvas or an element ref; nothing here touches React
 * state, so a playing graph with fifty meters does not re-render the flow sixty times a second.
 * The loop only runs while audio is on and something is registered.
 *
 * It draws at most `METER_FPS` times a second, not at the display's rate: thirty-odd meter
 * canvases redrawn sixty times a second kept the main thread busy painting (docs/
 * performance-ui.md) and clicks waited behind it. Level meters need no more (IEC 60268-18's
 * PPM integration time is 10 ms, but the eye reads a bar at ~25–30 updates per second).
 */
import { type AudioSession, currentSession } from './audioSession';
import { liveStore } from './liveStore';

/** A draw function: `now` in ms (`performance.now()` time), `session` the running audio. */
export type FrameTask = (session: AudioSession, now: number) => void;

/** Draws per second at most. */
export const METER_FPS = 30;
/** A frame this close to the next due time still draws (rAF times jitter by a millisecond or two). */
const SLACK_MS = 4;

const tasks = new Set<FrameTask>();
let handle: number | null = null;
let lastDrawn = -Infinity;

function frame(now: number): void {
  handle = null;
  const session = currentSession();
  if (session === null || tasks.size === 0) return;
  if (now - lastDrawn < 1000 / METER_FPS - SLACK_MS) {
    schedule();
    return;
  }
  lastDrawn = now;
  for (const task of tasks) {
    try {
      task(session, now);
    } catch (error) {
      // One broken meter must not stop the others (or flood the console at 60 Hz).
      tasks.delete(task);
      console.error('meter stopped:', error);
    }
  }
  schedule();
}

function schedule(): void {
  if (handle === null && tasks.size > 0 && currentSession() !== null) handle = requestAnimationFrame(frame);
}

/** Runs `task` on every animation frame while audio is on; returns the unsubscribe function. */
export function onFrame(task: FrameTask): () => void {
  tasks.add(task);
  schedule();
  return () => {
    tasks.delete(task);
  };
}

// Audio switching on starts the loop for tasks registered before it.
liveStore.subscribe(() => schedule());
