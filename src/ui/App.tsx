/** The editor's layout: toolbar on top, palette | canvas | inspector, status bar at the bottom. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { DialogHost } from './dialogs/DialogHost';
import { watchSharedLinks } from './documents/bootstrap';
import { Inspector } from './inspector/Inspector';
import { installTestHooks } from './live/testHooks';
import { MasterPanel } from './meters/MasterPanel';
import { MonitorPanel } from './monitor/MonitorPanel';
import { useShortcuts } from './keyboard/useShortcuts';
import { Palette } from './palette/Palette';
import { startAutosave } from './persistence/autosaveSync';
import { StatusBar } from './statusbar/StatusBar';
import { TeachPanel } from './teaching/TeachPanel';
import { Toolbar } from './toolbar/Toolbar';
import { ModuleBreadcrumb } from './modules/ModuleBreadcrumb';

/** The whole editor: providers, layout, shortcuts, autosave and shared-link handling. */
export function App() {
  useShortcuts();
  useEffect(() => startAutosave(), []);
  useEffect(() => watchSharedLinks(), []);
  useEffect(() => installTestHooks(), []);
  // Files dropped outside the canvas must not make the browser navigate away from unsaved work.
  useEffect(() => {
    const block = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files') === true) e.preventDefault();
    };
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <main className="workspace">
          <Palette />
          <section className="workspace__canvas" aria-label="Canvas">
            <ModuleBreadcrumb />
            <Canvas />
          </section>
          <div className="workspace__side">
            <Inspector />
            <MasterPanel />
            <MonitorPanel />
            <TeachPanel />
          </div>
        </main>
        <StatusBar />
      </div>
      <DialogHost />
    </ReactFlowProvider>
  );
}
