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
/**
 * How long before the due time the wait for the next frame ends: half a frame at 60 Hz, so the
 * frame request lands in the display frame the draw is due in and not one later.
 */
const WAKE_EARLY_MS = 8;

const tasks = new Set<FrameTask>();
/** The pending frame request, or the pending timer that will make it. */
let handle: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
/** `performance.now()` of the last draw (not the frame's timestamp: see `schedule`). */
let lastDrawn = -Infinity;

function frame(now: number): void {
  handle = null;
  const session = currentSession();
  if (session === null || tasks.size === 0) return;
  lastDrawn = performance.now();
  for (const task of tasks) {
    try {
      task(session, now);
    } catch (error) {
      // One broken meter must not stop the others (or flood the console 30 times a second).
      tasks.delete(task);
      console.error('meter stopped:', error);
    }
  }
  schedule();
}

/**
 * Asks for the frame the next draw is due in. Between draws it waits on a timer rather than on
 * frame requests: a `requestAnimationFrame` that draws nothing still runs a whole main frame
 * (style, prepaint, layerize and a commit to the compositor), and asking every display frame ran
 * 60 of them a second for 30 draws (8 % of the main thread while the demo plays, docs/
 * performance-ui.md, fifth round). The rate is kept on `performance.now()`: a frame requested
 * from the timer can carry the timestamp of the display frame before the request (Chromium passes
 * the frame's begin time, measured 13 ms stale), so comparing timestamps skipped every other such
 * frame and brought the waste back.
 */
function schedule(): void {
  if (handle !== null || timer !== null || tasks.size === 0 || currentSession() === null) return;
  const wait = lastDrawn + 1000 / METER_FPS - WAKE_EARLY_MS - performance.now();
  if (wait <= 0) {
    handle = requestAnimationFrame(frame);
    return;
  }
  timer = setTimeout(() => {
    timer = null;
    schedule();
  }, wait);
}

/** Runs `task` on every drawn frame (at most `METER_FPS` a second) while audio is on; returns the unsubscribe function. */
export function onFrame(task: FrameTask): () => void {
  tasks.add(task);
  schedule();
  return () => {
    tasks.delete(task);
  };
}

// Audio switching on starts the loop for tasks registered before it.
liveStore.subscribe(() => schedule());
