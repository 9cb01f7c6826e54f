/**
 * The editor's few fixed settings, in one place. The master node type comes from the registry
 * (the only module allowed to name node types).
 */
export { MASTER_NODE_TYPE } from '../nodes/registry';

/** The built-in preset a first-time visitor sees. */
export const FIRST_VISIT_PRESET = 'demo-mix';

/** Canvas grid in pixels: node drags and drops snap to it. */
export const GRID: [number, number] = [20, 20];

/**
 * Smallest rendered size of a node label, in CSS pixels, in the view a document opens with: a
 * graph too large to show whole at this size opens on its first part (canvas/viewFit.ts).
 */
export const READABLE_LABEL_PX = 11;

/** Largest file the editor will read for import, in bytes (real graphs are a few kB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Sample rate used to draw frequency responses (the render default; DESIGN.md). */
export const PLOT_SAMPLE_RATE = 48_000;

/** localStorage keys. Versioned so a future format can live next to this one. */
export const STORAGE_KEYS = {
  autosave: 'mixgraph.autosave.v1',
  /** Rescued autosaves of earlier versions (read only now; new rescues go to `RESCUE_DB`). */
  rescued: 'mixgraph.rescued-autosaves.v1',
  minimap: 'mixgraph.minimap.v1',
  inspectorPlot: 'mixgraph.inspector-plot.v1',
} as const;

/** IndexedDB database holding rescued autosaves (raw text of autosaves that failed to load). */
export const RESCUE_DB = { name: 'mixgraph-rescue', version: 1, store: 'autosaves' } as const;

/** IndexedDB database holding the user's preset library. */
export const LIBRARY_DB = { name: 'mixgraph', version: 1, store: 'presets' } as const;

/** Delay between an edit and its autosave, in ms; pending saves are flushed when the page hides. */
export const AUTOSAVE_DELAY_MS = 250;

/**
 * Graphs with more canvas items than this are "large": React Flow then mounts only the visible
 * nodes and wires, and nodes seen from far draw without meters and plots
 * (docs/performance-ui.md). Smaller graphs are drawn whole at every zoom.
 */
export const LARGE_GRAPH_ITEMS = 300;

/**
 * Most nodes a document may have in the editor. The parser (and the CLI) allow `MAX_NODES`
 * (20 000), but the editor was measured usable up to this many (`npm run bench:ui`,
 * docs/performance-ui.md); a larger document is refused with a message that offers the CLI,
 * never opened into a frozen tab.
 */
export const EDITOR_MAX_NODES = 10_000;
