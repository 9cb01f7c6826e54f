/**
 * Find on canvas: Ctrl+F (⌘F) opens a search field over the canvas; typing selects the first node
 * whose label or type matches and pans to it, Enter goes to the next match (Shift+Enter back),
 * Escape closes and returns focus to the canvas. Matching is `findNodes`.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getNodeDefinition } from '../../nodes/registry';
import { dialogStore } from '../store/dialogs';
import { setSelection } from '../store/editorActions';
import { useGraph } from '../store/editorState';
import { canvasBridge } from './canvasBridge';
import { findNodes } from './findNodes';
import type { FlowNode } from './flowTypes';

const typeLabel = (type: string) => getNodeDefinition(type)?.label;

/** The find bar (closed until Ctrl+F). */
export function FindBar() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const graph = useGraph();
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

  // Show the current match: select it and pan to it (zooming in to a readable size if needed).
  const current = matches.length === 0 ? undefined : matches[index % matches.length];
  useEffect(() => {
    if (current === undefined) return;
    setSelection({ nodes: [current.id], edges: [], notes: [], groups: [] });
    const node = flow.getInternalNode(current.id);
    if (node === undefined) return;
    const width = node.measured.width ?? 200;
    const height = node.measured.height ?? 100;
    const p = node.internals.positionAbsolute;
    void flow.setCenter(p.x + width / 2, p.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
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
    </div>
  );
}
