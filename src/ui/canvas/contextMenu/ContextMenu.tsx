/**
 * The canvas's context menu (WAI-ARIA menu): opens on right-click or the Menu key / Shift+F10,
 * focus on the first entry; ↑/↓ (and Home/End) move, Enter or Space runs an entry, Escape or a
 * click elsewhere closes it and gives focus back. It is measured after the first paint and kept
 * inside the window (`placeMenu`), so it is never off screen.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { closeContextMenu, useContextMenu } from './contextMenuState';
import { entriesFor } from './menuEntries';
import { placeMenu } from './menuPosition';

const TITLES = { node: 'Node menu', wire: 'Wire menu', canvas: 'Canvas menu' } as const;

/** The open context menu, if any. */
export function ContextMenu() {
  const menu = useContextMenu();
  return menu === null ? null : <OpenMenu key={`${menu.target.kind}:${'id' in menu.target ? menu.target.id : ''}:${menu.client.x},${menu.client.y}`} />;
}

function OpenMenu() {
  const menu = useContextMenu();
  const list = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState<{ x: number; y: number } | null>(null);
  const entries = useMemo(() => (menu === null ? [] : entriesFor(menu)), [menu]);

  useLayoutEffect(() => {
    const element = list.current;
    if (element === null || menu === null) return;
    const rect = element.getBoundingClientRect();
    setPosition(placeMenu(menu.client, { width: rect.width, height: rect.height }, { width: window.innerWidth, height: window.innerHeight }));
    const onPointer = (e: PointerEvent) => {
      if (!element.contains(e.target as Node)) closeContextMenu();
    };
    const onBlurWindow = () => closeContextMenu();
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('blur', onBlurWindow);
    window.addEventListener('resize', onBlurWindow);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('blur', onBlurWindow);
      window.removeEventListener('resize', onBlurWindow);
    };
  }, [menu]);

  // Focus the first entry once placed (a hidden element cannot take focus).
  useEffect(() => {
    if (position !== null) list.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [position]);

  if (menu === null || entries.length === 0) return null;

  const close = (refocus: boolean) => {
    closeContextMenu();
    if (refocus) menu.returnFocus?.focus();
  };
  const run = (entry: (typeof entries)[number]) => {
    if (entry.kind !== 'item' || entry.disabled === true) return;
    close(true);
    entry.onSelect();
  };
  const move = (to: (index: number, count: number) => number) => {
    const items = Array.from(list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? []);
    if (items.length === 0) return;
    const index = items.indexOf(document.activeElement as HTMLElement);
    items[(to(index, items.length) + items.length) % items.length]?.focus();
  };

  return (
    <ul
      ref={list}
      role="menu"
      aria-label={TITLES[menu.target.kind]}
      className="menu__list context-menu"
      style={position === null ? { left: menu.client.x, top: menu.client.y, visibility: 'hidden' } : { left: position.x, top: position.y }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'ArrowDown') move((i) => i + 1);
        else if (e.key === 'ArrowUp') move((i, n) => (i < 0 ? n - 1 : i - 1));
        else if (e.key === 'Home') move(() => 0);
        else if (e.key === 'End') move((_, n) => n - 1);
        else if (e.key === 'Escape') close(true);
        else if (e.key === 'Tab') close(false);
        else return;
        if (e.key !== 'Tab') e.preventDefault();
      }}
    >
      {entries.map((entry, i) =>
        entry.kind === 'separator' ? (
          <li key={i} role="separator" className="menu__separator" />
        ) : (
          <li
            key={i}
            role={entry.checked !== undefined ? 'menuitemcheckbox' : 'menuitem'}
            aria-checked={entry.checked}
            tabIndex={-1}
            aria-disabled={entry.disabled === true}
            className="menu__item"
            onClick={() => run(entry)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                run(entry);
              }
            }}
          >
            <span>
              <span className="context-menu__check" aria-hidden="true">
                {entry.checked === true ? '✓' : ''}
              </span>
              {entry.label}
            </span>
            {entry.hint !== undefined && <span className="menu__hint">{entry.hint}</span>}
          </li>
        ),
      )}
    </ul>
  );
}
