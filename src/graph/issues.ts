/**
 * Collecting and wording the problems found in untrusted graph input.
 *
 * Convention (docs/graph-format.md "Error messages"): every message starts with the place,
 * `nodes[3] "eq1".params.gain: 40 is above the maximum 24 dB` — array index, the item's id when
 * it has a usable one, then the key — followed by the offending value and the limit with its unit.
 */
import type { GraphIssue } from './types';

/** A `GraphIssue` with optional extra location fields; assignable to `GraphIssue`. */
export interface GraphIssueDetail extends GraphIssue {
  /** The edge the problem belongs to, when there is one (lets the editor highlight the wire). */
  edgeId?: string;
  /** 1-based line of a JSON syntax error. */
  line?: number;
  /** 1-based column (UTF-16 code units) of a JSON syntax error. */
  column?: number;
  /** 0-based UTF-8 byte offset of a JSON syntax error in the text as given. */
  offset?: number;
}

/** Default cap on reported errors (and, separately, warnings) before "…and N more". */
export const DEFAULT_MAX_ISSUES = 100;

/** Where an issue belongs, besides its path. */
export interface IssueOwner {
  nodeId?: string;
  edgeId?: string;
}

/**
 * Accumulates errors and warnings up to a cap. Validation never stops at the first problem: a
 * user fixing a preset by hand wants the whole list at once.
 */
export class IssueCollector {
  private readonly errorList: GraphIssueDetail[] = [];
  private readonly warningList: GraphIssueDetail[] = [];
  private droppedErrors = 0;
  private droppedWarnings = 0;

  constructor(private readonly maxIssues: number = DEFAULT_MAX_ISSUES) {}

  /** True once at least one error was recorded (dropped ones included). */
  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** Errors recorded so far, dropped ones included (compare before/after to see if a check failed). */
  get errorCount(): number {
    return this.errorList.length + this.droppedErrors;
  }

  /**
   * True once the error list is at its cap: further errors are only counted, so callers may
   * skip costly wording (suggestions) for them.
   */
  get full(): boolean {
    return this.errorList.length >= this.maxIssues;
  }

  /** Records an error whose message is `${path}: ${text}` (or just `text` when path is empty). */
  error(path: string, text: string, owner: IssueOwner = {}): void {
    this.addError(makeIssue(path, joinMessage(path, text), owner));
  }

  /** Records an error whose message is already a full sentence (it still must name the place). */
  errorMessage(path: string, message: string, owner: IssueOwner = {}): void {
    this.addError(makeIssue(path, message, owner));
  }

  /** Records a warning: the document is usable, but something was ignored or looks unintended. */
  warn(path: string, text: string, owner: IssueOwner = {}): void {
    if (this.warningList.length < this.maxIssues) {
      this.warningList.push(makeIssue(path, joinMessage(path, text), owner));
    } else {
      this.droppedWarnings++;
    }
  }

  /** Records an already-built issue (e.g. from the migration runner). */
  addError(issue: GraphIssueDetail): void {
    if (this.errorList.length < this.maxIssues) this.errorList.push(issue);
    else this.droppedErrors++;
  }

  /** The errors, with a final "…and N more errors" entry when the cap was hit. */
  errors(): GraphIssueDetail[] {
    return withOverflow(this.errorList, this.droppedErrors, 'error');
  }

  /** The warnings, with a final "…and N more warnings" entry when the cap was hit. */
  warnings(): GraphIssueDetail[] {
    return withOverflow(this.warningList, this.droppedWarnings, 'warning');
  }
}

function withOverflow(list: GraphIssueDetail[], dropped: number, noun: string): GraphIssueDetail[] {
  const out = list.slice();
  if (dropped > 0) {
    out.push({ path: '', message: `…and ${dropped} more ${noun}${dropped === 1 ? '' : 's'}` });
  }
  return out;
}

function joinMessage(path: string, text: string): string {
  return path === '' ? text : `${path}: ${text}`;
}

function makeIssue(path: string, message: string, owner: IssueOwner): GraphIssueDetail {
  const issue: GraphIssueDetail = { path, message };
  if (owner.nodeId !== undefined) issue.nodeId = owner.nodeId;
  if (owner.edgeId !== undefined) issue.edgeId = owner.edgeId;
  return issue;
}

/** Longest piece of user text quoted in a message, so a megabyte string cannot flood the output. */
const MAX_QUOTED = 60;

/**
 * Characters JSON.stringify leaves raw that a terminal still acts on: C1 controls (U+0080–U+009F,
 * e.g. U+009B, an 8-bit CSI), line/paragraph separators and the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is shown.
 */
const TERMINAL_UNSAFE = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A string as a JSON literal, shortened with "…" past `max` characters; every control character escaped. */
export function quote(text: string, max: number = MAX_QUOTED): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text).replace(
    TERMINAL_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A number as people read it (`-60`, `0.25`, `NaN`); never exponent noise for -0. */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/**
 * A short description of any value for "got …" phrases: literals for primitives, a kind for
 * containers (never their contents, which may be huge or hostile).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return String(value);
    case 'object':
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** `nodes[3] "eq1"` when the item has a usable string id, else `nodes[3]`. */
export function itemPlace(listName: string, index: number, id: unknown): string {
  const base = `${listName}[${index}]`;
  return typeof id === 'string' && id !== '' ? `${base} ${quote(id, 64)}` : base;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key to a path: `.gain` for plain keys, `["odd key"]` otherwise. */
export function keyPath(base: string, key: string): string {
  const segment = PLAIN_KEY.test(key) && key.length <= MAX_QUOTED ? `.${key}` : `[${quote(key, 40)}]`;
  return base === '' ? segment.replace(/^\./, '') : `${base}${segment}`;
}

/**
 * A value with its unit as shown in messages: `24 dB`, `20000 Hz`, `20:1`, `0.5`.
 * Ratio (`:1`) and percent units attach without a space.
 */
export function withUnit(value: number, unit: string): string {
  const n = formatNumber(value);
  if (unit === '') return n;
  if (unit.startsWith(':') || unit === '%') return `${n}${unit}`;
  return `${n} ${unit}`;
}

/** `a, b and c` — a short human list, cut after `max` items. */
export function humanList(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  const body = shown.join(', ');
  return rest > 0 ? `${body} and ${rest} more` : body;
}
