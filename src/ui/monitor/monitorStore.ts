/**
 * The monitor section's settings: editor state only (never in the document, never in a bounce).
 * Every change is applied to the running monitor chain at once; a session started later picks the
 * current settings up.
 */
import { currentSession, onSessionReady } from '../live/audioSession';
import { createStore, useStoreValue } from '../store/createStore';
import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings } from './monitorChain';

export const monitorStore = createStore<MonitorSettings>(DEFAULT_MONITOR_SETTINGS);

/** The codec preview's last error (null: none); cleared when the codec setting changes. */
export const codecErrorStore = createStore<string | null>(null);

/** Changes some settings (and the audio, when it is on). */
export function setMonitor(patch: Partial<MonitorSettings>): void {
  if (patch.codec !== undefined || patch.kbps !== undefined) codecErrorStore.set(null);
  monitorStore.set((s) => ({ ...s, ...patch }));
  currentSession()?.stage.monitor.apply(monitorStore.get());
}

let installed = false;
/** Applies the settings to each new session (call once from the panel). */
export function followSessions(): void {
  if (installed) return;
  installed = true;
  onSessionReady((s) => {
    s.stage.monitor.onCodecError = (message) => codecErrorStore.set(message);
    s.stage.monitor.apply(monitorStore.get());
  });
}

/** Reads a slice of the settings in a component. */
export function useMonitor<S>(selector: (s: MonitorSettings) => S): S {
  return useStoreValue(monitorStore, selector);
}
