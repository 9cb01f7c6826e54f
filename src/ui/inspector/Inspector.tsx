/** The right-hand panel: shows whatever is selected (or the graph itself when nothing is). */
import { memo, useDeferredValue, useLayoutEffect, useRef } from 'react';
import { removeElements } from '../../graph/commands';
import { nodeName } from '../../graph/commands';
import { Icon } from '../common/icons';
import { groupSelection } from '../keyboard/editActions';
import { useLive } from '../live/liveStore';
import { toggleProbe } from '../live/probe';
import { dispatch } from '../store/editorActions';
import { type Selection, currentGraph, useGraph, useSelection } from '../store/editorState';
import { useValidation } from '../store/validation';
import { GroupInspector, NoteInspector } from './AnnotationInspectors';
import { DocumentInspector } from './DocumentInspector';
import { NodeInspector } from './NodeInspector';
import { MakeModuleButton } from '../modules/ModuleToolbar';
import { ModuleDefinitionInspector } from '../modules/ModuleInspector';
import { useEditor } from '../store/editorState';

const NO_ISSUES: readonly never[] = [];

/** Listen to a wire: it carries its source node's output, so the probe listens there. */
function WireProbeButton({ from }: { from: string }) {
  const probed = useLive((s) => s.monitored === from);
  return (
    <button type="button" className={`btn btn--small${probed ? ' btn--listening' : ''}`} aria-pressed={probed} onClick={() => void toggleProbe(from)} title="Hear what this wire carries, alone (Alt+click a wire does the same)">
      <Icon name="headphones" size={13} /> {probed ? 'Probing — back to master' : 'Probe this wire'}
    </button>
  );
}

const Body = memo(function Body({ selection }: { selection: Selection }) {
  const graph = useGraph();
  const validation = useValidation();
  const count = selection.nodes.length + selection.notes.length + selection.groups.length + selection.edges.length;
  const moduleOpen = useEditor((s) => s.scope !== null);

  if (count === 0) return moduleOpen ? <ModuleDefinitionInspector /> : <DocumentInspector />;
  if (count === 1 && selection.nodes.length === 1) {
    const node = graph.nodes.find((n) => n.id === selection.nodes[0]);
    if (node !== undefined) return <NodeInspector key={node.id} node={node} issues={validation.byNode.get(node.id) ?? NO_ISSUES} />;
  }
  if (count === 1 && selection.notes.length === 1) {
    const note = graph.notes?.find((n) => n.id === selection.notes[0]);
    if (note !== undefined) return <NoteInspector key={note.id} note={note} />;
  }
  if (count === 1 && selection.groups.length === 1) {
    const group = graph.groups?.find((g) => g.id === selection.groups[0]);
    if (group !== undefined) return <GroupInspector key={group.id} group={group} />;
  }
  if (count === 1 && selection.edges.length === 1) {
    const edge = graph.edges.find((e) => e.id === selection.edges[0]);
    if (edge !== undefined) {
      return (
        <div className="inspector__content">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            Wire
          </h2>
          <p>
            From <strong>{nodeName(graph, edge.from.node)}</strong> ({edge.from.port}) to <strong>{nodeName(graph, edge.to.node)}</strong> ({edge.to.port}).
          </p>
          <div className="inspector__actions">
            <WireProbeButton from={edge.from.node} />
            <button type="button" className="btn btn--small" onClick={() => dispatch(removeElements(currentGraph(), { edges: [edge.id] }))}>
              <Icon name="trash" size={13} /> Delete wire
            </button>
          </div>
        </div>
      );
    }
  }
  const parts = [
    [selection.nodes.length, 'node'],
    [selection.edges.length, 'wire'],
    [selection.notes.length, 'note'],
    [selection.groups.length, 'group'],
  ] as const;
  return (
    <div className="inspector__content">
      <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
        {count} items selected
      </h2>
      <p className="inspector__subtitle">
        {parts
          .filter(([n]) => n > 0)
          .map(([n, noun]) => `${n} ${noun}${n === 1 ? '' : 's'}`)
          .join(', ')}
      </p>
      <div className="inspector__actions">
        {selection.nodes.length > 0 && (
          <button type="button" className="btn btn--small" onClick={groupSelection}>
            <Icon name="group" size={13} /> Group <kbd>Ctrl+G</kbd>
          </button>
        )}
        {selection.nodes.length > 0 && <MakeModuleButton />}
        <button type="button" className="btn btn--small" onClick={() => dispatch(removeElements(currentGraph(), selection))}>
          <Icon name="trash" size={13} /> Delete
        </button>
      </div>
    </div>
  );
});

/** Identity of what the inspector shows: changes when another item (or set of items) is selected. */
function selectionKey(selection: Selection): string {
  return [selection.nodes, selection.edges, selection.notes, selection.groups].map((ids) => ids.join(',')).join('|');
}

/** The right-hand inspector panel. */
export function Inspector() {
  const panel = useRef<HTMLElement>(null);
  // The inspector follows a new selection at lower priority than the canvas: the node's outline
  // is painted in the frame after the press, the inspector's content (plots, param lists) in the
  // next ones, so a click never waits for the panel (docs/performance-ui.md).
  const selection = useDeferredValue(useSelection());
  const key = selectionKey(selection);
  /** Whether the panel is scrolled away from the top (kept from scroll events). */
  const scrolled = useRef(false);
  // A new selection starts at the top (its name and plot), never at the last one's scroll position.
  // Written only when scrolled: setting scrollTop forces a synchronous layout of the whole page,
  // 10-15 ms on every click (docs/performance-ui.md).
  useLayoutEffect(() => {
    if (panel.current !== null && scrolled.current) {
      panel.current.scrollTop = 0;
      scrolled.current = false;
    }
  }, [key]);
  return (
    <aside
      ref={panel}
      className="inspector"
      aria-label="Inspector"
      onScroll={(event) => {
        scrolled.current = event.currentTarget.scrollTop > 0;
      }}
    >
      <Body selection={selection} />
    </aside>
  );
}
