/**
 * Find on canvas: Ctrl+F (⌘F) opens a search field over the canvas; typing selects the first node
 * whose label or type matches and pans to it, Enter goes to the next match (Shift+Enter back), a
 * click in the list of matches goes to that one, Escape closes and returns focus to the canvas.
 * The whole document is searched, inside module instances too: going to a match inside an
 * instance opens that instance (as a double-click does) and selects the inner node. Matching is
 * `findNodes`.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getNodeDefinition } from '../../nodes/registry';
import { dialogStore } from '../store/dialogs';
import { closeModule, openModule } from '../modules/moduleScope';
import { setSelection } from '../store/editorActions';
import { EMPTY_SELECTION, editorStore, useRootGraph } from '../store/editorState';
import { canvasBridge } from './canvasBridge';
import { findNodes } from './findNodes';
import type { FlowNode } from './flowTypes';

const typeLabel = (type: string) => getNodeDefinition(type)?.label;

/** Frames to wait after opening a module before panning, so the module's opening view is set first. */
const SETTLE_FRAMES = 6;

/**
 * Shows the canvas at `path` (instance ids from the document down): nothing when it is already
 * open, else back to the document and down through each instance. True when the scope changed.
 */
function showScope(path: readonly string[]): boolean {
  const trail = editorStore.get().scope?.trail ?? [];
  if (trail.length === path.length && trail.every((step, i) => step.instanceId === path[i])) return false;
  closeModule(0);
  for (const instanceId of path) if (!openModule(instanceId)) break;
  return true;
}

/** The find bar (closed until Ctrl+F). */
export function FindBar() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // The whole document, whatever module is open: the matches stay put while going to one opens it.
  const graph = useRootGraph();
  const flow = useReactFlow<FlowNode>();
  const matches = useMemo(() => (open ? findNodes(graph, query, typeLabel) : []), [open, graph, query]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
      if (dialogStore.get().queue.length > 0) return;
      event.preventDefault(); // the browser's own find cannot see into the canvas
      setOpen(true);
      requestAnimationFrame(() => input.current?.select());
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // Show the current match: open the instance it is in, select it and pan to it (zooming in to a
  // readable size if needed). After opening an instance its nodes are measured a few frames later.
  const current = matches.length === 0 ? undefined : matches[index % matches.length];
  useEffect(() => {
    if (current === undefined) return;
    const opened = showScope(current.path ?? []);
    setSelection({ ...EMPTY_SELECTION, nodes: [current.id] });
    let frames = 0;
    let handle = 0;
    const pan = () => {
      const node = flow.getInternalNode(current.id);
      const measured = node?.measured.width !== undefined;
      if (node === undefined || !measured || (opened && frames < SETTLE_FRAMES)) {
        if (frames++ < 60) handle = requestAnimationFrame(pan);
        return;
      }
      const width = node.measured.width ?? 200;
      const height = node.measured.height ?? 100;
      const p = node.internals.positionAbsolute;
      void flow.setCenter(p.x + width / 2, p.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
    };
    pan();
    return () => cancelAnimationFrame(handle);
  }, [current, flow]);

  if (!open) return null;
  const close = () => {
    setOpen(false);
    canvasBridge()?.focus();
  };
  const status = query.trim() === '' ? 'Label or type' : matches.length === 0 ? 'No match' : `${(index % matches.length) + 1} of ${matches.length}`;
  return (
    <div className="find-bar" role="search" aria-label="Find nodes">
      <input
        ref={input}
        className="text-input find-bar__input"
        type="search"
        aria-label="Find nodes by label or type"
        placeholder="Find nodes…"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (e.key === 'Enter' && matches.length > 0) {
            e.preventDefault();
            setIndex((i) => (e.shiftKey ? (i - 1 + matches.length) % matches.length : (i + 1) % matches.length));
          }
        }}
      />
      <span className="find-bar__status" role="status" aria-live="polite">
        {status}
      </span>
      <button type="button" className="icon-btn" aria-label="Close find" title="Close (Escape)" onClick={close}>
        ×
      </button>
      {matches.length > 0 && (
        <ul className="find-bar__matches" role="listbox" aria-label="Matches">
          {matches.map((match, i) => (
            <li
              key={`${(match.path ?? []).join('/')}/${match.id}`}
              role="option"
              aria-selected={i === index % matches.length}
              className="find-bar__match"
              // Keep the focus in the field, so Enter and Escape go on working after a click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setIndex(i)}
            >
              {match.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
