/**
 * "Did you mean …?" suggestions for misspelled node types, params, ports and keys.
 */

/** Longest input compared; longer strings are never plausible typos of a short key. */
const MAX_COMPARED = 64;

/**
 * The candidate closest to `input` by Levenshtein edit distance (case-insensitive), or undefined
 * when none is close enough: about one edit per three characters (none for a single character,
 * where any other key is "one edit away"), never more than 3. Ties go to the earlier candidate.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_COMPARED) return undefined;
  const a = input.toLowerCase();
  const limit = Math.min(3, Math.floor((a.length + 1) / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    if (Math.abs(a.length - b.length) >= bestDistance) continue;
    const d = editDistance(a, b);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Levenshtein distance (insert, delete, substitute each cost 1), two-row dynamic programme:
 * D[i][j] = min(D[i-1][j] + 1, D[i][j-1] + 1, D[i-1][j-1] + [a_i ≠ b_j]).
 */
export function editDistance(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}
