import { describe, expect, it } from 'vitest';
import { type EditResult, type GraphEdit, addNode, connect, removeElements, resetParam, setLabel, setParam } from '../../../src/graph/commands';
import { type History, createHistory, execute, redo, undo } from '../../../src/graph/history';
import { graphFingerprint, restoreHistory, snapshotHistory } from '../../../src/graph/historySnapshot';
import { parseGraph } from '../../../src/graph/parse';
import { serializeGraph } from '../../../src/graph/serialize';
import type { Graph } from '../../../src/graph/types';
import { sampleGraph, testCatalog as catalog } from './fixtures';

function edit(result: EditResult): GraphEdit {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.edit;
}

const isValid = (g: Graph) => parseGraph(JSON.parse(JSON.stringify(g)), catalog).ok;

/** What a reload does: the document goes through its text and the importer. */
function reload(g: Graph): Graph {
  const parsed = parseGraph(JSON.parse(serializeGraph(g)), catalog);
  if (!parsed.ok) throw new Error('does not parse');
  return parsed.graph;
}

function editedHistory(): History {
  let h = createHistory(reload(sampleGraph()));
  const steps: ((g: Graph) => EditResult)[] = [
    (g) => addNode(g, catalog, { type: 'eq', position: { x: 10, y: 10 }, label: 'New EQ' }),
    (g) => connect(g, catalog, { node: 'bass', port: 'out' }, { node: 'eq1', port: 'in' }),
    (g) => setParam(g, catalog, 'eq1', 'p1Gain', -4.5),
    (g) => resetParam(g, catalog, 'eqd', 'p1Gain'),
    (g) => removeElements(g, { nodes: ['eqd'], notes: ['note1'] }),
    (g) => setLabel(g, 'bus', 'Mix'),
  ];
  for (const step of steps) h = execute(h, edit(step(h.graph)));
  return h;
}

describe('undo history across a reload', () => {
  it('restores every step: undo after the reload gives the same documents as before it', () => {
    let before = undo(editedHistory()); // one step in the redo stack too
    const { text } = snapshotHistory(before);
    const restored = restoreHistory(reload(before.graph), JSON.parse(text), isValid);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    let after = restored.history;
    expect(after.undoStack).toHaveLength(5);
    expect(after.redoStack).toHaveLength(1);
    after = redo(after);
    before = redo(before);
    expect(serializeGraph(after.graph)).toBe(serializeGraph(before.graph));
    for (let i = 0; i < 6; i++) {
      after = undo(after);
      before = undo(before);
      expect(serializeGraph(after.graph)).toBe(serializeGraph(before.graph));
    }
    expect(serializeGraph(after.graph)).toBe(serializeGraph(reload(sampleGraph())));
  });

  it('refuses a history made for another document', () => {
    const h = editedHistory();
    const { text } = snapshotHistory(h);
    const other = reload({ ...sampleGraph(), name: 'Other' });
    const result = restoreHistory(other, JSON.parse(text), isValid);
    expect(result).toEqual({ ok: false, reason: 'the stored history belongs to another document' });
  });

  it('refuses steps that do not replay onto the document, even with a matching fingerprint', () => {
    const h = editedHistory();
    const { snapshot } = snapshotHistory(h);
    // Point the first node's removal at another index: the walk no longer comes back.
    const tampered = JSON.parse(JSON.stringify(snapshot));
    tampered.undo[0].inversePatches = [{ op: 'replace', path: ['nodes', 0, 'type'], value: 'nope' }];
    const result = restoreHistory(reload(h.graph), tampered, isValid);
    expect(result.ok).toBe(false);
  });

  it('refuses garbage and prototype keys without throwing', () => {
    const g = reload(sampleGraph());
    for (const junk of [null, 3, 'x', {}, { format: 'mixgraph-history', version: 1, fingerprint: graphFingerprint(g), undo: [{ label: 1 }], redo: [] }]) {
      expect(restoreHistory(g, junk, isValid).ok).toBe(false);
    }
    const evil = {
      format: 'mixgraph-history',
      version: 1,
      fingerprint: graphFingerprint(g),
      undo: [{ label: 'x', patches: [], inversePatches: [{ op: 'add', path: ['__proto__', 'polluted'], value: 1 }] }],
      redo: [],
    };
    expect(restoreHistory(g, evil, isValid).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps at most the step and size limits, dropping the oldest first', () => {
    let h = createHistory(reload(sampleGraph()));
    for (let i = 0; i < 30; i++) h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Gain', i / 2)));
    const bySteps = snapshotHistory(h, { maxSteps: 10, maxChars: 1e9 });
    expect(bySteps.snapshot.undo).toHaveLength(10);
    expect(bySteps.snapshot.undo[9]).toEqual(h.undoStack[29]);
    const lastFour = h.undoStack.slice(-4).reduce((sum, step) => sum + JSON.stringify(step).length + 1, 0);
    const bySize = snapshotHistory(h, { maxSteps: 100, maxChars: lastFour });
    expect(bySize.snapshot.undo).toHaveLength(4);
    // A bounded history still restores: its oldest kept step is simply the end of undo.
    const restored = restoreHistory(reload(h.graph), JSON.parse(bySize.text), isValid);
    expect(restored.ok && restored.history.undoStack.length).toBe(4);
  });
});
