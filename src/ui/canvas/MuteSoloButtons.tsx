/** The M and S toggles on every node's header (monitoring only; see `live/muteSolo.ts`). */
import { toggleMute, toggleSolo, useMuteSolo } from '../live/muteSolo';
import { scopePrefix } from '../modules/moduleScope';
import { useEditor } from '../store/editorState';

/** What each toggle shows: its letter, its verb for screen readers, its tooltip off and on. */
const TOGGLES = {
  mute: {
    letter: 'M',
    verb: 'Mute',
    titleOff: 'Mute: silence this node while you listen (not saved, not in a bounce)',
    titleOn: 'Muted while you listen (not saved, not in a bounce). Click to unmute.',
  },
  solo: {
    letter: 'S',
    verb: 'Solo',
    titleOff: 'Solo: hear only this node’s path to the master (several solos add; not saved, not in a bounce)',
    titleOn: 'Soloed: you hear only the soloed paths to the master. Click to unsolo.',
  },
} as const;

function Toggle({ kind, on, name, onToggle }: { kind: keyof typeof TOGGLES; on: boolean; name: string; onToggle: () => void }) {
  const toggle = TOGGLES[kind];
  return (
    <button
      type="button"
      className={`mute-solo__btn mute-solo__btn--${kind}${on ? ' is-on' : ''}`}
      aria-pressed={on}
      aria-label={`${toggle.verb} ${name}`}
      title={on ? toggle.titleOn : toggle.titleOff}
      onClick={(event) => {
        event.stopPropagation();
        onToggle();
      }}
    >
      {toggle.letter}
    </button>
  );
}

/**
 * Mute and solo buttons for node `nodeId` of the canvas, named after the node for screen readers.
 * Inside an open module they act on the opened instance's node (`vox/comp`).
 */
export function MuteSoloButtons({ id: nodeId, name }: { id: string; name: string }) {
  const id = useEditor(scopePrefix) + nodeId;
  const { muted, soloed } = useMuteSolo(id);
  return (
    <span className="mute-solo nodrag">
      <Toggle kind="mute" on={muted} name={name} onToggle={() => toggleMute(id)} />
      <Toggle kind="solo" on={soloed} name={name} onToggle={() => toggleSolo(id)} />
    </span>
  );
}
