/**
 * The translation check of the last bounce: `mixgraph check`'s report, run on the bounced WAV in
 * a Worker as soon as the bounce is done (the dialog shows it when it arrives; the page stays
 * responsive meanwhile). Outside any component, like the bounce job, so closing the dialog does
 * not lose it.
 */
import { type CheckHandle, startCheck } from '../../runtime/check/checkClient';
import type { TranslationReport } from '../../runtime/check/translationReport';
import { createStore, useStoreValue } from '../store/createStore';

/** Where the check is. */
export type CheckJob =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; report: TranslationReport }
  | { kind: 'error'; message: string };

export const checkJob = createStore<CheckJob>({ kind: 'idle' });

/** Reads the check in a component. */
export function useCheckJob(): CheckJob {
  return useStoreValue(checkJob, (s) => s);
}

let handle: CheckHandle | null = null;

/** Checks a bounced file (a running check of an older bounce is cancelled). */
export function startCheckJob(wav: Blob, name: string): void {
  handle?.cancel();
  checkJob.set({ kind: 'running' });
  void wav.arrayBuffer().then((bytes) => {
    const job = startCheck(bytes, name);
    handle = job;
    void job.result.then((result) => {
      if (handle !== job) return;
      handle = null;
      if (result.status === 'done') checkJob.set({ kind: 'done', report: result.report });
      else if (result.status === 'error') checkJob.set({ kind: 'error', message: result.message });
    });
  });
}

/** Forgets the check (a new bounce is being made). */
export function resetCheckJob(): void {
  handle?.cancel();
  handle = null;
  checkJob.set({ kind: 'idle' });
}
