/** The M and S toggles on every node's header (monitoring only; see `live/muteSolo.ts`). */
import { toggleMute, toggleSolo, useMuteSolo } from '../live/muteSolo';
import { scopePrefix } from '../modules/moduleScope';
import { useEditor } from '../store/editorState';

/**
 * Mute and solo buttons for node `nodeId` of the canvas, named after the node for screen readers.
 * Inside an open module they act on the opened instance's node (`vox/comp`).
 */
export function MuteSoloButtons({ id: nodeId, name }: { id: string; name: string }) {
  const id = useEditor(scopePrefix) + nodeId;
  const { muted, soloed } = useMuteSolo(id);
  return (
    <span className="mute-solo nodrag">
      <button
        type="button"
        className={`mute-solo__btn mute-solo__btn--mute${muted ? ' is-on' : ''}`}
        aria-pressed={muted}
        aria-label={`Mute ${name}`}
        title={muted ? 'Muted while you listen (not saved, not in a bounce). Click to unmute.' : 'Mute: silence this node while you listen (not saved, not in a bounce)'}
        onClick={(event) => {
          event.stopPropagation();
          toggleMute(id);
        }}
      >
        M
      </button>
      <button
        type="button"
        className={`mute-solo__btn mute-solo__btn--solo${soloed ? ' is-on' : ''}`}
        aria-pressed={soloed}
        aria-label={`Solo ${name}`}
        title={soloed ? 'Soloed: you hear only the soloed paths to the master. Click to unsolo.' : 'Solo: hear only this node’s path to the master (several solos add; not saved, not in a bounce)'}
        onClick={(event) => {
          event.stopPropagation();
          toggleSolo(id);
        }}
      >
        S
      </button>
    </span>
  );
}
