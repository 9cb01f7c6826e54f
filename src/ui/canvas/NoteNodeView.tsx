/**
 * A sticky note: plain text anywhere on the canvas. Double-click (or Enter in the inspector)
 * to edit; drag the corners to resize when selected.
 */
import { type NodeProps, NodeResizer } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { updateNote } from '../../graph/commands';
import { dispatch } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import type { NoteFlowNode } from './flowTypes';

/** The React Flow node component for sticky notes. */
export const NoteNodeView = memo(function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!editing) setDraft(note.text);
  }, [note.text, editing]);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);

  const finish = (save: boolean) => {
    setEditing(false);
    if (save && draft !== note.text) dispatch(updateNote(currentGraph(), id, { text: draft }));
    else setDraft(note.text);
  };

  return (
    <div className={`mg-note${selected ? ' is-selected' : ''}`} onDoubleClick={() => setEditing(true)}>
      <NodeResizer isVisible={selected && !editing} minWidth={120} minHeight={60} lineClassName="mg-note__resize-line" handleClassName="mg-note__resize-handle" />
      {editing ? (
        <textarea
          ref={area}
          className="mg-note__editor nodrag nowheel"
          aria-label="Note text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => finish(true)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') finish(false);
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) finish(true);
          }}
        />
      ) : (
        <div className="mg-note__text">{note.text === '' ? <span className="mg-note__placeholder">Double-click to write a note</span> : note.text}</div>
      )}
    </div>
  );
});
