/**
 * Mute and solo: monitoring states of the live engine, like probe and A/B. They are never part
 * of the document, a share link, the autosave or a bounce (docs/editor.md, "Mute and solo").
 * Whenever they, the document or the audio session change, the engine is told which wires to
 * silence (`silencedWires`), and it ramps them (no clicks).
 */
import { flatDocument } from './liveInputs';
import { monitorableIds, silencedFlatWires } from '../../graph/modules/monitoring';
import { catalog } from '../../nodes/registry';
import { createStore, useStoreValue } from '../store/createStore';
import { editorStore } from '../store/editorState';
import { currentSession, onSessionReady } from './audioSession';

/** Muted and soloed node ids: flat ids (`vox/comp` inside the opened instance `vox`; docs/modules.md). */
export interface MuteSoloState {
  muted: readonly string[];
  soloed: readonly string[];
}

/** The mute/solo store. */
export const muteSoloStore = createStore<MuteSoloState>({ muted: [], soloed: [] });

const toggled = (list: readonly string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

/** Mutes or unmutes a node. */
export function toggleMute(id: string): void {
  muteSoloStore.set((s) => ({ ...s, muted: toggled(s.muted, id) }));
}

/** Solos or unsolos a node; solos add (several soloed nodes are heard together). */
export function toggleSolo(id: string): void {
  muteSoloStore.set((s) => ({ ...s, soloed: toggled(s.soloed, id) }));
}

/** Ends every mute and solo. */
export function clearMuteSolo(): void {
  muteSoloStore.set({ muted: [], soloed: [] });
}

/** Whether `id` is muted / soloed, for a component (booleans, so only that node re-renders). */
export function useMuteSolo(id: string): { muted: boolean; soloed: boolean; anySolo: boolean } {
  const muted = useStoreValue(muteSoloStore, (s) => s.muted.includes(id));
  const soloed = useStoreValue(muteSoloStore, (s) => s.soloed.includes(id));
  const anySolo = useStoreValue(muteSoloStore, (s) => s.soloed.length > 0);
  return { muted, soloed, anySolo };
}

let lastGraph = editorStore.get().history.graph;
let lastState = muteSoloStore.get();

function apply(): void {
  const engine = currentSession()?.engine;
  if (engine === undefined) return;
  const { muted, soloed } = muteSoloStore.get();
  engine.setSilencedWires(silencedFlatWires(editorStore.get().history.graph, catalog, new Set(muted), new Set(soloed)));
}

// Deleted nodes leave mute and solo (an undo that brings one back does not re-mute it).
editorStore.subscribe(() => {
  const graph = editorStore.get().history.graph;
  if (graph === lastGraph) return;
  lastGraph = graph;
  const s = muteSoloStore.get();
  if (s.muted.length + s.soloed.length === 0) return;
  const flat = flatDocument(graph);
  const ids = flat !== null ? monitorableIds(flat) : new Set(graph.nodes.map((n) => n.id));
  if (s.muted.some((id) => !ids.has(id)) || s.soloed.some((id) => !ids.has(id))) {
    muteSoloStore.set({ muted: s.muted.filter((id) => ids.has(id)), soloed: s.soloed.filter((id) => ids.has(id)) });
  } else if (s.muted.length + s.soloed.length > 0) {
    apply(); // new or removed wires change what solo silences
  }
});
muteSoloStore.subscribe(() => {
  const s = muteSoloStore.get();
  if (s === lastState) return;
  lastState = s;
  apply();
});
onSessionReady(() => apply());
