/**
 * The editor's size limit: a document at the limit takes edits, an edit past it is refused with
 * a message naming the count, the limit and the CLI, and the document is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { largeGraph } from '../../../bench/ui/largeGraph';
import { addNode } from '../../../src/graph/commands';
import { parseDocument } from '../../../src/runtime/document';
import { catalog } from '../../../src/nodes/registry';
import { EDITOR_MAX_NODES } from '../../../src/ui/config';
import { dispatch, loadDocument } from '../../../src/ui/store/editorActions';
import { currentGraph, editorStore } from '../../../src/ui/store/editorState';
import { tooLargeForEditor } from '../../../src/ui/store/editorLimit';

describe('the editor’s node limit', () => {
  it('names the count, the limit and the CLI', () => {
    expect(tooLargeForEditor(EDITOR_MAX_NODES)).toBeUndefined();
    expect(tooLargeForEditor(20_000)).toBe(
      `This graph has 20,000 nodes; the editor handles up to ${EDITOR_MAX_NODES.toLocaleString('en-US')}. Render it with the command line, which takes up to 20,000: npx mixgraph render graph.json -o out.wav`,
    );
  });

  it('refuses an edit that takes the document past the limit, and keeps the document', () => {
    const parsed = parseDocument(largeGraph(EDITOR_MAX_NODES - 1));
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    loadDocument(parsed.graph, { kind: 'new', name: 'big' });
    expect(dispatch(addNode(currentGraph(), catalog, { type: 'gain', position: { x: 0, y: -400 } }))).toBe(true);
    const atLimit = currentGraph();
    expect(atLimit.nodes).toHaveLength(EDITOR_MAX_NODES);
    expect(dispatch(addNode(atLimit, catalog, { type: 'gain', position: { x: 0, y: -800 } }))).toBe(false);
    expect(currentGraph()).toBe(atLimit);
    expect(editorStore.get().notice?.text).toContain(`This graph has ${(EDITOR_MAX_NODES + 1).toLocaleString('en-US')} nodes`);
  });
});
