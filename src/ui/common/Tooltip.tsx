/**
 * A help tooltip for an element: shown on hover and keyboard focus, placed beside the element
 * in a fixed layer (so scrolling panels do not clip it), and linked by `aria-describedby`.
 */
import { type ReactElement, cloneElement, useId, useState } from 'react';
import { createPortal } from 'react-dom';

interface TooltipTargetProps {
  'aria-describedby'?: string;
  onMouseEnter?: (e: React.MouseEvent<HTMLElement>) => void;
  onMouseLeave?: (e: React.MouseEvent<HTMLElement>) => void;
  onFocus?: (e: React.FocusEvent<HTMLElement>) => void;
  onBlur?: (e: React.FocusEvent<HTMLElement>) => void;
}

/** Wraps one focusable element and shows `text` beside it on hover and focus. */
export function Tooltip({ text, children, side = 'right' }: { text: string; children: ReactElement<TooltipTargetProps>; side?: 'right' | 'bottom' }) {
  const id = useId();
  const [rect, setRect] = useState<DOMRect | null>(null);
  const show = (e: { currentTarget: HTMLElement }) => setRect(e.currentTarget.getBoundingClientRect());
  const hide = () => setRect(null);
  const target = cloneElement(children, {
    'aria-describedby': id,
    onMouseEnter: show,
    onMouseLeave: hide,
    onFocus: show,
    onBlur: hide,
  });
  const style =
    rect === null
      ? undefined
      : side === 'right'
        ? { left: rect.right + 10, top: rect.top + rect.height / 2 }
        : { left: rect.left + rect.width / 2, top: rect.bottom + 8 };
  return (
    <>
      {target}
      {createPortal(
        <div id={id} role="tooltip" className={`tooltip tooltip--${side}${rect === null ? ' tooltip--hidden' : ''}`} style={style}>
          {text}
        </div>,
        document.body,
      )}
    </>
  );
}
