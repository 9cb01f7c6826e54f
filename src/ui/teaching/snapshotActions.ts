/**
 * Storing and recalling whole-mix snapshots from the panel, and their level match: with "Level-
 * match" on, every slot is heard as loud as the first slot that was measured, by trimming the
 * speakers (never the master, never the document or a bounce). A slot's loudness is the power mean
 * of the master's short-term loudness (EBU Tech 3341, 3 s) over all the time the slot was heard
 * active and unedited, from 3 s after it was recalled — so the more a slot is listened to, the
 * less one loud or quiet passage decides its trim.
 */
import { recallSnapshot, storeSnapshot } from '../../graph/commands';
import { SNAPSHOT_SLOTS, type SnapshotSlot } from '../../graph/types';
import { currentSession } from '../live/audioSession';
import { onFrame } from '../live/frameLoop';
import { liveStore } from '../live/liveStore';
import { dispatch } from '../store/editorActions';
import { rootGraph, editorStore } from '../store/editorState';
import { setTeach, teachStore } from './teachStore';

/** The short-term window: a reading younger than this still hears the previous slot. */
const SETTLE_MS = 3000;
/** Time constant of the trim ramp: click-free, and quicker than a listener notices. */
const TRIM_RAMP_S = 0.03;

let activeSince = 0;
let activeRevision = -1;
/** Per slot: sum of short-term power (10^(L/10)) and the number of readings summed. */
const heard = new Map<SnapshotSlot, { power: number; count: number }>();

function markActive(slot: SnapshotSlot): void {
  activeSince = performance.now();
  activeRevision = editorStore.get().history.revision;
  setTeach({ activeSlot: slot });
}

function applyTrim(db: number): void {
  setTeach({ trimDb: db });
  const session = currentSession();
  if (session === null) return;
  const gain = session.stage.speakers.gain;
  gain.setTargetAtTime(10 ** (db / 20), session.context.currentTime, TRIM_RAMP_S);
}

/** The trim that brings `slot` to the reference slot's loudness (0 while either is unmeasured). */
function trimFor(slot: SnapshotSlot): number {
  const { slotLoudness } = teachStore.get();
  const reference = SNAPSHOT_SLOTS.find((s) => slotLoudness[s] !== undefined);
  const own = slotLoudness[slot];
  if (reference === undefined || own === undefined) return 0;
  return slotLoudness[reference]! - own;
}

/** Stores the mix in `slot` (one undo step) and makes it the active slot. */
export function storeSlot(slot: SnapshotSlot): void {
  if (!dispatch(storeSnapshot(rootGraph(), slot), { root: true })) return;
  // The slot now holds a new mix: what was measured for it no longer applies.
  const { [slot]: _dropped, ...rest } = teachStore.get().slotLoudness;
  heard.delete(slot);
  setTeach({ slotLoudness: rest });
  markActive(slot);
  applyTrim(teachStore.get().levelMatch ? trimFor(slot) : 0);
}

/** Recalls `slot` (params ramp, bypasses crossfade: an ordinary edit) with its level match. */
export function recallSlot(slot: SnapshotSlot): void {
  if (!dispatch(recallSnapshot(rootGraph(), slot), { root: true })) return;
  markActive(slot);
  applyTrim(teachStore.get().levelMatch ? trimFor(slot) : 0);
}

/** Turns level matching on or off, applying or removing the trim at once. */
export function setLevelMatch(on: boolean): void {
  setTeach({ levelMatch: on });
  const slot = teachStore.get().activeSlot;
  applyTrim(on && slot !== null ? trimFor(slot) : 0);
}

/** Measures the active slot while it plays unedited; returns the stop function. */
export function followSlotLoudness(): () => void {
  return onFrame((session, now) => {
    const { activeSlot, slotLoudness } = teachStore.get();
    if (activeSlot === null || !liveStore.get().playing) return;
    if (editorStore.get().history.revision !== activeRevision || now - activeSince < SETTLE_MS) return;
    const reading = session.masterMeter.reading?.shortTermLufs ?? null;
    if (reading === null || !Number.isFinite(reading)) return;
    const sum = heard.get(activeSlot) ?? { power: 0, count: 0 };
    sum.power += 10 ** (reading / 10);
    sum.count += 1;
    heard.set(activeSlot, sum);
    const mean = 10 * Math.log10(sum.power / sum.count);
    if (slotLoudness[activeSlot] !== undefined && Math.abs(slotLoudness[activeSlot]! - mean) < 0.05) return;
    setTeach({ slotLoudness: { ...slotLoudness, [activeSlot]: mean } });
    // A slot heard for the first time gets its trim as soon as it is measured.
    const { levelMatch, trimDb } = teachStore.get();
    const trim = trimFor(activeSlot);
    if (levelMatch && Math.abs(trim - trimDb) >= 0.1) applyTrim(trim);
  });
}
