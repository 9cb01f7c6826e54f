/**
 * The palette: every node type from the registry, grouped by category, with its icon and help
 * sentence. Click (or Enter) adds the node in free space near the middle of the view, or after the selected
 * node (`placeNewNode`); drag drops it where wanted.
 */
import { useMemo, useState } from 'react';
import type { NodeCategory } from '../../graph/catalog';
import { nodeDefinitions } from '../../nodes/registry';
import type { NodeDefinition } from '../../nodes/types';
import { CategoryIcon, Icon } from '../common/icons';
import { Tooltip } from '../common/Tooltip';
import { MASTER_NODE_TYPE } from '../config';
import { placeNewNode } from '../canvas/placeNewNode';
import { searchNodeTypes } from '../canvas/nodeSearch';
import { scopedGraph, useEditor } from '../store/editorState';
import { PALETTE_MIME } from './paletteDrag';
import { ModulePalette } from '../modules/ModulePalette';
import { countRender } from '../live/renderCount';

/** Palette order of the categories (DESIGN.md: Sources / Mixing / EQ / Dynamics / Space / Output). */
const CATEGORY_ORDER: readonly NodeCategory[] = ['Sources', 'Mixing', 'EQ', 'Dynamics', 'Space', 'Output'];

function addFromPalette(type: string): void {
  placeNewNode(type);
}

function PaletteItem({ definition, unavailable }: { definition: NodeDefinition; unavailable?: string }) {
  return (
    <li>
      <Tooltip text={unavailable ?? definition.help}>
        <button
          type="button"
          className={`palette__item cat--${definition.category.toLowerCase()}${unavailable !== undefined ? ' is-unavailable' : ''}`}
          draggable
          aria-label={`Add ${definition.label}`}
          onClick={() => addFromPalette(definition.type)}
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, definition.type);
            event.dataTransfer.effectAllowed = 'copy';
          }}
        >
          <span className="palette__icon">
            <CategoryIcon category={definition.category} size={16} />
          </span>
          <span className="palette__label">{definition.label}</span>
        </button>
      </Tooltip>
    </li>
  );
}

/** The left-hand node palette. */
export function Palette() {
  countRender('Palette');
  // A boolean, not the graph: the palette need not render again on every pointer move of a drag.
  const hasMaster = useEditor((s) => scopedGraph(s).nodes.some((n) => n.type === MASTER_NODE_TYPE));
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const shown = searchNodeTypes(nodeDefinitions, query);
    return CATEGORY_ORDER.map((category) => ({ category, items: shown.filter((d) => d.category === category) })).filter((g) => g.items.length > 0);
  }, [query]);

  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette__search">
        <Icon name="search" size={14} />
        <input
          type="search"
          className="palette__filter"
          placeholder="Filter nodes"
          aria-label="Filter node types"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="palette__scroll">
        {groups.map(({ category, items }) => (
          <section key={category} className="palette__group" aria-labelledby={`palette-${category}`}>
            <h2 id={`palette-${category}`} className="palette__heading">
              {category}
            </h2>
            <ul className="palette__list">
              {items.map((d) => (
                <PaletteItem
                  key={d.type}
                  definition={d}
                  unavailable={hasMaster && d.type === MASTER_NODE_TYPE ? `${d.help} (This graph already has its ${d.label.toLowerCase()}.)` : undefined}
                />
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="palette__empty">No node type matches “{query}”.</p>}
        <ModulePalette query={query} />
      </div>
      <p className="palette__hint">Drag onto the canvas or click to add. Double-click the canvas or press / over it to search.</p>
    </nav>
  );
}
