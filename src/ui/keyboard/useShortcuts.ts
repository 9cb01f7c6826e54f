/**
 * Global keyboard shortcuts and clipboard handling. Copy/cut/paste use the browser's clipboard
 * events, so Ctrl+C in one tab and Ctrl+V in another move nodes as JSON text without any
 * permission prompt. Nothing fires while the user types in a field or a dialog is open.
 */
import { useEffect } from 'react';
import { canvasBridge, placementPoint } from '../canvas/canvasBridge';
import { openQuickAdd, quickAddStore } from '../canvas/quickAddState';
import { saveAsPreset } from '../documents/documentActions';
import { dialogStore } from '../store/dialogs';
import { isSelectionEmpty, redoEdit, selectAll, setSelection, undoEdit } from '../store/editorActions';
import { EMPTY_SELECTION, editorStore } from '../store/editorState';
import { addNoteHere, copySelectionText, deleteSelection, duplicate, groupSelection, pasteText, ungroupSelection } from './editActions';
import { isEditableTarget } from './isEditable';
import { spaceBelongsTo, togglePlayback } from './playKey';
import { makeModuleFromSelection, selectedInstance } from '../modules/moduleActions';
import { closeModule, openSelectedModule } from '../modules/moduleScope';

function busy(target: EventTarget | null): boolean {
  return isEditableTarget(target) || dialogStore.get().queue.length > 0 || quickAddStore.get() !== null;
}

/** The element that last took focus from a pointer press (a click leaves focus on buttons). */
let pointerFocused: EventTarget | null = null;
let pointerDownAt = -Infinity;
let tabAt = -Infinity;

function onPointerDown(): void {
  pointerDownAt = performance.now();
}

function onTabDown(event: KeyboardEvent): void {
  if (event.key === 'Tab') tabAt = performance.now();
}

function onFocusIn(event: FocusEvent): void {
  // A Tab pressed after the last click moved focus by keyboard, however quickly it followed.
  const now = performance.now();
  pointerFocused = now - pointerDownAt < 500 && pointerDownAt > tabAt ? event.target : null;
}

/** Whether the element holds focus the user gave it with the keyboard (not left there by a click). */
function keyboardFocused(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target !== document.body && target !== pointerFocused;
}

/**
 * Whether a key press is aimed at the canvas (where “/” opens quick-add): focus is in the canvas,
 * or the pointer is over the canvas and no control holds keyboard focus.
 */
function canvasIsTarget(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && target.closest('.canvas') !== null) return true;
  return !keyboardFocused(target) && canvasBridge()?.pointer() !== undefined;
}

/** Opens quick-add under the pointer when it is over the canvas, else near the canvas's centre. */
function openQuickAddAtPointer(): void {
  const bridge = canvasBridge();
  const pointer = bridge?.pointer();
  const rect = bridge?.bounds();
  const client = pointer ?? (rect !== undefined ? { x: rect.left + rect.width / 2 - 150, y: rect.top + rect.height / 3 } : { x: 200, y: 200 });
  openQuickAdd({ client, flow: placementPoint() });
}

function onKeyDown(event: KeyboardEvent): void {
  if (busy(event.target)) return;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();

  if (mod && key === 'z') {
    event.preventDefault();
    if (event.shiftKey) redoEdit();
    else undoEdit();
  } else if (mod && key === 'y') {
    event.preventDefault();
    redoEdit();
  } else if (mod && key === 'a') {
    event.preventDefault();
    selectAll();
  } else if (mod && key === 'd') {
    event.preventDefault();
    duplicate();
  } else if (mod && event.altKey && key === 'g') {
    event.preventDefault();
    makeModuleFromSelection();
  } else if (mod && key === 'g') {
    event.preventDefault();
    if (event.shiftKey) ungroupSelection();
    else groupSelection();
  } else if (mod && key === 's') {
    event.preventDefault();
    void saveAsPreset();
  } else if (event.key === ' ' && !mod && !event.altKey && !event.shiftKey) {
    // Space plays/pauses, except on a control the keyboard has focus on (Space presses it; a
    // button merely clicked keeps no claim, or Space would click it again).
    if (keyboardFocused(event.target) && spaceBelongsTo(event.target)) return;
    event.preventDefault();
    if (!event.repeat) togglePlayback();
  } else if ((!mod && !event.altKey && event.key === '/' && canvasIsTarget(event.target)) || (event.ctrlKey && !event.altKey && event.key === ' ')) {
    // Quick-add: “/” over the canvas, or Ctrl+Space anywhere outside a text field.
    event.preventDefault();
    openQuickAddAtPointer();
  } else if (!mod && !event.altKey && key === 'n') {
    event.preventDefault();
    addNoteHere();
  } else if (!mod && !event.altKey && key === 'f' && canvasIsTarget(event.target)) {
    event.preventDefault();
    canvasBridge()?.fitView();
  } else if (event.key === 'Enter' && !mod && !event.altKey && !keyboardFocusedControl(event.target) && selectedInstance() !== undefined) {
    event.preventDefault();
    openSelectedModule();
  } else if (event.key === 'Escape') {
    const state = editorStore.get();
    if (isSelectionEmpty(state.selection) && state.scope !== null) closeModule(state.scope.trail.length - 1);
    else setSelection(EMPTY_SELECTION);
  }
}

/** A button, link or field the keyboard is on: Enter belongs to it. */
function keyboardFocusedControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, input, select, textarea, [contenteditable="true"]') !== null;
}

function onCopy(event: ClipboardEvent, cut: boolean): void {
  if (busy(event.target) || (window.getSelection()?.toString() ?? '') !== '') return;
  const text = copySelectionText();
  if (text === undefined || event.clipboardData === null) return;
  event.preventDefault();
  event.clipboardData.setData('text/plain', text);
  if (cut) deleteSelection();
}

function onPaste(event: ClipboardEvent): void {
  if (busy(event.target) || event.clipboardData === null) return;
  if (pasteText(event.clipboardData.getData('text/plain'))) event.preventDefault();
}

/** Installs the global shortcuts and clipboard handlers while the editor is mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onTabDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onTabDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
