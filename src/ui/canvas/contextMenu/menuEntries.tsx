/**
 * What each context menu offers. Node: bypass, mute/solo, probe, A/B, duplicate, group, delete,
 * help. Wire: probe, insert node, delete. Canvas: add node, paste, fit view. Every entry runs the
 * same action as its button or shortcut elsewhere, so undo and refusals behave the same.
 */
import { canBypass, canBypassNode, disconnect, removeElements, setBypass } from '../../../graph/commands';
import { catalog } from '../../../nodes/registry';
import { endAb, setAbSide } from '../../live/abCompare';
import { liveStore } from '../../live/liveStore';
import { toggleProbe } from '../../live/probe';
import { startAudio } from '../../live/transport';
import { liveMainInputs } from '../../live/liveInputs';
import { liveIdOf } from '../../modules/moduleScope';
import { duplicate, groupSelection, pasteText } from '../../keyboard/editActions';
import { customDialog } from '../../store/dialogs';
import { dispatch, setSelection, showNotice } from '../../store/editorActions';
import { currentGraph, editorStore, rootGraph } from '../../store/editorState';
import { canvasBridge } from '../canvasBridge';
import { openQuickAdd } from '../quickAddState';
import { monitorEntries } from './monitorEntries';
import type { ContextMenuState } from './contextMenuState';
import { NodeHelpDialog } from './NodeHelpDialog';
import { moduleEntries } from '../../modules/moduleMenu';
import { definitionOfNode } from '../../modules/nodeDefinitionOf';

/** One menu entry: an action (with its shortcut as a hint) or a separator. */
export type ContextEntry = { kind: 'item'; label: string; hint?: string; disabled?: boolean; checked?: boolean; onSelect: () => void } | { kind: 'separator' };

const separator: ContextEntry = { kind: 'separator' };

/** The text this tab last put on the clipboard (a fallback when the page may not read it). */
let lastCopied: string | undefined;
for (const type of ['copy', 'cut'] as const) {
  window.addEventListener(type, (event) => {
    const text = event.clipboardData?.getData('text/plain');
    if (text !== undefined && text !== '') lastCopied = text;
  });
}

async function pasteFromMenu(): Promise<void> {
  let text: string | undefined;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    text = undefined; // no permission: use what this tab copied
  }
  if (text === undefined || text.trim() === '') text = lastCopied;
  if (text === undefined || !pasteText(text)) showNotice('info', 'Nothing to paste: copy nodes first (Ctrl+C).');
}

/** Selects `id` unless it is already part of the selection (menus act on the selection it belongs to). */
function selectFor(id: string): void {
  const { selection } = editorStore.get();
  if (!selection.nodes.includes(id)) setSelection({ nodes: [id], edges: [], notes: [], groups: [] });
}

function nodeEntries(id: string): ContextEntry[] {
  const graph = currentGraph();
  const node = graph.nodes.find((n) => n.id === id);
  const note = (graph.notes ?? []).some((n) => n.id === id);
  const group = (graph.groups ?? []).some((g) => g.id === id);
  if (node === undefined) {
    if (!note && !group) return [];
    return [{ kind: 'item', label: note ? 'Delete note' : 'Remove group (keep its nodes)', hint: 'Del', onSelect: () => dispatch(removeElements(currentGraph(), note ? { notes: [id] } : { groups: [id] })) }];
  }
  // Through the module's instance spec for a module instance: a channel strip has outputs to
  // probe and help to show, although it is no catalog type.
  const definition = definitionOfNode(rootGraph(), node);
  const live = liveStore.get();
  // Probe and A/B act on the live engine's node (inside an open module, the opened instance's).
  const liveId = liveIdOf(editorStore.get(), id, node.type);
  const entries: ContextEntry[] = [];
  if (canBypassNode(currentGraph(), catalog, node)) {
    entries.push({ kind: 'item', label: 'Bypass', checked: node.bypass === true, onSelect: () => dispatch(setBypass(currentGraph(), catalog, id, node.bypass !== true)) });
  }
  entries.push(...monitorEntries(id));
  if ((definition?.outputs.length ?? 0) > 0) {
    entries.push({ kind: 'item', label: 'Probe (listen here)', hint: 'Alt+click', checked: live.monitored === liveId, onSelect: () => void toggleProbe(liveId) });
  }
  if (canBypass(catalog, node.type)) {
    const comparing = live.ab?.nodeId === liveId;
    entries.push({
      kind: 'item',
      label: comparing ? 'End A/B' : 'A/B: hear it bypassed',
      checked: comparing,
      onSelect: () => {
        setSelection({ nodes: [id], edges: [], notes: [], groups: [] });
        if (comparing) endAb();
        else void startAudio().then(() => setAbSide(liveId, liveMainInputs(editorStore.get().history.graph, liveId), 'B'));
      },
    });
  }
  entries.push(separator);
  entries.push({ kind: 'item', label: 'Duplicate', hint: 'Ctrl+D', onSelect: () => (selectFor(id), duplicate()) });
  entries.push({ kind: 'item', label: 'Group', hint: 'Ctrl+G', onSelect: () => (selectFor(id), groupSelection()) });
  entries.push(...moduleEntries(id, () => selectFor(id)));
  entries.push({
    kind: 'item',
    label: 'Delete',
    hint: 'Del',
    onSelect: () => {
      const { selection } = editorStore.get();
      dispatch(removeElements(currentGraph(), selection.nodes.includes(id) ? selection : { nodes: [id] }));
    },
  });
  if (definition !== undefined) {
    entries.push(separator);
    entries.push({ kind: 'item', label: `Help: ${definition.label}`, onSelect: () => void customDialog((close) => <NodeHelpDialog definition={definition} onClose={close} />) });
  }
  return entries;
}

function wireEntries(id: string, menu: ContextMenuState): ContextEntry[] {
  const edge = currentGraph().edges.find((e) => e.id === id);
  if (edge === undefined) return [];
  const live = liveStore.get();
  return [
    { kind: 'item', label: 'Probe (listen here)', hint: 'Alt+click', checked: live.monitored === edge.from.node, onSelect: () => void toggleProbe(edge.from.node) },
    { kind: 'item', label: 'Insert node…', onSelect: () => openQuickAdd({ client: menu.client, flow: menu.flow, intoWire: id }) },
    separator,
    { kind: 'item', label: 'Delete wire', hint: 'Del', onSelect: () => dispatch(disconnect(currentGraph(), [id])) },
  ];
}

function canvasEntries(menu: ContextMenuState): ContextEntry[] {
  return [
    { kind: 'item', label: 'Add node…', hint: 'Space', onSelect: () => openQuickAdd({ client: menu.client, flow: menu.flow }) },
    { kind: 'item', label: 'Paste', hint: 'Ctrl+V', onSelect: () => void pasteFromMenu() },
    { kind: 'item', label: 'Fit view', hint: 'F', onSelect: () => (setSelection({ nodes: [], edges: [], notes: [], groups: [] }), canvasBridge()?.fitView()) },
  ];
}

/** The entries of an open menu. */
export function entriesFor(menu: ContextMenuState): ContextEntry[] {
  switch (menu.target.kind) {
    case 'node':
      return nodeEntries(menu.target.id);
    case 'wire':
      return wireEntries(menu.target.id, menu);
    case 'canvas':
      return canvasEntries(menu);
  }
}
