/**
 * Live validation of the open document with the same `parseGraph` every import goes through,
 * so the status bar and the node badges say exactly what the CLI would say about this graph.
 */
import type { GraphIssue } from '../../graph/types';
import type { GraphIssueDetail } from '../../graph/issues';
import type { Graph, GraphNode } from '../../graph/types';
import { parseDocument } from '../../runtime/document';
import { useRootGraph } from './editorState';

/** The validation of one graph, indexed for the canvas and the status bar. */
export interface ValidationReport {
  errors: readonly GraphIssueDetail[];
  warnings: readonly GraphIssueDetail[];
  /** Problems per node id (errors first). */
  byNode: ReadonlyMap<string, readonly NodeIssue[]>;
  /** Problems per edge id. */
  byEdge: ReadonlyMap<string, readonly NodeIssue[]>;
}

/** One problem attached to a node or wire. */
export interface NodeIssue {
  severity: 'error' | 'warning';
  message: string;
}

const cache = new WeakMap<Graph, ValidationReport>();

/** The last graph validated, to reuse its report when an edit only moved things. */
let previous: { graph: Graph; report: ValidationReport } | undefined;

/** Same node apart from its position (immer keeps untouched fields identical). */
function sameButPosition(a: GraphNode, b: GraphNode): boolean {
  if (a === b) return true;
  if (!Number.isFinite(b.position.x) || !Number.isFinite(b.position.y)) return false; // the one rule on positions
  const keys = Object.keys(b) as (keyof GraphNode)[];
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => k === 'position' || Object.is(a[k], b[k]));
}

/**
 * Whether `next` differs from `prev` only in node positions: what validation says does not
 * depend on where nodes sit, and re-validating thousands of nodes on every pointer move of a
 * drag is what made dragging slow on large graphs. O(nodes) identity checks.
 */
function onlyMoved(prev: Graph, next: Graph): boolean {
  if (prev.edges !== next.edges || prev.notes !== next.notes || prev.groups !== next.groups || prev.nodes.length !== next.nodes.length) return false;
  const { nodes: _p, ...prevRest } = prev;
  const { nodes: _n, ...nextRest } = next;
  const keys = Object.keys(nextRest) as (keyof typeof nextRest)[];
  if (Object.keys(prevRest).length !== keys.length || !keys.every((k) => Object.is(prevRest[k], nextRest[k]))) return false;
  for (let i = 0; i < next.nodes.length; i++) if (!sameButPosition(prev.nodes[i], next.nodes[i])) return false;
  return true;
}

/** Validates a graph (memoised per graph object: immer gives a new object only on change). */
export function validateGraph(graph: Graph): ValidationReport {
  const cached = cache.get(graph);
  if (cached !== undefined) return cached;
  if (previous !== undefined && onlyMoved(previous.graph, graph)) {
    cache.set(graph, previous.report);
    previous = { graph, report: previous.report };
    return previous.report;
  }
  const result = parseDocument(graph);
  const errors: GraphIssueDetail[] = result.ok ? [] : result.errors;
  const warnings: GraphIssueDetail[] = result.ok ? result.warnings : [];
  const byNode = new Map<string, NodeIssue[]>();
  const byEdge = new Map<string, NodeIssue[]>();
  const add = (issue: GraphIssueDetail, severity: NodeIssue['severity']) => {
    const entry = { severity, message: issue.message };
    if (issue.nodeId !== undefined) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), entry]);
    if (issue.edgeId !== undefined) byEdge.set(issue.edgeId, [...(byEdge.get(issue.edgeId) ?? []), entry]);
  };
  errors.forEach((e) => add(e, 'error'));
  warnings.forEach((w) => add(w, 'warning'));
  const report: ValidationReport = { errors, warnings, byNode, byEdge };
  cache.set(graph, report);
  previous = { graph, report };
  return report;
}

/** The validation of the open document. */
export function useValidation(): ValidationReport {
  return validateGraph(useRootGraph());
}

/** Issue messages as plain lines (for dialogs). */
export function issueLines(issues: readonly GraphIssue[]): string[] {
  return issues.map((i) => i.message);
}
