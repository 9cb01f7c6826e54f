/**
 * The probe: listen to any node's output (or a wire, which carries its source node's output)
 * instead of the master, and see its spectrum — the way to hear what one stage does. The engine's
 * `monitor(id)` switches the speakers with a short crossfade; the master meter keeps measuring the
 * master. Probing ends any A/B comparison (one thing is heard at a time).
 */
import { currentSession } from './audioSession';
import { endAb } from './abCompare';
import { liveStore, patchLive } from './liveStore';
import { startAudio } from './transport';

/** Hears `nodeId`'s output (null: back to the master). Starts audio if needed (a gesture). */
export async function probe(nodeId: string | null): Promise<void> {
  if (nodeId === null && currentSession() === null) return;
  await startAudio();
  const session = currentSession();
  if (session === null) return;
  endAb();
  session.engine.monitor(nodeId);
  patchLive({ monitored: session.engine.monitored });
}

/** Probes `nodeId`, or returns to the master when it is already probed. */
export function toggleProbe(nodeId: string): Promise<void> {
  return probe(liveStore.get().monitored === nodeId ? null : nodeId);
}
