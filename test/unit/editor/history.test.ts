import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EditResult,
  type GraphEdit,
  addGroup,
  addNode,
  addNote,
  connect,
  moveElements,
  removeElements,
  setBypass,
  setLabel,
  setParam,
  updateNote,
} from '../../../src/graph/commands';
import { pasteFragment, extractFragment } from '../../../src/graph/fragment';
import {
  MAX_UNDO_STEPS,
  canRedo,
  canUndo,
  createHistory,
  execute,
  mark,
  redo,
  redoLabel,
  undo,
  undoLabel,
  type History,
} from '../../../src/graph/history';
import type { Graph } from '../../../src/graph/types';
import { sampleGraph, testCatalog as catalog } from './fixtures';

function edit(result: EditResult): GraphEdit {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.edit;
}

/** A deep, plain copy: the expected documents are compared as JSON values. */
const snapshot = (g: Graph): unknown => JSON.parse(JSON.stringify(g));

describe('record, undo, redo', () => {
  it('undo and redo restore the exact documents, step by step', () => {
    const g0 = sampleGraph();
    let h = createHistory(g0);
    const states: unknown[] = [snapshot(g0)];
    const steps: ((g: Graph) => EditResult)[] = [
      (g) => addNode(g, catalog, { type: 'eq', position: { x: 10, y: 10 } }),
      (g) => connect(g, catalog, { node: 'bass', port: 'out' }, { node: 'eq1', port: 'in' }),
      (g) => setParam(g, catalog, 'eq1', 'p1Gain', -4.5),
      (g) => setBypass(g, catalog, 'eqd', true),
      (g) => addGroup(g, ['bass', 'eq1'], { label: 'Bass' }),
      (g) => addNote(g, { position: { x: 3, y: 4 }, text: 'n' }),
      (g) => removeElements(g, { nodes: ['eqd'], notes: ['note1'] }),
      (g) => setLabel(g, 'bus', 'Mix'),
    ];
    for (const step of steps) {
      h = execute(h, edit(step(h.graph)));
      states.push(snapshot(h.graph));
    }
    expect(h.undoStack).toHaveLength(steps.length);
    for (let i = steps.length - 1; i >= 0; i--) {
      h = undo(h);
      expect(snapshot(h.graph)).toEqual(states[i]);
    }
    expect(canUndo(h)).toBe(false);
    expect(h.graph).toEqual(g0);
    for (let i = 1; i <= steps.length; i++) {
      h = redo(h);
      expect(snapshot(h.graph)).toEqual(states[i]);
    }
    expect(canRedo(h)).toBe(false);
  });

  it('labels the steps to undo and redo', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setLabel(h.graph, 'bus', 'Mix')));
    expect(undoLabel(h)).toBe('Rename bus');
    h = undo(h);
    expect(redoLabel(h)).toBe('Rename bus');
    expect(undoLabel(h)).toBeUndefined();
  });

  it('a new edit after undo clears the redo stack', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setLabel(h.graph, 'bus', 'A')));
    h = undo(h);
    h = execute(h, edit(setLabel(h.graph, 'bus', 'B')));
    expect(canRedo(h)).toBe(false);
    expect(h.graph.nodes[3].label).toBe('B');
  });

  it('an edit that changes nothing makes no step and keeps the revision', () => {
    const h = createHistory(sampleGraph());
    const same = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Gain', 3)));
    expect(same).toBe(h);
    const moved = execute(h, edit(moveElements(h.graph, { nodes: { bus: { x: 400, y: 100 } } })));
    expect(moved).toBe(h);
  });

  it('counts revisions for every change, undo and redo', () => {
    let h = createHistory(sampleGraph(), 7);
    h = execute(h, edit(setLabel(h.graph, 'bus', 'A')));
    expect(h.revision).toBe(8);
    h = undo(h);
    h = redo(h);
    expect(h.revision).toBe(10);
    expect(undo(createHistory(sampleGraph())).revision).toBe(0);
  });

  it('keeps at most MAX_UNDO_STEPS steps', () => {
    let h = createHistory(sampleGraph());
    for (let i = 0; i <= MAX_UNDO_STEPS + 4; i++) h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Gain', (i % 40) - 20 + (i % 2) * 0.5)));
    expect(h.undoStack).toHaveLength(MAX_UNDO_STEPS);
  });
});

describe('merge: a drag is one undo step', () => {
  it('folds every frame of a node drag into one step, closed by mark', () => {
    const g0 = sampleGraph();
    let h = createHistory(g0);
    for (let x = 401; x <= 460; x++) h = execute(h, edit(moveElements(h.graph, { nodes: { bus: { x, y: 100 + x - 400 } } }, { merge: true })));
    h = mark(h);
    expect(h.undoStack).toHaveLength(1);
    expect(h.undoStack[0].patches).toHaveLength(1); // compacted: only the last position matters
    expect(h.graph.nodes[3].position).toEqual({ x: 460, y: 160 });
    const after = snapshot(h.graph);
    h = undo(h);
    expect(h.graph).toEqual(g0);
    h = redo(h);
    expect(snapshot(h.graph)).toEqual(after);
  });

  it('a second drag after the mark is a second step', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 100, { merge: true })));
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 120, { merge: true })));
    h = mark(h);
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 200, { merge: true })));
    expect(h.undoStack).toHaveLength(2);
    h = undo(h);
    expect(h.graph.nodes[1].params.hpFreq).toBe(120);
    h = undo(h);
    expect(h.graph.nodes[1].params).not.toHaveProperty('hpFreq');
  });

  it('different keys, or a recorded edit in between, start new steps', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 100, { merge: true })));
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Gain', 1, { merge: true })));
    expect(h.undoStack).toHaveLength(2);
    h = execute(h, edit(setLabel(h.graph, 'bus', 'X')));
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Gain', 2, { merge: true })));
    expect(h.undoStack).toHaveLength(4);
    expect(h.openMergeKey).toBe('params:eqd:p1Gain');
  });

  it('undo closes an open step, so the next drag does not merge into the redone past', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 100, { merge: true })));
    h = undo(h);
    expect(h.openMergeKey).toBeNull();
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'hpFreq', 300, { merge: true })));
    expect(h.undoStack).toHaveLength(1);
    h = undo(h);
    expect(h.graph).toEqual(sampleGraph());
  });

  it('a merged resize that first adds then replaces still undoes exactly', () => {
    const g0 = sampleGraph();
    let h = createHistory(g0);
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Freq', 300, { merge: true })));
    h = execute(h, edit(setParam(h.graph, catalog, 'eqd', 'p1Freq', 320, { merge: true })));
    h = execute(h, edit(updateNote(h.graph, 'note1', { width: 300 }, { merge: true })));
    h = mark(h);
    expect(h.undoStack).toHaveLength(2);
    h = undo(undo(h));
    expect(h.graph).toEqual(g0);
  });
});

describe('ignore', () => {
  it('changes the graph without a step and keeps the stacks when no item is added or removed', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setLabel(h.graph, 'bus', 'A')));
    const moveIgnored: GraphEdit = { ...edit(moveElements(h.graph, { nodes: { drums: { x: 9, y: 9 } } })), history: 'ignore' };
    h = execute(h, moveIgnored);
    expect(h.undoStack).toHaveLength(1);
    expect(h.graph.nodes[0].position).toEqual({ x: 9, y: 9 });
    h = undo(h);
    expect(h.graph.nodes[3]).not.toHaveProperty('label');
    expect(h.graph.nodes[0].position).toEqual({ x: 9, y: 9 });
  });

  it('drops both stacks when an unrecorded edit adds or removes items (indexes would shift)', () => {
    let h = createHistory(sampleGraph());
    h = execute(h, edit(setLabel(h.graph, 'bus', 'A')));
    const removal: GraphEdit = { ...edit(removeElements(h.graph, { nodes: ['drums'] })), history: 'ignore' };
    h = execute(h, removal);
    expect(canUndo(h)).toBe(false);
    expect(h.graph.nodes).toHaveLength(4);
  });
});

describe('property: any sequence of edits undoes back to the start and redoes to the end', () => {
  type Op =
    | { kind: 'add'; type: string; x: number }
    | { kind: 'param'; value: number; merge: boolean }
    | { kind: 'move'; node: number; x: number; merge: boolean }
    | { kind: 'delete'; node: number }
    | { kind: 'wire'; a: number; b: number }
    | { kind: 'paste'; node: number }
    | { kind: 'mark' };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), type: fc.constantFrom('eq', 'bus', 'compressor', 'source'), x: fc.integer({ min: -500, max: 500 }) }),
    fc.record({ kind: fc.constant('param' as const), value: fc.integer({ min: -24, max: 24 }), merge: fc.boolean() }),
    fc.record({ kind: fc.constant('move' as const), node: fc.nat(20), x: fc.integer({ min: -500, max: 500 }), merge: fc.boolean() }),
    fc.record({ kind: fc.constant('delete' as const), node: fc.nat(20) }),
    fc.record({ kind: fc.constant('wire' as const), a: fc.nat(20), b: fc.nat(20) }),
    fc.record({ kind: fc.constant('paste' as const), node: fc.nat(20) }),
    fc.constant({ kind: 'mark' as const }),
  );

  function apply(h: History, o: Op): History {
    const g = h.graph;
    const pick = (i: number) => g.nodes[i % Math.max(1, g.nodes.length)]?.id;
    let result: EditResult | undefined;
    switch (o.kind) {
      case 'add':
        result = addNode(g, catalog, { type: o.type, position: { x: o.x, y: 0 } });
        break;
      case 'param': {
        const eq = g.nodes.find((n) => n.type === 'eq');
        if (eq) result = setParam(g, catalog, eq.id, 'p1Gain', o.value, { merge: o.merge });
        break;
      }
      case 'move': {
        const id = pick(o.node);
        if (id) result = moveElements(g, { nodes: { [id]: { x: o.x, y: o.x / 2 } } }, { merge: o.merge });
        break;
      }
      case 'delete': {
        const id = pick(o.node);
        if (id) result = removeElements(g, { nodes: [id] });
        break;
      }
      case 'wire': {
        const a = pick(o.a);
        const b = pick(o.b);
        if (a && b) result = connect(g, catalog, { node: a, port: 'out' }, { node: b, port: 'in' });
        break;
      }
      case 'paste': {
        const id = pick(o.node);
        if (id) result = pasteFragment(g, catalog, extractFragment(g, { nodes: [id] }), { offset: { x: 40, y: 40 } });
        break;
      }
      case 'mark':
        return mark(h);
    }
    return result?.ok ? execute(h, result.edit) : h;
  }

  it('holds for random sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const start = sampleGraph();
        let h = createHistory(start);
        for (const o of ops) h = apply(h, o);
        const end = snapshot(h.graph);
        const steps = h.undoStack.length;
        for (let i = 0; i < steps; i++) h = undo(h);
        expect(h.graph).toEqual(start);
        for (let i = 0; i < steps; i++) h = redo(h);
        expect(snapshot(h.graph)).toEqual(end);
      }),
      { numRuns: 150 },
    );
  });
});
