/**
 * Live validation of the open document with the same `parseGraph` every import goes through,
 * so the status bar and the node badges say exactly what the CLI would say about this graph.
 */
import type { GraphIssue } from '../../graph/types';
import type { GraphIssueDetail } from '../../graph/issues';
import type { Graph } from '../../graph/types';
import { parseDocument } from '../../runtime/document';
import { useRootGraph } from './editorState';
import { onlyMoved } from './onlyMoved';

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
