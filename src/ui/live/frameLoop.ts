/**
 * One `requestAnimationFrame` loop for every meter, scope and time display. Each registers a
 * draw function that writes straight to a canvas or an element ref; nothing here touches React
 * state, so a playing graph with fifty meters does not re-render the flow sixty times a second.
 * The loop only runs while audio is on and something is registered.
 */
import { type AudioSession, currentSession } from './audioSession';
import { liveStore } from './liveStore';

/** A draw function: `now` in ms (`performance.now()` time), `session` the running audio. */
export type FrameTask = (session: AudioSession, now: number) => void;

const tasks = new Set<FrameTask>();
let handle: number | null = null;

function frame(now: number): void {
  handle = null;
  const session = currentSession();
  if (session === null || tasks.size === 0) return;
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
