/**
 * The Album panel: tracks added by dropping or picking files (the list keeps their order; drag a
 * row or use the arrows to reorder), a table of their measurements, one plot of every spectrum
 * against the album average, and "Master album", which runs the CLI's album code in Web Workers
 * and downloads a zip identical to `mixgraph album`'s output folder.
 */
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_ALBUM_OPTIONS } from '../../album';
import { Modal } from '../dialogs/Modal';
import { customDialog } from '../store/dialogs';
import { downloadBlob } from '../persistence/download';
import { addAlbumFiles, albumStore, moveAlbumTrack, previewPlan, removeAlbumTrack, useAlbum, type AlbumTrack } from './albumTracks';
import { playTrack, playTransition, useListen } from './albumPlayback';
import { AlbumOptionsForm } from './AlbumOptionsForm';
import { ListenControls } from './ListenControls';
import { analyseTracks, masterAlbum } from './masterAlbum';
import { SpectraPlot } from './SpectraPlot';
import './album.css';

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/** Analyses the tracks that have no analysis yet. */
async function analyseMissing(): Promise<void> {
  const missing = albumStore.get().tracks.filter((t) => !t.analysis && !t.error);
  if (missing.length === 0) return;
  albumStore.set((s) => ({ ...s, status: { kind: 'working', label: 'Analysing', fraction: 0 } }));
  try {
    const results = await analyseTracks(missing, DEFAULT_ALBUM_OPTIONS.sampleRate, new AbortController().signal);
    const byKey = new Map(missing.map((t, i) => [t.key, results[i]]));
    albumStore.set((s) => ({
      ...s,
      tracks: s.tracks.map((t) => (byKey.has(t.key) ? { ...t, analysis: byKey.get(t.key) } : t)),
      status: { kind: 'idle' },
    }));
  } catch (error) {
    albumStore.set((s) => ({ ...s, status: { kind: 'error', message: error instanceof Error ? error.message : String(error) } }));
  }
}

async function addFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  await addAlbumFiles(files);
  await analyseMissing();
}

let running: AbortController | null = null;

async function master(): Promise<void> {
  const { tracks, options, reference } = albumStore.get();
  if (tracks.length === 0 || running) return;
  running = new AbortController();
  const done = new Array<number>(tracks.length).fill(0);
  const show = (label: string) =>
    albumStore.set((s) => ({ ...s, status: { kind: 'working', label, fraction: done.reduce((a, b) => a + b, 0) / (2 * tracks.length) } }));
  try {
    const result = await masterAlbum(
      tracks,
      options,
      (step, index, fraction) => {
        done[index] = step === 'analyse' ? fraction : 1 + fraction;
        show(step === 'analyse' ? 'Analysing' : 'Mastering');
      },
      running.signal,
      reference,
    );
    downloadBlob('album.zip', new Blob([result.zip as BlobPart], { type: 'application/zip' }));
    const failures = result.report.failures;
    albumStore.set((s) => ({
      ...s,
      status: failures.length === 0
        ? { kind: 'done', message: `Mastered ${tracks.length} track(s): album.zip downloaded.` }
        : { kind: 'error', message: `album.zip downloaded; ${failures.join(' · ')}` },
    }));
  } catch (error) {
    albumStore.set((s) => ({ ...s, status: { kind: 'error', message: error instanceof Error ? error.message : String(error) } }));
  } finally {
    running = null;
  }
}

function TrackRow({ track, index, count, deviation }: { track: AlbumTrack; index: number; count: number; deviation: number | undefined }) {
  const a = track.analysis;
  const heard = useListen((s) => s.now?.kind === 'track' && s.now.key === track.key);
  return (
    <tr
      draggable
      data-testid="album-track"
      onDragStart={(e) => e.dataTransfer.setData('application/x-album-track', String(index))}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        const from = e.dataTransfer.getData('application/x-album-track');
        if (from !== '') {
          e.preventDefault();
          e.stopPropagation();
          moveAlbumTrack(Number(from), index);
        }
      }}
    >
      <td className="album-table__num">{index + 1}</td>
      <td className="album-table__name">{track.name}</td>
      <td>{track.error ?? (a ? fmt(a.integratedLufs) : '…')}</td>
      <td>{a ? fmt(a.truePeakDbtp) : ''}</td>
      <td>{a ? fmt(a.loudnessRangeLu) : ''}</td>
      <td>{deviation === undefined ? '' : fmt(deviation, 2)}</td>
      <td className="album-table__actions">
        <button
          type="button"
          className={`btn btn--small${heard ? ' btn--active' : ''}`}
          aria-label={`Play ${track.name}`}
          aria-pressed={heard}
          title="Play through the open graph (while playing: jump here at the same position)"
          onClick={() => void playTrack(index)}
        >
          ▶
        </button>
        <button
          type="button"
          className="btn btn--small"
          aria-label={`Play the transition from ${track.name} to the next track`}
          title="Hear the transition: the last seconds of this track, the gap, the first seconds of the next"
          disabled={index === count - 1}
          onClick={() => void playTransition(index)}
        >
          ⇥
        </button>
        <button type="button" className="btn btn--small" aria-label={`Move ${track.name} up`} disabled={index === 0} onClick={() => moveAlbumTrack(index, index - 1)}>
          ↑
        </button>
        <button type="button" className="btn btn--small" aria-label={`Move ${track.name} down`} disabled={index === count - 1} onClick={() => moveAlbumTrack(index, index + 1)}>
          ↓
        </button>
        <button type="button" className="btn btn--small" aria-label={`Remove ${track.name}`} onClick={() => removeAlbumTrack(track.key)}>
          ✕
        </button>
      </td>
    </tr>
  );
}

/** Shows the Album panel (its state lives in the album store, so reopening loses nothing). */
export function showAlbumPanel(): void {
  void customDialog((close) => <AlbumPanel onClose={close} />);
}

/** The panel, shown in a wide modal from the toolbar's Album button. */
export function AlbumPanel({ onClose }: { onClose: () => void }) {
  const tracks = useAlbum((s) => s.tracks);
  const status = useAlbum((s) => s.status);
  const options = useAlbum((s) => s.options);
  const reference = useAlbum((s) => s.reference);
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const plan = previewPlan(tracks, options, reference);
  useEffect(() => {
    void analyseMissing();
  }, []);
  const busy = status.kind === 'working';
  return (
    <Modal
      title="Album"
      wide
      onDismiss={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn btn--primary" disabled={tracks.length === 0 || busy} onClick={() => void master()}>
            Master album
          </button>
        </>
      }
    >
      <div
        className={`album-drop${dragging ? ' album-drop--over' : ''}`}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDragging(true);
          }
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          setDragging(false);
          if (e.dataTransfer.files.length > 0) {
            e.preventDefault();
            void addFiles([...e.dataTransfer.files]);
          }
        }}
      >
        <p>
          Drop audio files here (WAV, AIFF, FLAC, MP3, Ogg) or{' '}
          <button type="button" className="btn btn--small" onClick={() => picker.current?.click()}>
            pick files…
          </button>
          . Each is mastered through the built-in mastering chain to {options.targetLufs} LUFS ({options.mode === 'album' ? 'one gain for the album' : 'each track'}), {options.ceilingDbtp} dBTP,{' '}
          {options.match === 'none' ? 'without tonal matching' : `matched ${options.amountPercent} % to ${options.match === 'album' ? "the album's average spectrum" : 'the reference'}`}.
        </p>
        <input
          ref={picker}
          type="file"
          multiple
          accept="audio/*,.wav,.aif,.aiff,.flac,.mp3,.ogg,.opus"
          hidden
          data-testid="album-file-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void addFiles(files);
          }}
        />
      </div>
      {tracks.length > 0 && (
        <table className="album-table">
          <thead>
            <tr>
              <th>#</th>
              <th>track</th>
              <th>LUFS</th>
              <th>true peak dBTP</th>
              <th>LRA LU</th>
              <th>tonal dev. dB</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tracks.map((t, i) => (
              <TrackRow key={t.key} track={t} index={i} count={tracks.length} deviation={plan?.tracks[i]?.tonalDeviationBeforeDb} />
            ))}
          </tbody>
        </table>
      )}
      <AlbumOptionsForm disabled={busy} />
      {tracks.length > 0 && <ListenControls onReopen={showAlbumPanel} onClose={onClose} />}
      {plan && <SpectraPlot plan={plan} />}
      <p className={`album-status album-status--${status.kind}`} role="status" data-testid="album-status">
        {status.kind === 'working' ? `${status.label}… ${Math.round(status.fraction * 100)} %` : status.kind === 'idle' ? '' : status.message}
      </p>
    </Modal>
  );
}
