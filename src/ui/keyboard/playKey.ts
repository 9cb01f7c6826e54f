/**
 * Space plays and pauses, as in every audio application. It stays out of the way of what Space
 * already means: typing in a field, and pressing a control (button, checkbox, menu item, canvas
 * node) that holds keyboard focus, which Space activates by the platform's convention.
 */
import { pause, play } from '../live/transport';
import { liveStore } from '../live/liveStore';
import { showNotice } from '../store/editorActions';

/** Starts playback when stopped, pauses when playing (the transport's Play/Pause button). */
export function togglePlayback(): void {
  if (liveStore.get().playing) pause();
  else play().catch(() => showNotice('error', 'Audio could not start. Check that the browser may play sound on this page.'));
}

const SPACE_ACTIVATED = 'button, [role="button"], [role="menuitem"], [role="option"], [role="switch"], [role="tab"], summary, a[href], input, select, .react-flow__node';

/** Whether Space at `target` belongs to that element (activating a control it has focus on). */
export function spaceBelongsTo(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest(SPACE_ACTIVATED) !== null;
}
