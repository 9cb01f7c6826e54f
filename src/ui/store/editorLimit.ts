/** The editor's size limit (`EDITOR_MAX_NODES`) and what a refusal says. */
import { MAX_NODES } from '../../graph/validateNodes';
import { EDITOR_MAX_NODES } from '../config';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Why a graph of `nodes` nodes is too large for the editor (its node count, the limit and the
 * CLI that renders it), or undefined when it fits.
 */
export function tooLargeForEditor(nodes: number): string | undefined {
  if (nodes <= EDITOR_MAX_NODES) return undefined;
  return `This graph has ${count(nodes)} nodes; the editor handles up to ${count(EDITOR_MAX_NODES)}. Render it with the command line, which takes up to ${count(MAX_NODES)}: npx mixgraph render graph.json -o out.wav`;
}
