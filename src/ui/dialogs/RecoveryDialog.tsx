/**
 * Explains an autosave that no longer validates, says truthfully whether its raw text was kept,
 * and offers that text for download.
 */
import type { GraphIssue } from '../../graph/types';
import { IssueList } from '../common/IssueList';
import type { RescueOutcome } from '../persistence/rescueStore';
import { downloadText } from '../persistence/download';
import { Modal } from './Modal';

/** Props of `RecoveryDialog`. */
export interface RecoveryDialogProps {
  /** Whether the original text was stored (and read back), with the text either way. */
  outcome: RescueOutcome;
  errors: readonly GraphIssue[];
  /** What was reset or left out to open the rest. */
  changes?: readonly string[];
  /** Whether any of it could be opened. */
  opened: boolean;
  onClose: () => void;
}

/** The autosave recovery dialog. */
export function RecoveryDialog({ outcome, errors, changes, opened, onClose }: RecoveryDialogProps) {
  const { entry } = outcome;
  const download = () => downloadText(`mixgraph-autosave-${entry.savedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`, entry.text);
  return (
    <Modal
      title="Your autosaved graph needed repair"
      alert
      wide
      onDismiss={onClose}
      footer={
        <>
          <button type="button" className={`btn${outcome.kept ? '' : ' btn--primary'}`} autoFocus={!outcome.kept} onClick={download}>
            Download the original autosave
          </button>
          <button type="button" className={`btn${outcome.kept ? ' btn--primary' : ' btn--danger'}`} autoFocus={outcome.kept} onClick={onClose}>
            {outcome.kept ? 'Continue' : 'Continue without keeping it'}
          </button>
        </>
      }
    >
      <p>
        The graph saved in this browser no longer validates, so it could not be opened as it was.{' '}
        {opened ? 'Everything that still validates is open now.' : 'None of it could be opened; an empty graph is open instead.'}
      </p>
      {outcome.kept ? (
        <p>The original text is kept: download it any time from here or from Presets → Recovered autosaves.</p>
      ) : (
        <p className="modal__warning" role="alert">
          <strong>The original text could not be kept</strong>: {outcome.problem}. Download it now — once you continue, the next
          autosave replaces it and it is gone. Until then it stays untouched.
        </p>
      )}
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
