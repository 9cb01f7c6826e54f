/**
 * Modal dialogs as promises: `await confirmDialog(…)` reads like a browser `confirm()` but
 * renders our own accessible dialog. One dialog shows at a time; later requests wait in line.
 */
import type { ReactNode } from 'react';
import { createStore, useStoreValue } from './createStore';

/** A button of a choice dialog. */
export interface DialogChoice<T extends string = string> {
  id: T;
  label: string;
  /** The highlighted, default action. */
  primary?: boolean;
  danger?: boolean;
}

/** A dialog request. `resolve` receives the chosen id, or null when dismissed. */
export type DialogRequest =
  | {
      kind: 'choice';
      title: string;
      body: ReactNode;
      choices: readonly DialogChoice[];
      resolve: (choice: string | null) => void;
    }
  | {
      kind: 'prompt';
      title: string;
      label: string;
      initial: string;
      confirmLabel: string;
      /** Returns a message when the value is not acceptable. */
      validate?: (value: string) => string | undefined;
      resolve: (value: string | null) => void;
    }
  | { kind: 'custom'; render: (close: () => void) => ReactNode; resolve: () => void };

interface DialogQueue {
  queue: readonly DialogRequest[];
}

/** Queued dialog requests; the first is shown. */
export const dialogStore = createStore<DialogQueue>({ queue: [] });

function enqueue(request: DialogRequest): void {
  dialogStore.set((s) => ({ queue: [...s.queue, request] }));
}

/** Removes the shown dialog (called by the host once it resolved). */
export function closeCurrentDialog(): void {
  dialogStore.set((s) => ({ queue: s.queue.slice(1) }));
}

/** The dialog to show now, if any. */
export function useCurrentDialog(): DialogRequest | undefined {
  return useStoreValue(dialogStore, (s) => s.queue[0]);
}

/** Asks the user to pick one of `choices`; resolves to its id, or null when dismissed. */
export function choiceDialog<T extends string>(title: string, body: ReactNode, choices: readonly DialogChoice<T>[]): Promise<T | null> {
  return new Promise((resolve) => enqueue({ kind: 'choice', title, body, choices, resolve: resolve as (c: string | null) => void }));
}

/** Yes/no question; resolves true only when the user confirms. */
export async function confirmDialog(title: string, body: ReactNode, confirmLabel: string, options: { danger?: boolean } = {}): Promise<boolean> {
  const choice = await choiceDialog(title, body, [
    { id: 'cancel', label: 'Cancel' },
    { id: 'ok', label: confirmLabel, primary: true, danger: options.danger },
  ]);
  return choice === 'ok';
}

/** Shows a message with a single Close button. */
export async function messageDialog(title: string, body: ReactNode): Promise<void> {
  await choiceDialog(title, body, [{ id: 'close', label: 'Close', primary: true }]);
}

/** Asks for a line of text; resolves null when cancelled. */
export function promptDialog(
  title: string,
  label: string,
  initial: string,
  confirmLabel: string,
  validate?: (value: string) => string | undefined,
): Promise<string | null> {
  return new Promise((resolve) => enqueue({ kind: 'prompt', title, label, initial, confirmLabel, validate, resolve }));
}

/** A dialog with its own content (library manager, share link); resolves when closed. */
export function customDialog(render: (close: () => void) => ReactNode): Promise<void> {
  return new Promise((resolve) => enqueue({ kind: 'custom', render, resolve }));
}
