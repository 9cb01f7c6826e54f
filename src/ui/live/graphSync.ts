/**
 * Keeps the live engine on the open document: every change of the graph in the editor store
 * (an edit, undo, a newly opened document) becomes one `engine.update(graph)`, which applies only
 * the difference — params ramp, wires fade in or out — so playback never stops for an edit. A
 * graph with errors is not sent (the engine keeps playing the last valid one, and the UI says so).
 */
import type { Graph } from '../../graph/types';
import { compile, defaultRenderSeconds } from '../../runtime/offline';
import { parseDocument } from '../../runtime/document';
import { editorStore } from '../store/editorState';
import { onlyMoved } from '../store/onlyMoved';
import type { AudioSession } from './audioSession';
import { clipLibrary } from './clipLibrary';
import { patchLive } from './liveStore';

/** Called after each applied update (the transport re-arms a pending loop for new sources). */
export type AfterUpdate = (created: boolean) => void;

/** The document as validated, or the first error's message. */
function validated(graph: Graph): { ok: true; graph: Graph } | { ok: false; message: string } {
  const parsed = parseDocument(graph);
  if (parsed.ok) return { ok: true, graph: parsed.graph };
  const first = parsed.errors[0]?.message ?? 'the graph is not valid';
  return { ok: false, message: `Live audio is still playing the last valid graph: ${first}` };
}

/** The last length worked out, reused while only node positions change (a drag). */
let lastLength: { graph: Graph; sampleRate: number; clips: string; seconds: number } | undefined;

/**
 * Programme length: the bounce's default (longest non-looping clip, else 30 s). Compiling the
 * graph on every pointer move of a drag cost tens of ms on large graphs; positions never change
 * the length, so the last answer is reused then.
 */
export function programmeSeconds(graph: Graph, sampleRate: number): number {
  const clips = clipLibrary.names().join('\n');
  if (lastLength !== undefined && lastLength.sampleRate === sampleRate && lastLength.clips === clips && (lastLength.graph === graph || onlyMoved(lastLength.graph, graph))) {
    lastLength.graph = graph;
    return lastLength.seconds;
  }
  const seconds = computeProgrammeSeconds(graph, sampleRate);
  lastLength = { graph, sampleRate, clips, seconds };
  return seconds;
}

function computeProgrammeSeconds(graph: Graph, sampleRate: number): number {
  const compiled = compile(graph);
  if (!compiled.ok) return 30;
  const clipNames = clipLibrary.names();
  return defaultRenderSeconds(compiled.plan, sampleRate, clipLibrary.clipsAt(sampleRate, clipNames));
}

/**
 * Sends the present graph and every later change to the engine. Returns the unsubscribe function.
 */
export function syncEngineWithEditor(session: AudioSession, afterUpdate: AfterUpdate): () => void {
  let last: Graph | null = null;
  const push = () => {
    const graph = editorStore.get().history.graph;
    if (graph === last) return;
    // A drag changes only positions, which the engine never hears: nothing to validate or send.
    const moved = last !== null && onlyMoved(last, graph);
    last = graph;
    if (moved) return;
    const checked = validated(graph);
    if (!checked.ok) {
      patchLive({ stale: checked.message });
      return;
    }
    const result = session.engine.update(checked.graph);
    if (!result.ok) {
      patchLive({ stale: `Live audio is still playing the last valid graph: ${result.issues[0]?.message ?? 'it cannot be built'}` });
      return;
    }
    // A probed node that is gone sends the speakers back to the master (the engine does it).
    patchLive({ stale: null, lengthSeconds: programmeSeconds(checked.graph, session.context.sampleRate), monitored: session.engine.monitored });
    afterUpdate(result.instructions.some((i) => i.op === 'createNode'));
  };
  push();
  const unsubscribeGraph = editorStore.subscribe(push);
  // A dropped clip can change the programme length (a non-looping file).
  const unsubscribeClips = clipLibrary.onAdd(() => {
    last = null;
    lastLength = undefined; // a clip replaced under the same name can change the length
    push();
  });
  return () => {
    unsubscribeGraph();
    unsubscribeClips();
  };
}
