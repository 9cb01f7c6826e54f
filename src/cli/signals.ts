/**
 * Ctrl+C, `kill`, a closed terminal or a crash must not leave a temporary file beside the output
 * (issue 10, item 6). While a render runs, SIGINT, SIGTERM and SIGHUP delete every open temporary
 * file at once (synchronously, in the handler) and cancel the render, which then ends with
 * "cancelled; nothing was written". An `exit` listener does the same for uncaught errors. What no
 * handler can catch (SIGKILL, a crash in native code) is cleaned by the next render to the same
 * output (`removeStaleTemporaryFiles`).
 */
import { discardOpenTemporaryFiles } from '../runtime/audio-io';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Exit status after a signal, as shells report it: 128 + the signal number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<(typeof SIGNALS)[number], number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

let receivedSignal: (typeof SIGNALS)[number] | undefined;

/** The signal that cancelled the last render, if any. */
export function cancellingSignal(): (typeof SIGNALS)[number] | undefined {
  return receivedSignal;
}

/**
 * Runs `work` with an abort signal that fires on SIGINT, SIGTERM or SIGHUP; temporary files are
 * deleted as soon as the signal arrives.
 */
export async function withCancelOnSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = SIGNALS.map((name) => {
    const handler = (): void => {
      receivedSignal ??= name;
      discardOpenTemporaryFiles();
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  process.on('exit', discardOpenTemporaryFiles);
  try {
    return await work(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
    process.off('exit', discardOpenTemporaryFiles);
  }
}
