/**
 * Parsing untrusted documents against the real node catalog: the one entry point the CLI, the
 * editor's import/share-link/autosave paths and the bounce worker use.
 */
import { parseGraph, parseGraphText } from '../graph';
import type { ParseResult } from '../graph/types';
import { catalog, MASTER_NODE_TYPE } from '../nodes/registry';

/** Validates a parsed JSON value as a Mixgraph document. */
export function parseDocument(json: unknown): ParseResult {
  return parseGraph(json, catalog, { masterType: MASTER_NODE_TYPE });
}

/** Validates JSON text (syntax errors name line and column) as a Mixgraph document. */
export function parseDocumentText(text: string, source?: string): ParseResult {
  return parseGraphText(text, catalog, source, { masterType: MASTER_NODE_TYPE });
}
