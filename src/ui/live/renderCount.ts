/**
 * Counts renders of components that must not re-render while audio plays (the canvas nodes, the
 * canvas) or on every pointer move of a drag (the transport bar, the palettes, the inspector's
 * params), so a test can check that meters and drags do not go through them. A few integer
 * increments per render: harmless in every build; read through the test hooks (`testHooks.ts`).
 */

const counts = new Map<string, number>();

/** Records one render of `what`. */
export function countRender(what: string): void {
  counts.set(what, (counts.get(what) ?? 0) + 1);
}

/** Renders so far, by component. */
export function renderCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
