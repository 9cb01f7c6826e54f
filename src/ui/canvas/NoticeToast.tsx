/** The latest notice (a refused wire or edit, an info) floating over the top of the canvas. */
import { useEffect } from 'react';
import { Icon } from '../common/icons';
import { dismissNotice } from '../store/editorActions';
import { useEditor } from '../store/editorState';

/** How long a notice stays, in ms. Long enough to read a two-line reason. */
const NOTICE_MS = 9000;

/** The notice toast over the canvas. */
export function NoticeToast() {
  const notice = useEditor((s) => s.notice);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(dismissNotice, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (notice === null) return null;
  const urgent = notice.kind !== 'info';
  return (
    <div className={`toast toast--${notice.kind}`} role={urgent ? 'alert' : 'status'} data-testid="notice">
      <Icon name={urgent ? 'alert' : 'check'} size={16} />
      <span className="toast__text">{notice.text}</span>
      <button type="button" className="toast__close" aria-label="Dismiss message" onClick={dismissNotice}>
        ×
      </button>
    </div>
  );
}
