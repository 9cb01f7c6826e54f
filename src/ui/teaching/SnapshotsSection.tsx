/**
 * Snapshots A–D of the whole mix: a lit slot is the one last stored or recalled. Click a stored
 * slot to recall it (params ramp, click-free, while playing), an empty one to store the mix
 * there; "Store" overwrites the lit slot, "Rename" and "Clear" manage it. With "Level-match" on,
 * every slot is heard as loud as the first one measured (snapshotActions.ts).
 */
import { clearSnapshot, renameSnapshot } from '../../graph/commands';
import { SNAPSHOT_SLOTS } from '../../graph/types';
import { dispatch } from '../store/editorActions';
import { promptDialog } from '../store/dialogs';
import { rootGraph, useRootGraph } from '../store/editorState';
import { recallSlot, setLevelMatch, storeSlot } from './snapshotActions';
import { setTeach, useTeach } from './teachStore';

async function renameActive(slot: (typeof SNAPSHOT_SLOTS)[number]): Promise<void> {
  const snapshot = rootGraph().snapshots?.find((s) => s.slot === slot);
  if (snapshot === undefined) return;
  const name = await promptDialog(`Rename snapshot ${slot}`, 'Snapshot name', snapshot.name, 'Rename', (value) =>
    value.trim() === '' ? 'Give the snapshot a name.' : value.trim().length > 60 ? 'Use at most 60 characters.' : undefined,
  );
  if (name !== null) dispatch(renameSnapshot(rootGraph(), slot, name), { root: true });
}

/** The snapshot slots and their actions; see the file comment. */
export function SnapshotsSection() {
  const snapshots = useRootGraph().snapshots;
  const active = useTeach((s) => s.activeSlot);
  const levelMatch = useTeach((s) => s.levelMatch);
  const trimDb = useTeach((s) => s.trimDb);
  const activeStored = active !== null && snapshots?.some((s) => s.slot === active) === true;

  return (
    <div className="teach__snapshots">
      <div className="teach__slots" role="group" aria-label="Snapshots">
        {SNAPSHOT_SLOTS.map((slot) => {
          const snapshot = snapshots?.find((s) => s.slot === slot);
          return (
            <button
              key={slot}
              type="button"
              className="teach__slot"
              aria-pressed={slot === active && snapshot !== undefined}
              data-empty={snapshot === undefined}
              aria-label={`Snapshot ${slot}${snapshot === undefined ? ' (empty)' : `: ${snapshot.name}`}`}
              title={snapshot === undefined ? `Store the mix as snapshot ${slot}` : `Recall snapshot ${slot}: ${snapshot.name}`}
              onClick={() => (snapshot === undefined ? storeSlot(slot) : recallSlot(slot))}
            >
              <span className="teach__slot-letter">{slot}</span>
              <span className="teach__slot-name">{snapshot?.name ?? 'empty'}</span>
            </button>
          );
        })}
      </div>
      <div className="teach__row">
        <button type="button" className="btn btn--small" disabled={active === null} onClick={() => active !== null && storeSlot(active)} title="Store the mix as it is now in the lit slot">
          Store{active !== null ? ` in ${active}` : ''}
        </button>
        <button type="button" className="btn btn--small" disabled={!activeStored} onClick={() => active !== null && void renameActive(active)}>
          Rename
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={!activeStored}
          onClick={() => {
            if (active !== null && dispatch(clearSnapshot(rootGraph(), active), { root: true })) setTeach({ activeSlot: null });
          }}
        >
          Clear
        </button>
        <label className="teach__check" title="Trim the speakers so every snapshot is heard as loud as the first one measured; louder must not win">
          <input type="checkbox" checked={levelMatch} onChange={(e) => setLevelMatch(e.target.checked)} />
          Level-match{levelMatch && trimDb !== 0 ? ` (${trimDb > 0 ? '+' : '−'}${Math.abs(trimDb).toFixed(1)} dB)` : ''}
        </label>
      </div>
    </div>
  );
}
