import { describe, expect, it } from 'vitest';
import type { NodeChange } from '@xyflow/react';
import { readEdgeSelection, readNodeChanges } from '../../../src/ui/canvas/flowChanges';
import type { FlowNode } from '../../../src/ui/canvas/flowTypes';
import { FRAME_PAD_TOP, FRAME_PAD_X, frameBox } from '../../../src/ui/canvas/groupFrames';
import { searchNodeTypes } from '../../../src/ui/canvas/nodeSearch';
import { EMPTY_SELECTION } from '../../../src/ui/store/editorState';
import { sampleGraph, testCatalog } from './fixtures';

const types = [...testCatalog.values()];

describe('quick-add search', () => {
  it('ranks label prefixes first, then words, then contained text, category and help', () => {
    expect(searchNodeTypes(types, 'comp').map((t) => t.type)).toEqual(['compressor']);
    expect(searchNodeTypes(types, 'dyn').map((t) => t.type)).toEqual(['compressor']);
    expect(searchNodeTypes(types, 'sum').map((t) => t.type)).toEqual(['bus']);
    expect(searchNodeTypes(types, '').map((t) => t.type)).toEqual(['source', 'eq', 'compressor', 'bus', 'output']);
  });

  it('offers only types that can take the waiting wire, and not a second master', () => {
    expect(searchNodeTypes(types, '', { needsInput: true }).map((t) => t.type)).toEqual(['eq', 'compressor', 'bus', 'output']);
    expect(searchNodeTypes(types, '', { needsOutput: true, exclude: new Set(['output']) }).map((t) => t.type)).toEqual(['source', 'eq', 'compressor', 'bus']);
  });
});

describe('group frames', () => {
  it('wrap their nodes with padding, using measured sizes', () => {
    const g = sampleGraph();
    const box = frameBox(g, g.groups![0], new Map([['eqd', { width: 100, height: 50 }], ['drums', { width: 150, height: 60 }]]));
    expect(box).toEqual({ position: { x: -FRAME_PAD_X, y: -FRAME_PAD_TOP }, width: 300 + 2 * FRAME_PAD_X, height: 60 + FRAME_PAD_TOP + 20 });
  });
});

describe('React Flow changes → document intents', () => {
  const g = sampleGraph();
  const frame: FlowNode = { id: 'group1', type: 'mgGroup', position: { x: -20, y: -40 }, data: { group: g.groups![0], memberCount: 2 } };

  it('turns node drags into positions and keeps "dragging" for the merge', () => {
    const changes: NodeChange[] = [{ type: 'position', id: 'bus', position: { x: 420, y: 100 }, dragging: true }];
    const intent = readNodeChanges(changes, g, EMPTY_SELECTION, [frame]);
    expect(intent.positions.nodes).toEqual({ bus: { x: 420, y: 100 } });
    expect(intent.dragging).toBe(true);
    expect(intent.moved).toBe(true);
  });

  it('turns a frame move into a move of its member nodes by the same delta', () => {
    const changes: NodeChange[] = [{ type: 'position', id: 'group1', position: { x: 20, y: -20 }, dragging: false }];
    const intent = readNodeChanges(changes, g, EMPTY_SELECTION, [frame]);
    expect(intent.positions.nodes).toEqual({ drums: { x: 40, y: 20 }, eqd: { x: 240, y: 20 } });
    expect(intent.dragging).toBe(false);
  });

  it('keeps a resize of a note (size and position) together until it ends', () => {
    const changes: NodeChange[] = [
      { type: 'dimensions', id: 'note1', dimensions: { width: 260.4, height: 90 }, resizing: true, setAttributes: true },
      { type: 'position', id: 'note1', position: { x: -10, y: 400 } },
    ];
    const intent = readNodeChanges(changes, g, EMPTY_SELECTION, []);
    expect(intent.resizes.get('note1')).toEqual({ width: 260, height: 90, position: { x: -10, y: 400 }, done: false });
    expect(intent.moved).toBe(false);
  });

  it('splits selection changes by kind and records measured node sizes', () => {
    const changes: NodeChange[] = [
      { type: 'select', id: 'bus', selected: true },
      { type: 'select', id: 'note1', selected: true },
      { type: 'select', id: 'group1', selected: true },
      { type: 'dimensions', id: 'bus', dimensions: { width: 188, height: 54 } },
    ];
    const intent = readNodeChanges(changes, g, EMPTY_SELECTION, []);
    expect(intent.selection).toEqual({ nodes: ['bus'], notes: ['note1'], groups: ['group1'], edges: [] });
    expect(intent.sizes.get('bus')).toEqual({ width: 188, height: 54 });
    expect(readEdgeSelection([{ type: 'select', id: 'w2', selected: true }], g, EMPTY_SELECTION)?.edges).toEqual(['w2']);
    expect(readEdgeSelection([], g, EMPTY_SELECTION)).toBeUndefined();
  });
});
