/** "My presets": the user's saved graphs (IndexedDB) and any rescued autosaves. */
import { useCallback, useEffect, useState } from 'react';
import { openLibraryEntry } from '../documents/documentActions';
import { type RescuedAutosave, deleteRescued, listRescued } from '../persistence/rescueStore';
import { downloadText } from '../persistence/download';
import { type LibraryEntry, deletePreset, listPresets, renamePreset } from '../persistence/library';
import { Modal } from './Modal';

type Load = { state: 'loading' } | { state: 'ready'; entries: LibraryEntry[] } | { state: 'failed'; message: string };

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The "My presets" dialog. */
export function LibraryDialog({ onClose }: { onClose: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [rescued, setRescued] = useState<RescuedAutosave[]>([]);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listPresets()
      .then((entries) => setLoad({ state: 'ready', entries }))
      .catch((cause: unknown) => setLoad({ state: 'failed', message: cause instanceof Error ? cause.message : String(cause) }));
  }, []);
  useEffect(refresh, [refresh]);
  const refreshRescued = useCallback(() => {
    listRescued()
      .then(setRescued)
      .catch((cause: unknown) => setProblem(`Could not read the recovered autosaves: ${cause instanceof Error ? cause.message : String(cause)}`));
  }, []);
  useEffect(refreshRescued, [refreshRescued]);

  const act = (work: Promise<void>) =>
    work.then(refresh).catch((cause: unknown) => setProblem(cause instanceof Error ? cause.message : String(cause)));

  return (
    <Modal
      title="My presets"
      wide
      onDismiss={onClose}
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Close
        </button>
      }
    >
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {load.state === 'loading' && <p className="muted">Loading…</p>}
      {load.state === 'failed' && (
        <p className="field-error" role="alert">
          Your presets could not be read: {load.message}
        </p>
      )}
      {load.state === 'ready' && load.entries.length === 0 && (
        <p className="muted">No presets yet. Use “Save as preset” in the toolbar to keep the current graph here, in this browser.</p>
      )}
      {load.state === 'ready' && load.entries.length > 0 && (
        <ul className="library-list" aria-label="Saved presets">
          {load.entries.map((entry) => (
            <li key={entry.id} className="library-list__item">
              {renaming?.id === entry.id ? (
                <form
                  className="library-list__rename"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (renaming.name.trim() === '') return;
                    setRenaming(null);
                    void act(renamePreset(entry.id, renaming.name));
                  }}
                >
                  <input
                    className="text-input"
                    aria-label={`New name for ${entry.name}`}
                    value={renaming.name}
                    autoFocus
                    onChange={(e) => setRenaming({ id: entry.id, name: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.preventDefault();
                        e.stopPropagation();
                        setRenaming(null);
                      }
                    }}
                  />
                  <button type="submit" className="btn btn--small btn--primary">
                    Save name
                  </button>
                </form>
              ) : (
                <div className="library-list__name">
                  <strong>{entry.name}</strong>
                  <span className="muted">{formatDate(entry.updatedAt)}</span>
                </div>
              )}
              <div className="library-list__actions">
                {renaming?.id === entry.id ? (
                  // Renaming: the form's own Save name is the one action; Open/Rename/Delete wait.
                  <button type="button" className="btn btn--small" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                ) : confirmDelete === entry.id ? (
                  <>
                    <span>Delete “{entry.name}”?</span>
                    <button type="button" className="btn btn--small" onClick={() => setConfirmDelete(null)}>
                      Keep
                    </button>
                    <button
                      type="button"
                      className="btn btn--small btn--danger"
                      onClick={() => {
                        setConfirmDelete(null);
                        void act(deletePreset(entry.id));
                      }}
                    >
                      Delete
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      type="button"
                      className="btn btn--small btn--primary"
                      onClick={() => {
                        onClose();
                        void openLibraryEntry(entry);
                      }}
                    >
                      Open
                    </button>
                    <button type="button" className="btn btn--small" aria-label={`Rename ${entry.name}`} onClick={() => setRenaming({ id: entry.id, name: entry.name })}>
                      Rename
                    </button>
                    <button type="button" className="btn btn--small" aria-label={`Delete ${entry.name}`} onClick={() => setConfirmDelete(entry.id)}>
                      Delete
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {rescued.length > 0 && (
        <>
          <h3 className="modal__subtitle">Recovered autosaves</h3>
          <p className="muted">Autosaves that no longer validated. Download one to fix it by hand, then import it.</p>
          <ul className="library-list" aria-label="Recovered autosaves">
            {rescued.map((r) => (
              <li key={r.id} className="library-list__item">
                <div className="library-list__name">
                  <strong>{formatDate(r.savedAt)}</strong>
                  <span className="muted">{r.reason}</span>
                </div>
                <div className="library-list__actions">
                  <button type="button" className="btn btn--small" onClick={() => downloadText(`${r.id}.json`, r.text)}>
                    Download
                  </button>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => {
                      deleteRescued(r.id)
                        .then(refreshRescued)
                        .catch((cause: unknown) => setProblem(cause instanceof Error ? cause.message : String(cause)));
                    }}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
