/**
 * The bottom bar: whether the graph is valid (and every problem, one click away from its node),
 * its size, and when it was last autosaved.
 */
import { useState } from 'react';
import { Icon } from '../common/icons';
import { useAutosaveStatus } from '../persistence/autosaveSync';
import { setSelection } from '../store/editorActions';
import { useGraph } from '../store/editorState';
import { useValidation } from '../store/validation';

/** The bottom status bar. */
export function StatusBar() {
  const graph = useGraph();
  const validation = useValidation();
  const autosave = useAutosaveStatus();
  const [open, setOpen] = useState(false);
  const issues = [...validation.errors.map((e) => ({ ...e, severity: 'error' as const })), ...validation.warnings.map((w) => ({ ...w, severity: 'warning' as const }))];
  const errorCount = validation.errors.length;
  const warningCount = validation.warnings.length;
  const summary =
    errorCount > 0
      ? `${errorCount} error${errorCount === 1 ? '' : 's'}${warningCount > 0 ? `, ${warningCount} warning${warningCount === 1 ? '' : 's'}` : ''}`
      : warningCount > 0
        ? `${warningCount} warning${warningCount === 1 ? '' : 's'}`
        : 'Valid graph';

  return (
    <footer className="statusbar">
      <div className="statusbar__validation">
        <button
          type="button"
          className={`statusbar__summary${errorCount > 0 ? ' is-error' : warningCount > 0 ? ' is-warning' : ' is-ok'}`}
          aria-expanded={issues.length > 0 ? open : undefined}
          disabled={issues.length === 0}
          onClick={() => setOpen(!open)}
        >
          <Icon name={issues.length > 0 ? 'alert' : 'check'} size={14} />
          <span>{summary}</span>
        </button>
        <span className="statusbar__first" role="status" aria-live="polite">
          {issues[0]?.message ?? `Ready to render: ${graph.nodes.length} nodes, ${graph.edges.length} wires`}
        </span>
        {open && issues.length > 0 && (
          <ul className="statusbar__issues" aria-label="Validation messages">
            {issues.map((issue, i) => (
              <li key={i} className={`issue issue--${issue.severity}`}>
                {issue.nodeId !== undefined && graph.nodes.some((n) => n.id === issue.nodeId) ? (
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => {
                      setSelection({ nodes: [issue.nodeId as string], edges: [], notes: [], groups: [] });
                      setOpen(false);
                    }}
                  >
                    {issue.message}
                  </button>
                ) : (
                  issue.message
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="statusbar__right">
        <span className={autosave.failed ? 'statusbar__autosave is-error' : 'statusbar__autosave'} data-testid="autosave-status">
          {autosave.failed
            ? 'Autosave failed: browser storage is full or disabled'
            : autosave.savedAt !== null
              ? `Autosaved ${autosave.savedAt.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`
              : 'Autosave on'}
        </span>
        <span className="statusbar__hint">
          <kbd>Space</kbd> play · <kbd>/</kbd> add · <kbd>F</kbd> fit · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
        </span>
      </div>
    </footer>
  );
}
