/** Inspectors for a sticky note and for a group frame. */
import type { CSSProperties } from 'react';
import { GROUP_COLORS, removeElements, removeGroup, updateGroup, updateNote } from '../../graph/commands';
import { nodeName } from '../../graph/commands';
import type { GraphGroup, GraphNote } from '../../graph/types';
import { Icon } from '../common/icons';
import { dispatch } from '../store/editorActions';
import { currentGraph, useGraph } from '../store/editorState';
import { CommitTextField } from './CommitTextField';

/** The inspector for a sticky note: its text. */
export function NoteInspector({ note }: { note: GraphNote }) {
  return (
    <div className="inspector__content">
      <header className="inspector__header">
        <span className="inspector__icon cat--note">
          <Icon name="note" size={18} />
        </span>
        <div className="inspector__titles">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            Note
          </h2>
          <span className="inspector__subtitle">
            Sticky note · <code>{note.id}</code>
          </span>
        </div>
      </header>
      <p className="inspector__help">Plain text for whoever reads this graph next. The audio ignores it; export, share links and autosave keep it.</p>
      <div className="form-row">
        <label htmlFor="note-text">Text</label>
        <CommitTextField
          id="note-text"
          multiline
          rows={6}
          value={note.text}
          onCommit={(text) => {
            const result = updateNote(currentGraph(), note.id, { text });
            dispatch(result);
            return result.ok ? undefined : result.reason;
          }}
        />
        <span className="muted small">Ctrl+Enter or leaving the field saves.</span>
      </div>
      <div className="inspector__actions">
        <button type="button" className="btn btn--small" onClick={() => dispatch(removeElements(currentGraph(), { notes: [note.id] }))}>
          <Icon name="trash" size={13} /> Delete note
        </button>
      </div>
    </div>
  );
}

/** The inspector for a group frame: label, colour, members, ungroup. */
export function GroupInspector({ group }: { group: GraphGroup }) {
  const graph = useGraph();
  return (
    <div className="inspector__content">
      <header className="inspector__header">
        <span className="inspector__icon" style={{ color: group.color }}>
          <Icon name="group" size={18} />
        </span>
        <div className="inspector__titles">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            {group.label}
          </h2>
          <span className="inspector__subtitle">
            Group · {group.nodes.length} node{group.nodes.length === 1 ? '' : 's'} · <code>{group.id}</code>
          </span>
        </div>
      </header>
      <p className="inspector__help">A frame around related nodes. Drag its title bar or border to move them together.</p>
      <div className="form-row">
        <label htmlFor="group-label">Label</label>
        <CommitTextField
          id="group-label"
          value={group.label}
          onCommit={(label) => {
            const result = updateGroup(currentGraph(), group.id, { label });
            dispatch(result);
            return result.ok ? undefined : result.reason;
          }}
        />
      </div>
      <fieldset className="form-row swatches">
        <legend>Colour</legend>
        {GROUP_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            className={`swatch${color === group.color ? ' is-selected' : ''}`}
            style={{ '--swatch': color } as CSSProperties}
            aria-label={`Colour ${color}`}
            aria-pressed={color === group.color}
            onClick={() => dispatch(updateGroup(currentGraph(), group.id, { color }))}
          />
        ))}
      </fieldset>
      <div className="form-row">
        <span className="form-row__label">Nodes</span>
        <ul className="member-list">
          {group.nodes.map((id) => (
            <li key={id}>{nodeName(graph, id)}</li>
          ))}
        </ul>
      </div>
      <div className="inspector__actions">
        <button type="button" className="btn btn--small" onClick={() => dispatch(removeGroup(currentGraph(), group.id))}>
          Ungroup
        </button>
      </div>
    </div>
  );
}
