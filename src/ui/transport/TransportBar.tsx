/**
 * The transport in the toolbar: play/pause, stop (back to 0:00), loop, a position slider with
 * the time, and Export WAV. The first Play starts audio (a user gesture, as browsers require).
 * Position and time are written from `requestAnimationFrame` into element refs, so playing does
 * not re-render the toolbar.
 */
import { useEffect, useRef } from 'react';
import { BounceDialog } from '../bounce/BounceDialog';
import { useBounceJob } from '../bounce/bounceJob';
import { Icon } from '../common/icons';
import { onFrame } from '../live/frameLoop';
import { programmeSeconds } from '../live/graphSync';
import { useLive } from '../live/liveStore';
import { countRender } from '../live/renderCount';
import { pause, play, seek, setLoop, stop, transportPosition } from '../live/transport';
import { customDialog } from '../store/dialogs';
import { showNotice } from '../store/editorActions';
import { scopedGraph, useEditor } from '../store/editorState';
import { formatTime } from './formatTime';
import type { Graph } from '../../graph/types';

function openBounce(seconds: number): void {
  void customDialog((close) => <BounceDialog onClose={close} programmeSeconds={seconds} />);
}

let lastLength: { graph: Graph; seconds: number } | null = null;

/** The programme length of `graph`, computed once per document version (selectors run on every store change). */
function documentSeconds(graph: Graph): number {
  if (lastLength?.graph !== graph) lastLength = { graph, seconds: programmeSeconds(graph, 48_000) };
  return lastLength.seconds;
}

/** The transport controls; see the file comment. */
export function TransportBar() {
  countRender('TransportBar');
  const playing = useLive((s) => s.playing);
  const loop = useLive((s) => s.loop);
  const audio = useLive((s) => s.audio);
  const error = useLive((s) => s.error);
  const stale = useLive((s) => s.stale);
  // Length before audio is on; afterwards the live session keeps it (it knows the dropped clips).
  // Read as a number, not through the graph: the bar re-rendered on every pointer move of a drag
  // while playing, for a length it did not show.
  const offlineLength = useEditor((s) => (audio === 'on' ? 0 : documentSeconds(scopedGraph(s))));
  const liveLength = useLive((s) => s.lengthSeconds);
  const length = audio === 'on' ? liveLength : offlineLength;
  const time = useRef<HTMLSpanElement>(null);
  const slider = useRef<HTMLInputElement>(null);
  const dragging = useRef(false);
  const bounce = useBounceJob();
  const bouncing = bounce.kind === 'running' ? `${Math.floor(bounce.fraction * 100)} %` : null;

  useEffect(() => {
    let shown = '';
    return onFrame(() => {
      if (dragging.current) return;
      const position = transportPosition();
      const text = formatTime(position);
      if (text === shown) return;
      shown = text;
      if (time.current) time.current.textContent = text;
      if (slider.current) slider.current.value = String(position);
    });
  }, []);

  // The slider seeks on release (or each key press), not on every pixel of a drag.
  useEffect(() => {
    const element = slider.current;
    if (element === null) return;
    const commit = () => {
      dragging.current = false;
      seek(Number(element.value));
    };
    element.addEventListener('change', commit);
    return () => element.removeEventListener('change', commit);
  }, []);

  const togglePlay = () => {
    if (playing) pause();
    else play().catch(() => showNotice('error', 'Audio could not start. Check that the browser may play sound on this page.'));
  };

  return (
    <div className="transport" role="group" aria-label="Transport" data-audio={audio} data-playing={playing}>
      <button type="button" className={`tool-btn tool-btn--icon transport__play${playing ? ' is-on' : ''}`} onClick={togglePlay} disabled={audio === 'starting'} aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause (keeps the position)' : 'Play'}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" className="tool-btn tool-btn--icon" onClick={stop} disabled={audio !== 'on'} aria-label="Stop" title="Stop and return to the start">
        <Icon name="stop" />
      </button>
      <button type="button" className={`tool-btn tool-btn--icon${loop ? ' is-on' : ''}`} onClick={() => setLoop(!loop)} aria-pressed={loop} aria-label="Loop" title={loop ? 'Looping over the whole programme' : 'Plays once, then stops'}>
        <Icon name="loop" />
      </button>
      <div className="transport__position">
        <input
          ref={slider}
          type="range"
          className="transport__slider"
          min={0}
          max={length}
          step={0.01}
          defaultValue={0}
          aria-label="Position"
          onPointerDown={() => {
            dragging.current = true;
          }}
          onInput={(e) => {
            if (time.current) time.current.textContent = formatTime(Number(e.currentTarget.value));
          }}
        />
        <span className="transport__time" title={stale ?? error ?? undefined}>
          <span ref={time} data-testid="transport-time">
            0:00.0
          </span>
          <span className="transport__length"> / {formatTime(length)}</span>
        </span>
      </div>
      {(stale !== null || audio === 'error') && (
        <span className="transport__warning" role="status" title={stale ?? error ?? ''}>
          <Icon name="alert" size={14} />
        </span>
      )}
      <button
        type="button"
        className={`tool-btn transport__bounce${bouncing !== null ? ' is-busy' : ''}`}
        onClick={() => openBounce(length)}
        title={bouncing !== null ? `Bouncing: ${bouncing} (click for progress and Cancel)` : "Export WAV: render the graph to a file (the CLI's render, in the background)"}
      >
        <Icon name="bounce" />
        <span className="tool-btn__label tool-btn__label--narrow">Bounce</span>
        {bouncing !== null && <span className="transport__bounce-progress">{bouncing}</span>}
      </button>
    </div>
  );
}
