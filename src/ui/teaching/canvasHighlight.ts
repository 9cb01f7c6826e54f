/**
 * Draws the teaching highlight (a lesson step's nodes, or what changed) on the canvas without
 * touching the node components: one constructed stylesheet with a rule per highlighted node id.
 * React Flow renders each node with `data-id`, so the rule follows the node wherever it is drawn.
 * A constructed sheet is CSSOM, which the editor's `style-src 'self'` policy allows (an inline
 * <style> element would be refused).
 */
import { teachStore } from './teachStore';

function ruleFor(id: string): string {
  return `.react-flow__node[data-id="${CSS.escape(id)}"]`;
}

/** Keeps the style element in step with `teachStore.highlight`; returns the stop function. */
export function followCanvasHighlight(): () => void {
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  let shown: readonly string[] | null = null;
  const update = () => {
    const ids = teachStore.get().highlight;
    if (ids === shown) return;
    shown = ids;
    sheet.replaceSync(
      ids.length === 0
        ? ''
        : `${ids.map(ruleFor).join(',\n')} { outline: 3px solid var(--teach-highlight, #f5c542); outline-offset: 3px; border-radius: 8px; }`,
    );
  };
  update();
  const stop = teachStore.subscribe(update);
  return () => {
    stop();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
