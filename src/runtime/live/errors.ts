/**
 * Errors of the live engine. Like the offline engine's, they carry `GraphIssue`s that name the
 * node or wire, so the editor can point at the place.
 */
import type { GraphIssue } from '../../graph/types';

/** The graph cannot be built live as it stands (a cycle, an unknown type, a missing port). */
export class LiveGraphError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'LiveGraphError';
  }
}
