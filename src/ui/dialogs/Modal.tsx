/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, makes the rest of
 * the page inert, and closes on Escape (reported through `onDismiss`).
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Props of `Modal`. */
export interface ModalProps {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  onDismiss: () => void;
  wide?: boolean;
  /** Role tone: `alertdialog` for errors and destructive questions. */
  alert?: boolean;
}

/** A modal dialog frame: title, body, footer buttons. */
export function Modal({ title, children, footer, onDismiss, wide, alert }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${wide === true ? ' modal--wide' : ''}`}
      role={alert === true ? 'alertdialog' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
    >
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      <div className="modal__body">{children}</div>
      {footer !== undefined && <div className="modal__footer">{footer}</div>}
    </dialog>
  );
}
