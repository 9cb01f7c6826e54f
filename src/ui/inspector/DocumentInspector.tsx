/** The inspector when nothing is selected: the graph's name, description and a summary. */
import { setDocumentInfo } from '../../graph/commands';
import { dispatch } from '../store/editorActions';
import { currentGraph, useGraph } from '../store/editorState';
import { CommitTextField } from './CommitTextField';

/** The graph's own inspector (nothing selected). */
export function DocumentInspector() {
  const graph = useGraph();
  const commit = (info: { name?: string; description?: string }) => {
    const result = setDocumentInfo(currentGraph(), info);
    dispatch(result);
    return result.ok ? undefined : result.reason;
  };
  return (
    <div className="inspector__content">
      <header className="inspector__header">
        <div className="inspector__titles">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            Graph
          </h2>
          <span className="inspector__subtitle">
            {graph.nodes.length} nodes · {graph.edges.length} wires · {(graph.notes ?? []).length} notes · {(graph.groups ?? []).length} groups
          </span>
        </div>
      </header>
      <div className="form-row">
        <label htmlFor="doc-name">Name</label>
        <CommitTextField id="doc-name" value={graph.name} onCommit={(name) => commit({ name })} />
      </div>
      <div className="form-row">
        <label htmlFor="doc-description">Description</label>
        <CommitTextField id="doc-description" multiline rows={5} value={graph.description ?? ''} onCommit={(description) => commit({ description })} />
      </div>
      <div className="inspector__tips">
        <h3>Getting around</h3>
        <ul>
          <li>Click a node to edit it here; Shift-click or drag a box to select several.</li>
          <li>
            Drag from an output (right) to an input (left) to wire. Drop a wire on empty canvas to add a node there.
          </li>
          <li>
            <kbd>Space</kbd> plays and pauses. Double-click the canvas, <kbd>/</kbd> over it or <kbd>Ctrl</kbd>+<kbd>Space</kbd>: add a node by name.
          </li>
          <li>
            <kbd>Ctrl</kbd>+<kbd>G</kbd> groups the selection, <kbd>N</kbd> adds a note, <kbd>Ctrl</kbd>+<kbd>D</kbd> duplicates.
          </li>
          <li>Scroll to pan, Ctrl+scroll or pinch to zoom, right-drag to pan.</li>
        </ul>
      </div>
    </div>
  );
}
