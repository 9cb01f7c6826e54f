/**
 * The canvas view glue: reads node boxes and the pane size from React Flow and the DOM, and asks
 * `viewFit.ts` where to look. Used for the view a document opens with (`useOpeningView`) and for
 * fit view (the F key, the fit button).
 */
import { type ReactFlowInstance, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect, useRef } from 'react';
import { READABLE_LABEL_PX } from '../config';
import type { FlowNode } from './flowTypes';
import { minimapCorner } from './minimapState';
import { type Box, type FitOptions, fitBox, openingView, unionBox } from './viewFit';

/** Free room around fitted content, in screen pixels. */
const FIT_MARGIN = 20;
/** Zoom limits of a fit (the canvas itself allows 0.2..2). */
const FIT_MIN_ZOOM = 0.2;
const FIT_MAX_ZOOM = 1.1;
/** Node label size assumed before the first node is drawn (matches nodes.css). */
const FALLBACK_LABEL_PX = 14;

type Flow = ReactFlowInstance<FlowNode>;

/** A node's box, or undefined while React Flow has not measured it yet. */
function boxOf(flow: Flow, node: FlowNode): Box | undefined {
  // Controlled nodes carry no measurements; React Flow keeps them on its internal node.
  const measured = flow.getInternalNode(node.id)?.measured;
  const width = measured?.width ?? node.width;
  const height = measured?.height ?? node.height;
  if (width === undefined || height === undefined || width === 0 || height === 0) return undefined;
  return { x: node.position.x, y: node.position.y, width, height };
}

function fitOptions(pane: HTMLElement): FitOptions {
  const rect = pane.getBoundingClientRect();
  return {
    pane: { width: rect.width, height: rect.height },
    margin: FIT_MARGIN,
    corner: minimapCorner(),
    minZoom: FIT_MIN_ZOOM,
    maxZoom: FIT_MAX_ZOOM,
  };
}

/** The zoom at which node labels render at READABLE_LABEL_PX or larger. */
function readableZoom(pane: HTMLElement): number {
  const label = pane.querySelector<HTMLElement>('.mg-node__name');
  const px = label !== null ? parseFloat(getComputedStyle(label).fontSize) : FALLBACK_LABEL_PX;
  // Rounded up to 1/1000: the browser keeps the transform in single precision, which would
  // otherwise draw 11 px as 10.99999.
  return Math.ceil((READABLE_LABEL_PX / (Number.isFinite(px) && px > 0 ? px : FALLBACK_LABEL_PX)) * 1000) / 1000;
}

/**
 * Fits the view to the nodes with `ids` (all nodes, notes and frames when empty), keeping them
 * out from under the minimap. Does nothing before the nodes are measured.
 */
export function fitNodes(flow: Flow, pane: HTMLElement, ids: readonly string[], duration = 200): void {
  const wanted = new Set(ids);
  const boxes = flow
    .getNodes()
    .filter((n) => wanted.size === 0 || wanted.has(n.id))
    .map((n) => boxOf(flow, n))
    .filter((b): b is Box => b !== undefined);
  const box = unionBox(boxes);
  if (box === undefined) return;
  void flow.setViewport(fitBox(box, fitOptions(pane)), { duration });
}

/**
 * Sets the view a document opens with once its nodes are measured: everything when that is
 * readable, else the graph's first part at a readable zoom (see `openingView`). Runs on mount and
 * whenever `documentId` changes (a document was opened); edits never move the view.
 */
export function useOpeningView(documentId: number, pane: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow<FlowNode>();
  const initialized = useNodesInitialized();
  const pending = useRef(true);
  const seenDocument = useRef(documentId);
  if (seenDocument.current !== documentId) {
    seenDocument.current = documentId;
    pending.current = true;
  }
  useEffect(() => {
    const element = pane.current;
    if (!pending.current || !initialized || element === null) return;
    const nodes = flow.getNodes();
    // React Flow may still hold the previous document's measurements: wait until every node
    // of this one has a size (the hook's value flips again once they do).
    if (nodes.length === 0 || nodes.some((n) => boxOf(flow, n) === undefined)) return;
    pending.current = false;
    const audio: Box[] = [];
    const extras: Box[] = [];
    for (const node of nodes) (node.type === 'mgAudio' ? audio : extras).push(boxOf(flow, node)!);
    void flow.setViewport(openingView(audio, extras, readableZoom(element), fitOptions(element)));
  }, [initialized, documentId, flow, pane]);
}
