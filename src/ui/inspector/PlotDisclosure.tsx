/**
 * The inspector's plot (EQ response, compressor transfer curve) behind a Hide/Show plot button.
 * On a short window (720 px tall) the plot alone fills the inspector; hiding it brings the params
 * up. The choice is a view preference, remembered in localStorage for every node.
 */
import type { ReactNode } from 'react';
import { STORAGE_KEYS } from '../config';
import { Icon } from '../common/icons';
import { createStore, useStoreValue } from '../store/createStore';

function readShown(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEYS.inspectorPlot) !== 'hidden';
  } catch {
    return true;
  }
}

const plotShown = createStore<boolean>(readShown());

function setPlotShown(shown: boolean): void {
  plotShown.set(shown);
  try {
    localStorage.setItem(STORAGE_KEYS.inspectorPlot, shown ? 'shown' : 'hidden');
  } catch {
    // Kept for this page only.
  }
}

/** The plot `children` with its Hide/Show toggle; `title` names the plot ("Response", "Transfer curve"). */
export function PlotDisclosure({ title, children }: { title: string; children: ReactNode }) {
  const shown = useStoreValue(plotShown, (s) => s);
  return (
    <section className={`plot-disclosure${shown ? '' : ' is-collapsed'}`} aria-label={title}>
      <button type="button" className="plot-disclosure__toggle" aria-expanded={shown} onClick={() => setPlotShown(!shown)} title={shown ? 'Hide the plot (brings the params up)' : 'Show the plot'}>
        <Icon name="chevron" size={12} className="plot-disclosure__chevron" />
        {shown ? `Hide ${title.toLowerCase()}` : `Show ${title.toLowerCase()}`}
      </button>
      {shown && children}
    </section>
  );
}
