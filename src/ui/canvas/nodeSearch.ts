/** Ranking node types for quick-add: what was typed against labels, types, categories and help. */
import type { NodeTypeSpec } from '../../graph/catalog';

/** Restrictions on the types offered. */
export interface SearchFilter {
  /** Only types that have an input (a wire from an output is waiting) … */
  needsInput?: boolean;
  /** … or an output (a wire from an input is waiting). */
  needsOutput?: boolean;
  /** Types not offered (the master when the graph has one). */
  exclude?: ReadonlySet<string>;
}

/**
 * Matching types, best first: label starts with the query, then a word of the label does, then
 * label/type contain it, then category, then help text. An empty query lists everything in
 * catalog order.
 */
export function searchNodeTypes<T extends NodeTypeSpec>(types: readonly T[], query: string, filter: SearchFilter = {}): T[] {
  const q = query.trim().toLowerCase();
  const candidates = types.filter(
    (t) =>
      !(filter.exclude?.has(t.type) ?? false) &&
      (filter.needsInput !== true || t.inputs.length > 0) &&
      (filter.needsOutput !== true || t.outputs.length > 0),
  );
  if (q === '') return candidates;
  const scored: { type: T; score: number; index: number }[] = [];
  candidates.forEach((t, index) => {
    const label = t.label.toLowerCase();
    let score = 0;
    if (label.startsWith(q) || t.type.toLowerCase().startsWith(q)) score = 5;
    else if (label.split(/[\s-]+/).some((word) => word.startsWith(q))) score = 4;
    else if (label.includes(q) || t.type.toLowerCase().includes(q)) score = 3;
    else if (t.category.toLowerCase().includes(q)) score = 2;
    else if (t.help.toLowerCase().includes(q)) score = 1;
    if (score > 0) scored.push({ type: t, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.type);
}
