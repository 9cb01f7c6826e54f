/**
 * The canvas: React Flow showing the document. React Flow owns only the view (zoom, pan,
 * measuring); every change it reports is turned into a command on the document (see
 * `flowChanges.ts`, `useWiring.ts`), so undo, autosave and validation see every edit.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
  type OnDelete,
  type OnNodeDrag,
  ReactFlow,
  SelectionMode,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { moveElements, removeElements, updateNote } from '../../graph/commands';
import { getNodeDefinition } from '../../nodes/registry';
import { GRID, LARGE_GRAPH_ITEMS } from '../config';
import { handleDroppedFile } from '../documents/documentActions';
import { commitGesture, dispatch, setSelection } from '../store/editorActions';
import { currentGraph, editorStore, scopedGraph, useEditor, useGraph, useSelection } from '../store/editorState';
import { useValidation } from '../store/validation';
import { PALETTE_MIME } from '../palette/paletteDrag';
import { addNodeAt } from './addNodeAt';
import { AudioNodeView } from './AudioNodeView';
import { setCanvasBridge } from './canvasBridge';
import { ConnectionHint } from './ConnectionHint';
import { FlowEdgeBuilder, FlowNodeBuilder } from './flowElements';
import type { FlowNode, Size } from './flowTypes';
import { itemKinds, readEdgeSelection, readNodeChanges } from './flowChanges';
import { DEFAULT_NODE_SIZE } from './groupFrames';
import { GroupFrameView } from './GroupFrameView';
import { NoteNodeView } from './NoteNodeView';
import { NoticeToast } from './NoticeToast';
import { QuickAdd } from './QuickAdd';
import { useWiring } from './useWiring';
import { selectOnPress } from './selectOnPress';
import { ContextMenu } from './contextMenu/ContextMenu';
import { FindBar } from './FindBar';
import { useContextMenuHandlers } from './contextMenu/useContextMenuHandlers';
import { addNodeIntoWire, canSpliceByDrag, highlightWire, spliceDraggedNode, wireUnder } from './spliceOnDrop';
import { CanvasCorner } from './CanvasCorner';
import { fitNodes, useOpeningView } from './canvasView';
import { openQuickAddOnEmptyCanvas } from './paneDoubleClick';
import { dropAudioFiles, isAudioFile } from '../live/audioDrop';
import { toggleProbe } from '../live/probe';
import { useLive } from '../live/liveStore';
import { countRender } from '../live/renderCount';
import { openModule } from '../modules/moduleScope';
import { dropModule, openModuleOnDoubleClick } from '../modules/canvasHooks';

/**
 * Above this many nodes the minimap is left out: it draws and subscribes once per node, which
 * cost as much as the canvas itself on large graphs (docs/performance-ui.md).
 */
const MINIMAP_MAX_NODES = 600;

const topLeftOf = (at: { x: number; y: number }) => ({ x: at.x - DEFAULT_NODE_SIZE.width / 2, y: at.y - 20 });

const nodeTypes: NodeTypes = { mgAudio: AudioNodeView, mgNote: NoteNodeView, mgGroup: GroupFrameView };

const CATEGORY_COLOURS: Record<string, string> = {
  Sources: '#4fb286',
  Mixing: '#7a8cff',
  EQ: '#e0a43a',
  Dynamics: '#e06a55',
  Space: '#a678e6',
  Output: '#d8dde6',
};

function miniMapColour(node: FlowNode): string {
  if (node.type === 'mgNote') return '#8a7a45';
  if (node.type === 'mgGroup') return 'transparent';
  return CATEGORY_COLOURS[node.data.definition.category] ?? '#888';
}

/** The graph canvas. */
export function Canvas() {
  countRender('Canvas');
  const graph = useGraph();
  const selection = useSelection();
  const validation = useValidation();
  const documentId = useEditor((s) => s.documentId);
  const probed = useLive((s) => s.monitored);
  const flow = useReactFlow<FlowNode>();
  const wrapper = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | undefined>(undefined);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const [bounds, setBounds] = useState<DOMRect | undefined>();
  const nodeBuilder = useRef(new FlowNodeBuilder()).current;
  const edgeBuilder = useRef(new FlowEdgeBuilder()).current;
  /** The node being dragged by the pointer (a drop on a wire splices it in). */
  const draggedNode = useRef<string | undefined>(undefined);
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const large = graph.nodes.length > LARGE_GRAPH_ITEMS;

  // Nodes and wires are built apart: selecting a node leaves the wires' array (and React Flow's
  // O(wires) connection lookup it rebuilds on every new array) untouched, and the reverse.
  const { nodes: selectedNodes, notes: selectedNotes, groups: selectedGroups, edges: selectedEdges } = selection;
  const nodes = useMemo(
    () =>
      nodeBuilder.build({ graph, selection: { nodes: selectedNodes, notes: selectedNotes, groups: selectedGroups }, validation, measured, estimate: large }),
    [nodeBuilder, graph, selectedNodes, selectedNotes, selectedGroups, validation, measured, large],
  );
  const edges = useMemo(() => edgeBuilder.build(graph, selectedEdges, probed), [edgeBuilder, graph, selectedEdges, probed]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  const toFlow = useCallback((client: { x: number; y: number }) => flow.screenToFlowPosition(client), [flow]);

  useEffect(() => {
    setCanvasBridge({
      toFlow,
      centre: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        return rect === undefined ? { x: 0, y: 0 } : toFlow({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
      pointer: () => pointer.current,
      bounds: () => wrapper.current?.getBoundingClientRect(),
      fitView: () => {
        // With a selection, frame it (the way F works in most editors); else show everything.
        const { selection } = editorStore.get();
        if (wrapper.current !== null) fitNodes(flow, wrapper.current, [...selection.nodes, ...selection.notes, ...selection.groups]);
      },
      focus: () => wrapper.current?.querySelector<HTMLElement>('.react-flow')?.focus(),
      nodeSize: (id) => measuredRef.current.get(id),
    });
    return () => setCanvasBridge(undefined);
  }, [flow, toFlow]);

  // A newly opened document opens readable: whole, or its first part (canvasView.ts).
  useOpeningView(documentId, wrapper);

  useEffect(() => {
    const element = wrapper.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setBounds(element.getBoundingClientRect()));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const state = editorStore.get();
    const intent = readNodeChanges(changes, scopedGraph(state), state.selection, nodesRef.current);
    if (intent.sizes.size > 0) {
      setMeasured((previous) => {
        let next: Map<string, Size> | undefined;
        for (const [id, size] of intent.sizes) {
          const old = previous.get(id);
          if (old !== undefined && Math.abs(old.width - size.width) < 0.5 && Math.abs(old.height - size.height) < 0.5) continue;
          next ??= new Map(previous);
          next.set(id, size);
        }
        return next ?? previous;
      });
    }
    if (intent.selection !== undefined) setSelection(intent.selection);
    if (intent.moved) {
      dispatch(moveElements(currentGraph(), intent.positions, { merge: true }), { quiet: true });
      // The drag ended (or a keyboard nudge, which never drags): close the step, after a
      // drop on a wire has spliced the node in as part of it.
      if (!intent.dragging) {
        if (draggedNode.current !== undefined) spliceDraggedNode(draggedNode.current, pointer.current);
        draggedNode.current = undefined;
        commitGesture();
      }
    }
    for (const [id, resize] of intent.resizes) {
      const patch = {
        ...(resize.width !== undefined ? { width: resize.width } : {}),
        ...(resize.height !== undefined ? { height: resize.height } : {}),
        ...(resize.position !== undefined ? { position: resize.position } : {}),
      };
      dispatch(updateNote(currentGraph(), id, patch, { merge: true }), { quiet: true });
      if (resize.done) commitGesture();
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const state = editorStore.get();
    const next = readEdgeSelection(changes, scopedGraph(state), state.selection);
    if (next !== undefined) setSelection(next);
  }, []);

  const onDelete: OnDelete = useCallback(({ nodes: deletedNodes, edges: deletedEdges }) => {
    const graphNow = currentGraph();
    const kinds = itemKinds(graphNow);
    const ids = (kind: string) => deletedNodes.filter((n) => kinds.get(n.id) === kind).map((n) => n.id);
    dispatch(removeElements(graphNow, { nodes: ids('node'), notes: ids('note'), groups: ids('group'), edges: deletedEdges.map((e) => e.id) }), { quiet: true });
  }, []);

  const wiring = useWiring(toFlow);
  const menus = useContextMenuHandlers(toFlow);

  const onDragOver = useCallback((event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (types.includes(PALETTE_MIME) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
    if (types.includes(PALETTE_MIME)) highlightWire(wireUnder({ x: event.clientX, y: event.clientY }));
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const at = toFlow({ x: event.clientX, y: event.clientY });
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (type !== '' && getNodeDefinition(type) !== undefined) {
        event.preventDefault();
        const topLeft = { x: at.x - DEFAULT_NODE_SIZE.width / 2, y: at.y - 20 };
        const wire = wireUnder({ x: event.clientX, y: event.clientY });
        if (wire !== undefined) addNodeIntoWire(type, topLeft, wire);
        else addNodeAt(type, topLeft);
        return;
      }
      if (dropModule(event, topLeftOf(at))) return;
      const files = [...event.dataTransfer.files];
      if (files.length > 0) {
        event.preventDefault();
        void (async () => {
          // Audio files become clip players; anything else is a graph to open or insert.
          const audio = await Promise.all(files.map(isAudioFile));
          const audioFiles = files.filter((_, i) => audio[i]);
          if (audioFiles.length > 0) await dropAudioFiles(audioFiles, at);
          else await handleDroppedFile(files[0], at);
        })();
      }
    },
    [toFlow],
  );

  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback((_event, node, dragged) => {
    draggedNode.current = dragged.length === 1 && node.type === 'mgAudio' ? node.id : undefined;
  }, []);
  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback((event, node) => {
    if ('clientX' in event) pointer.current = { x: event.clientX, y: event.clientY };
    if (draggedNode.current !== node.id || !canSpliceByDrag(node.id) || pointer.current === undefined) return;
    highlightWire(wireUnder(pointer.current, node.id));
  }, []);

  // Alt+click listens there: a node's output, or a wire (which carries its source node's output).
  const onNodeClick = useCallback((event: React.MouseEvent, node: FlowNode) => {
    if (event.altKey && node.type === 'mgAudio' && node.data.definition.outputs.length > 0) void toggleProbe(node.id);
  }, []);
  const onEdgeClick = useCallback((event: React.MouseEvent, edge: { source: string }) => {
    if (event.altKey) void toggleProbe(edge.source);
  }, []);

  // Enter on a node that is already selected moves focus into the inspector ("Enter to inspect").
  const onKeyDownCapture = useCallback((event: React.KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    const target = event.target as HTMLElement;
    const id = target.classList.contains('react-flow__node') ? target.getAttribute('data-id') : null;
    if (id === null) return;
    const state = editorStore.get();
    const isSelected = state.selection.nodes.includes(id) || state.selection.notes.includes(id) || state.selection.groups.includes(id);
    if (!isSelected) return;
    event.preventDefault();
    event.stopPropagation();
    if (openModule(id)) return; // Enter on a module instance opens it
    document.getElementById('inspector-heading')?.focus();
  }, []);

  return (
    <div
      ref={wrapper}
      className="canvas"
      onPointerMove={(e) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerLeave={() => {
        pointer.current = undefined;
      }}
      onPointerDownCapture={selectOnPress}
      onDragOver={onDragOver}
      onDragLeave={() => highlightWire(undefined)}
      onDrop={onDrop}
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={menus.onKeyDown}
      onDoubleClick={openQuickAddOnEmptyCanvas}
    >
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={openModuleOnDoubleClick}
        onNodeContextMenu={menus.onNodeContextMenu}
        onEdgeContextMenu={menus.onEdgeContextMenu}
        onPaneContextMenu={menus.onPaneContextMenu}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onEdgeClick={onEdgeClick}
        onConnect={wiring.onConnect}
        onConnectEnd={wiring.onConnectEnd}
        onConnectStart={wiring.onConnectStart}
        isValidConnection={wiring.isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={24}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode={null}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={[1, 2]}
        panOnScroll
        zoomOnScroll={false}
        zoomOnPinch
        zoomOnDoubleClick={false}
        panActivationKeyCode={null}
        snapToGrid
        snapGrid={GRID}
        minZoom={0.2}
        maxZoom={2}
        colorMode="dark"
        defaultEdgeOptions={{ type: 'default' }}
        elevateNodesOnSelect={false}
        onlyRenderVisibleElements={large}
        edgesFocusable={false}
        aria-label="Graph canvas"
        tabIndex={0}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.2} color="#2c3340" />
        <CanvasCorner
          nodeColor={miniMapColour}
          showMap={graph.nodes.length <= MINIMAP_MAX_NODES}
          onFit={() => wrapper.current !== null && fitNodes(flow, wrapper.current, [])}
        />
        <ConnectionHint />
      </ReactFlow>
      <NoticeToast />
      <QuickAdd container={bounds} />
      <ContextMenu />
      <FindBar />
    </div>
  );
}
