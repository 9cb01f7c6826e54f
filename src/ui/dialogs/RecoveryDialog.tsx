/** Explains an autosave that no longer validates, and offers its raw text for download. */
import type { GraphIssue } from '../../graph/types';
import { IssueList } from '../common/IssueList';
import type { RescuedAutosave } from '../persistence/autosave';
import { downloadText } from '../persistence/download';
import { Modal } from './Modal';

/** Props of `RecoveryDialog`. */
export interface RecoveryDialogProps {
  rescued: RescuedAutosave;
  errors: readonly GraphIssue[];
  /** What was reset or left out to open the rest. */
  changes?: readonly string[];
  /** Whether any of it could be opened. */
  opened: boolean;
  onClose: () => void;
}

/** The autosave recovery dialog. */
export function RecoveryDialog({ rescued, errors, changes, opened, onClose }: RecoveryDialogProps) {
  const download = () => downloadText(`mixgraph-autosave-${rescued.savedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`, rescued.text);
  return (
    <Modal
      title="Your autosaved graph needed repair"
      alert
      wide
      onDismiss={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={download}>
            Download the original autosave
          </button>
          <button type="button" className="btn btn--primary" autoFocus onClick={onClose}>
            Continue
          </button>
        </>
      }
    >
      <p>
        The graph saved in this browser no longer validates, so it could not be opened as it was.{' '}
        {opened ? 'Everything that still validates is open now.' : 'None of it could be opened; an empty graph is open instead.'} The
        original text is kept: download it any time from here or from Presets → Recovered autosaves.
      </p>
      <h3 className="modal__subtitle">Why</h3>
      <IssueList issues={errors} max={10} />
      {changes !== undefined && changes.length > 0 && (
        <>
          <h3 className="modal__subtitle">What was changed to open it</h3>
          <ul className="issue-list">
            {changes.slice(0, 20).map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
