/** The share link of the current graph, selectable and copyable. */
import { useState } from 'react';
import { Modal } from './Modal';

/** The share-link dialog. */
export function ShareDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Modal
      title="Share link"
      onDismiss={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void copy()}>
            {copied === 'copied' ? 'Copied' : 'Copy link'}
          </button>
        </>
      }
    >
      <p>
        The whole graph travels inside this link, compressed in the part after “#”. Nothing is uploaded: whoever opens it gets this exact
        graph.
      </p>
      <label className="form-row" htmlFor="share-url">
        <span>Link ({url.length.toLocaleString('en')} characters)</span>
        <textarea id="share-url" className="text-input share-url" readOnly rows={4} value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="muted" role="status">
        {copied === 'copied' ? 'The link is on your clipboard.' : copied === 'failed' ? 'Copying was blocked; select the link and copy it by hand.' : ''}
      </p>
    </Modal>
  );
}
