/**
 * The one bounce that may run at a time, outside any component: the dialog can be closed while the
 * worker renders (the editor stays usable), the toolbar shows the progress, and the result waits
 * for the dialog to be opened again. The WAV is downloaded as soon as it is ready.
 */
import { resolveParams } from '../../graph/catalog';
import type { Graph } from '../../graph/types';
import { getNodeDefinition } from '../../nodes/registry';
import { type BounceHandle, type BounceResult, startBounce } from '../../runtime/bounce/bounceClient';
import type { BounceOptions } from '../../runtime/bounce/protocol';
import { clipLibrary } from '../live/clipLibrary';
import { downloadBlob, fileNameFor } from '../persistence/download';
import { createStore, useStoreValue } from '../store/createStore';
import { showNotice } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import { formatReading } from '../meters/LoudnessReadouts';
import { resetCheckJob, startCheckJob } from './checkJob';

/** Where the bounce is. */
export type BounceJob =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number; options: BounceOptions; fileName: string }
  | { kind: 'finished'; result: BounceResult; options: BounceOptions; fileName: string };

/** The bounce job store. */
export const bounceJob = createStore<BounceJob>({ kind: 'idle' });

/** Reads the job in a component. */
export function useBounceJob(): BounceJob {
  return useStoreValue(bounceJob, (s) => s);
}

let handle: BounceHandle | null = null;
/** Whether the dialog is showing (a finished bounce then says so there, not in a notice). */
let dialogOpen = false;

/** The dialog tells the job whether it is on screen. */
export function setBounceDialogOpen(open: boolean): void {
  dialogOpen = open;
}

/** The `file:` clips the open graph uses, at `sampleRate` (the bounce needs them at its rate). */
function clipsFor(sampleRate: number) {
  return clipsForGraph(currentGraph(), sampleRate);
}

/** The `file:` clips `graph` uses, at `sampleRate` (any offline render in a worker needs them). */
export function clipsForGraph(graph: Graph, sampleRate: number) {
  const names = new Set<string>();
  for (const node of graph.nodes) {
    const definition = getNodeDefinition(node.type);
    if (definition === undefined) continue;
    for (const name of definition.clipsUsed?.(resolveParams(definition, node.params)) ?? []) names.add(name);
  }
  return clipLibrary.clipsAt(sampleRate, names);
}

/** Starts rendering the open graph with `options` (the worker validates it like any import). */
export function startBounceJob(options: BounceOptions): void {
  if (bounceJob.get().kind === 'running') return;
  const graph = currentGraph();
  const fileName = fileNameFor(graph.name, '.wav');
  bounceJob.set({ kind: 'running', fraction: 0, options, fileName });
  resetCheckJob();
  const job = startBounce(graph, options, clipsFor(options.sampleRate), (fraction) =>
    bounceJob.set((s) => (s.kind === 'running' ? { ...s, fraction } : s)),
  );
  handle = job;
  void job.result.then((result) => {
    if (handle !== job) return;
    handle = null;
    if (result.status === 'done') {
      downloadBlob(fileName, result.wav);
      // The translation report of the file just made (`mixgraph check`, in a worker).
      startCheckJob(result.wav, fileName);
    }
    bounceJob.set({ kind: 'finished', result, options, fileName });
    if (!dialogOpen && result.status === 'done') {
      showNotice('info', `Bounced ${fileName}: ${formatReading(result.report.loudness.integratedLufs)} LUFS, true peak ${formatReading(result.report.loudness.truePeakDbtp)} dBTP. Click Bounce for the full report.`);
    } else if (!dialogOpen && result.status === 'error') {
      showNotice('error', `The bounce failed: ${result.messages[0] ?? 'unknown error'}`);
    }
  });
}

/** Cancels a running bounce (nothing is downloaded). */
export function cancelBounceJob(): void {
  handle?.cancel();
}

/** Forgets a finished bounce (back to the form). */
export function resetBounceJob(): void {
  if (bounceJob.get().kind === 'finished') bounceJob.set({ kind: 'idle' });
}
