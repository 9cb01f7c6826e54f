/**
 * A toolbar drop-down menu (WAI-ARIA menu button pattern): Enter/Space/↓ opens it, arrows move,
 * Enter picks, Escape closes and returns focus to the button.
 *
 * The list is placed `fixed` under its button (kept inside the window, scrolling when taller than
 * the room below): the toolbar clips what does not fit (`overflow: hidden`, so the page never
 * scrolls sideways), and an absolutely placed list was cut off by it, and focusing its first item
 * scrolled the whole toolbar out of sight.
 */
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { Icon } from '../common/icons';

/** An entry of a toolbar menu: an action, a section heading or a separator. */
export type MenuEntry =
  | { kind: 'item'; label: string; onSelect: () => void; hint?: string; disabled?: boolean }
  | { kind: 'heading'; label: string }
  | { kind: 'separator' };

/** A menu button and its drop-down list. */
export function Menu({
  label,
  icon,
  entries,
  onOpen,
  title,
  labelClassName,
  className,
}: {
  label: string;
  icon?: ReactNode;
  entries: readonly MenuEntry[];
  onOpen?: () => void;
  /** Tooltip of the button. */
  title?: string;
  /** Class of the label (`tool-btn__label` folds it away on narrow windows; it stays the name). */
  labelClassName?: string;
  /** Extra class of the menu's wrapper. */
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useLayoutEffect(() => {
    const el = list.current;
    if (!open || el === null || button.current === null) return;
    const anchor = button.current.getBoundingClientRect();
    const top = anchor.bottom + 4;
    el.style.position = 'fixed';
    el.style.top = `${top}px`;
    el.style.left = `${Math.max(8, Math.min(anchor.left, window.innerWidth - el.offsetWidth - 8))}px`;
    el.style.maxHeight = `${Math.max(120, window.innerHeight - top - 8)}px`;
    el.style.overflowY = 'auto';
  }, [open]);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus({ preventScroll: true });
    const onPointer = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const move = (delta: number) => {
    const items = Array.from(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    items[(index + delta + items.length) % items.length]?.focus();
  };

  return (
    <div className={className === undefined ? 'menu' : `menu ${className}`}>
      <button
        ref={button}
        type="button"
        className="tool-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={title}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            onOpen?.();
            setOpen(true);
          }
        }}
      >
        {icon}
        <span className={labelClassName}>{label}</span>
        <Icon name="chevron" size={12} />
      </button>
      {open && (
        <ul
          ref={list}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu__list"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close(true);
            } else if (e.key === 'Tab') {
              close(false);
            }
          }}
        >
          {entries.map((entry, i) => {
            if (entry.kind === 'separator') return <li key={i} role="separator" className="menu__separator" />;
            if (entry.kind === 'heading') {
              return (
                <li key={i} role="presentation" className="menu__heading">
                  {entry.label}
                </li>
              );
            }
            return (
              <li
                key={i}
                role="menuitem"
                tabIndex={-1}
                aria-disabled={entry.disabled === true}
                className="menu__item"
                onClick={() => {
                  if (entry.disabled === true) return;
                  close(false);
                  entry.onSelect();
                }}
                onKeyDown={(e) => {
                  if ((e.key === 'Enter' || e.key === ' ') && entry.disabled !== true) {
                    e.preventDefault();
                    close(true);
                    entry.onSelect();
                  }
                }}
              >
                <span>{entry.label}</span>
                {entry.hint !== undefined && <span className="menu__hint">{entry.hint}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
