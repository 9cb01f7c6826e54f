/**
 * Quick-add: press "/" over the canvas, Ctrl+Space, or double-click empty canvas (or drop a wire on
 * empty canvas), type, Enter.
 * A combobox: the text field keeps focus, arrows move through the list, Enter adds.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { nodeDefinitions } from '../../nodes/registry';
import { CategoryIcon } from '../common/icons';
import { MASTER_NODE_TYPE } from '../config';
import { useGraph } from '../store/editorState';
import { addNodeAt } from './addNodeAt';
import { DEFAULT_NODE_SIZE } from './groupFrames';
import { addNodeIntoWire } from './spliceOnDrop';
import { searchNodeTypes } from './nodeSearch';
import { closeQuickAdd, useQuickAdd } from './quickAddState';

const PANEL_WIDTH = 300;
const PANEL_HEIGHT = 340;

/** The quick-add panel, positioned inside the canvas `container`. */
export function QuickAdd({ container }: { container: DOMRect | undefined }) {
  const state = useQuickAdd();
  if (state === null) return null;
  return <QuickAddPanel key={`${state.client.x},${state.client.y}`} container={container} />;
}

function QuickAddPanel({ container }: { container: DOMRect | undefined }) {
  const state = useQuickAdd();
  const graph = useGraph();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hasMaster = graph.nodes.some((n) => n.type === MASTER_NODE_TYPE);
  const pending = state?.pending;
  const fromName = pending === undefined ? undefined : (graph.nodes.find((n) => n.id === pending.node)?.label ?? pending.node);

  const results = useMemo(
    () =>
      searchNodeTypes(nodeDefinitions, query, {
        needsInput: pending?.side === 'output' || state?.intoWire !== undefined,
        needsOutput: pending?.side === 'input' || state?.intoWire !== undefined,
        exclude: hasMaster ? new Set([MASTER_NODE_TYPE]) : undefined,
      }),
    [query, pending, hasMaster, state?.intoWire],
  );

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query]);

  if (state === null) return null;

  const add = (type: string) => {
    closeQuickAdd();
    const at = pending === undefined ? { x: state.flow.x - DEFAULT_NODE_SIZE.width / 2, y: state.flow.y - 20 } : state.flow;
    if (state.intoWire !== undefined) addNodeIntoWire(type, at, state.intoWire);
    else addNodeAt(type, at, pending);
  };

  const left = Math.max(8, Math.min(state.client.x - (container?.left ?? 0), (container?.width ?? 1e4) - PANEL_WIDTH - 8));
  const top = Math.max(8, Math.min(state.client.y - (container?.top ?? 0), (container?.height ?? 1e4) - PANEL_HEIGHT - 8));

  return (
    <div
      className="quick-add"
      style={{ left, top, width: PANEL_WIDTH }}
      role="dialog"
      aria-label="Add a node"
      onKeyDown={(e) => e.stopPropagation()}
    >
      {fromName !== undefined && <div className="quick-add__context">Wire from {fromName}</div>}
      <input
        ref={input}
        className="quick-add__input"
        placeholder="Add node… type to search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={results[active] !== undefined ? `${listId}-${results[active].type}` : undefined}
        aria-label="Search node types"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={() => closeQuickAdd()}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(results.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const chosen = results[active];
            if (chosen !== undefined) add(chosen.type);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            closeQuickAdd();
          }
        }}
      />
      <ul id={listId} className="quick-add__list" role="listbox" aria-label="Node types">
        {results.length === 0 && <li className="quick-add__empty">No node type matches “{query}”.</li>}
        {results.map((def, i) => (
          <li
            key={def.type}
            id={`${listId}-${def.type}`}
            role="option"
            aria-selected={i === active}
            className={`quick-add__item${i === active ? ' is-active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => add(def.type)}
          >
            <span className={`quick-add__icon cat--${def.category.toLowerCase()}`}>
              <CategoryIcon category={def.category} size={15} />
            </span>
            <span className="quick-add__text">
              <span className="quick-add__label">{def.label}</span>
              <span className="quick-add__help">{def.help}</span>
            </span>
            <span className="quick-add__category">{def.category}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
