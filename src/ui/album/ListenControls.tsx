/**
 * The Album panel's listening bar: what plays, its position (the transport's clock, drawn per
 * frame), level matching, Stop — and, when the open graph has no `file:track` source, the way to
 * get one (open the album mastering chain).
 */
import { useEffect, useRef } from 'react';
import { defaultAlbumGraph } from '../../album';
import { confirmDiscard } from '../documents/documentActions';
import { onFrame } from '../live/frameLoop';
import { useLive } from '../live/liveStore';
import { transportPosition } from '../live/transport';
import { loadDocument } from '../store/editorActions';
import { isDirty, editorStore, useEditor } from '../store/editorState';
import { formatTime } from '../transport/formatTime';
import { graphPlaysTrack, setLevelMatch, stopListening, useListen } from './albumPlayback';
import { useAlbum } from './albumTracks';
import type { LevelMatch } from './listening';

/** Opens the album mastering chain as the document (asking first when the open one is unsaved). */
async function openAlbumChain(reopen: () => void, close: () => void): Promise<void> {
  const load = () => loadDocument(defaultAlbumGraph(), { kind: 'preset', name: 'Album mastering chain' });
  if (!isDirty(editorStore.get())) {
    load();
    return;
  }
  // The discard question is a dialog of its own: it shows once this panel has closed.
  close();
  if (await confirmDiscard('The album mastering chain')) load();
  reopen();
}

export function ListenControls({ onReopen, onClose }: { onReopen: () => void; onClose: () => void }) {
  const plays = useEditor((s) => graphPlaysTrack(s.history.graph));
  const now = useListen((s) => s.now);
  const levelMatch = useListen((s) => s.levelMatch);
  const error = useListen((s) => s.error);
  const tracks = useAlbum((s) => s.tracks);
  const playing = useLive((s) => s.playing);
  const time = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      onFrame(() => {
        if (time.current !== null) time.current.textContent = formatTime(transportPosition());
      }),
    [],
  );
  const name = (key: number) => tracks.find((t) => t.key === key)?.name ?? '?';
  const what = now === null ? 'Nothing' : now.kind === 'track' ? name(now.key) : `${name(now.key)} → ${name(now.nextKey)}`;
  return (
    <div className="album-listen">
      {!plays && (
        <p className="album-listen__hint" data-testid="album-no-track-source">
          The open graph has no source playing <code>file:track</code>, so it cannot play the album&apos;s tracks.{' '}
          <button type="button" className="btn btn--small" onClick={() => void openAlbumChain(onReopen, onClose)}>
            Open the album mastering chain
          </button>
        </p>
      )}
      <div className="album-listen__bar">
        <span data-testid="album-now-playing">
          {playing && now !== null ? 'Playing' : 'Stopped'}: {what}
        </span>
        <span ref={time} className="album-listen__time" data-testid="album-position">
          0:00.0
        </span>
        <label>
          Level match{' '}
          <select value={levelMatch} onChange={(e) => void setLevelMatch(e.currentTarget.value as LevelMatch)} aria-label="Level match">
            <option value="off">off (as recorded)</option>
            <option value="plan">album plan gain</option>
            <option value="loudness">equal loudness</option>
          </select>
        </label>
        <button type="button" className="btn btn--small" onClick={stopListening} disabled={!playing}>
          ■ Stop
        </button>
      </div>
      {error !== null && <p className="album-status album-status--error">{error}</p>}
    </div>
  );
}
