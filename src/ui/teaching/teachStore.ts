/**
 * Editor state of the teaching tools (issue 16): the active snapshot slot and its level match,
 * what "What changed" compares, the nodes highlighted on the canvas, the open lesson and presenter
 * mode. Never in the document (snapshots themselves are: `graph.snapshots`).
 */
import type { SnapshotSlot } from '../../graph/types';
import type { Lesson } from '../../lessons';
import { createStore, useStoreValue } from '../store/createStore';

/** One side of a "What changed" comparison: a snapshot slot, the mix as it is, as last saved, or a built-in preset. */
export type CompareSide = SnapshotSlot | 'current' | 'saved' | `preset:${string}`;

export interface OpenLesson {
  lesson: Lesson;
  step: number;
  /** Steps whose check has passed at least once (ticked). */
  passed: readonly boolean[];
}

export interface TeachState {
  /** The slot last stored or recalled (its button is lit). */
  activeSlot: SnapshotSlot | null;
  /** Recalling a snapshot trims the speakers so every slot is heard as loud as the first measured. */
  levelMatch: boolean;
  /** Short-term loudness heard while each slot was active and unedited, LUFS. */
  slotLoudness: Readonly<Partial<Record<SnapshotSlot, number>>>;
  /** The trim applied to the speakers now, dB (0 without level match). */
  trimDb: number;
  compare: { from: CompareSide; to: CompareSide };
  /** Nodes drawn highlighted: the lesson step's, or the changes of the comparison. */
  highlight: readonly string[];
  lesson: OpenLesson | null;
  presenter: boolean;
}

export const teachStore = createStore<TeachState>({
  activeSlot: null,
  levelMatch: false,
  slotLoudness: {},
  trimDb: 0,
  compare: { from: 'A', to: 'current' },
  highlight: [],
  lesson: null,
  presenter: false,
});

export function useTeach<S>(selector: (s: TeachState) => S): S {
  return useStoreValue(teachStore, selector);
}

export function setTeach(patch: Partial<TeachState>): void {
  teachStore.set((s) => ({ ...s, ...patch }));
}
