/**
 * The shape every benchmark section returns: rows of one measured value each, with the exact
 * command that produced it and, where the issue sets one, a target.
 */

/** A target on a row's value: `op limit` must hold; `aim` is the value we would like to reach. */
export interface Target {
  op: '>=' | '<=';
  limit: number;
  aim?: number;
}

/** One line of the results table. */
export interface Row {
  /** Section id (`chain`, `demo`, `scaling`, `kernels`, `inproc`). */
  section: string;
  name: string;
  /** The measured value, or null when the row was skipped. */
  value: number | null;
  /** `×realtime`, `ratio`, `MiB`, `µs/node/s`, … */
  unit: string;
  target?: Target;
  /** Why the row has no value ("skipped: sox not installed"). */
  skipped?: string;
  /** Extra facts shown beside the value (median seconds, the spread of the runs). */
  detail?: string;
}

/** A command that a row ran, for the "exact commands" section of docs/benchmarks.md. */
export interface CommandNote {
  section: string;
  label: string;
  command: string;
}

/** What a section hands back to the runner. */
export interface SectionResult {
  rows: Row[];
  commands: CommandNote[];
}

/** Whether `row` meets its target (rows without a target or value always pass). */
export function meetsTarget(row: Row): boolean {
  if (!row.target || row.value === null) return true;
  return row.target.op === '>=' ? row.value >= row.target.limit : row.value <= row.target.limit;
}
