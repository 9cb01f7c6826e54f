/**
 * Validation of one node's `params` object against its type's param specs (catalog.ts).
 * The document stays sparse: only the params that were given are kept; `resolveParams` fills
 * the defaults when an engine needs every value.
 */
import type {
  EnumParamSpec,
  NodeTypeSpec,
  NumberParamSpec,
  ParamSpec,
  StringParamSpec,
} from './catalog';
import type { ParamValue } from './types';
import { type IssueCollector, type IssueOwner, describeValue, formatNumber, humanList, keyPath, quote, withUnit } from './issues';
import { FORBIDDEN_KEYS, isRecord, own, reportForbiddenKey } from './reader';
import { closestMatch } from './suggest';

/** Longest accepted string param, in characters (keeps pattern matching cheap on hostile input). */
export const MAX_STRING_PARAM_LENGTH = 1000;

/**
 * Checks `raw` (the node's `params` value; undefined means `{}`) and returns a fresh object with
 * the valid given params, in the spec's order. With `spec` undefined (unknown node type) only
 * the object's shape and forbidden keys are checked.
 *
 * @param path place of the params object, e.g. `nodes[3] "eq1".params`
 */
export function validateParams(
  raw: unknown,
  spec: NodeTypeSpec | undefined,
  path: string,
  issues: IssueCollector,
  owner: IssueOwner,
): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  if (raw === undefined) return params;
  if (!isRecord(raw)) {
    issues.error(path, `expected an object of param values, got ${describeValue(raw)}`, owner);
    return params;
  }
  const specs = new Map<string, ParamSpec>();
  if (spec !== undefined) for (const p of spec.params) specs.set(p.key, p);

  const accepted = new Map<string, ParamValue>();
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(key)) {
      reportForbiddenKey(key, path, issues, owner);
      continue;
    }
    if (spec === undefined) continue;
    const paramSpec = specs.get(key);
    const at = keyPath(path, key);
    if (paramSpec === undefined) {
      const known = spec.params.map((p) => p.key);
      const hint = issues.full ? undefined : closestMatch(key, known);
      const knownText = known.length === 0 ? `the ${spec.type} node has no params` : `${spec.type} params are ${humanList(known)}`;
      issues.error(at, `unknown param${hint === undefined ? '' : `; did you mean ${quote(hint)}?`} (${knownText})`, owner);
      continue;
    }
    const checked = checkParamValue(own(raw, key), paramSpec);
    if (checked.ok) accepted.set(key, checked.value);
    else issues.error(at, checked.problem, owner);
  }
  if (spec !== undefined) {
    for (const p of spec.params) {
      const value = accepted.get(p.key);
      if (value !== undefined) params[p.key] = value;
    }
  }
  return params;
}

/** A checked param value: the value to keep, or why it was refused (no place prefix). */
export type ParamCheck = { ok: true; value: ParamValue } | { ok: false; problem: string };

const accept = (value: ParamValue): ParamCheck => ({ ok: true, value });
const refuse = (problem: string): ParamCheck => ({ ok: false, problem });

/**
 * Checks one value against its spec. The problem text has no place prefix (e.g. `40 is above
 * the maximum 24 dB`), so the inspector can show it next to the field.
 */
export function checkParamValue(value: unknown, spec: ParamSpec): ParamCheck {
  switch (spec.kind) {
    case 'number':
      return checkNumber(value, spec);
    case 'bool':
      return checkBool(value);
    case 'enum':
      return checkEnum(value, spec);
    case 'string':
      return checkString(value, spec);
  }
}

function checkNumber(value: unknown, spec: NumberParamSpec): ParamCheck {
  const range = `from ${withUnit(spec.min, spec.unit)} to ${withUnit(spec.max, spec.unit)}`;
  if (typeof value !== 'number') return refuse(`expected a number ${range}, got ${describeValue(value)}`);
  if (!Number.isFinite(value)) return refuse(`${describeValue(value)} is not a finite number (expected ${range})`);
  if (value < spec.min) {
    const off = spec.minIsOff === true ? ' (off)' : '';
    return refuse(`${describeValue(value)} is below the minimum ${withUnit(spec.min, spec.unit)}${off}`);
  }
  if (value > spec.max) return refuse(`${describeValue(value)} is above the maximum ${withUnit(spec.max, spec.unit)}`);
  // -0 becomes 0: JSON cannot tell them apart, so the round trip stays exact.
  return accept(value === 0 ? 0 : value);
}

function checkBool(value: unknown): ParamCheck {
  if (typeof value !== 'boolean') return refuse(`expected true or false, got ${describeValue(value)}`);
  return accept(value);
}

/** An enum option as written in JSON and messages: strings quoted, numbers bare. */
function showOption(option: string | number): string {
  return typeof option === 'string' ? quote(option) : formatNumber(option);
}

function checkEnum(value: unknown, spec: EnumParamSpec): ParamCheck {
  const unit = spec.unit === undefined || spec.unit === '' ? '' : ` (${spec.unit})`;
  const options = `${humanList(spec.options.map(showOption), 40)}${unit}`;
  if (typeof value !== 'string' && typeof value !== 'number') {
    return refuse(`expected one of ${options}, got ${describeValue(value)}`);
  }
  if (spec.options.includes(value)) return accept(value === 0 ? 0 : value);
  // The same option with the wrong JSON type (12 vs "12") is the likeliest slip: name it.
  const sameText = spec.options.find((o) => String(o) === String(value));
  if (sameText !== undefined) {
    const how = typeof sameText === 'number' ? 'a number, without quotes' : 'text, in quotes';
    return refuse(`${describeValue(value)} is not one of ${options}; write ${showOption(sameText)} (${how})`);
  }
  const textOptions = spec.options.filter((o): o is string => typeof o === 'string');
  const hint = typeof value === 'string' ? closestMatch(value, textOptions) : undefined;
  const suggestion = hint === undefined ? '' : `; did you mean ${quote(hint)}?`;
  return refuse(`${describeValue(value)} is not one of ${options}${suggestion}`);
}

/** Copies of catalog patterns without the stateful `g`/`y` flags (`test` would move lastIndex). */
const statelessPatterns = new WeakMap<RegExp, RegExp>();

function stateless(pattern: RegExp): RegExp {
  let copy = statelessPatterns.get(pattern);
  if (copy === undefined) {
    copy = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    statelessPatterns.set(pattern, copy);
  }
  return copy;
}

function checkString(value: unknown, spec: StringParamSpec): ParamCheck {
  if (typeof value !== 'string') return refuse(`expected text, got ${describeValue(value)}`);
  if (value.length > MAX_STRING_PARAM_LENGTH) {
    return refuse(`text is too long (${value.length} characters; at most ${MAX_STRING_PARAM_LENGTH})`);
  }
  if (spec.pattern !== undefined && !stateless(spec.pattern).test(value)) {
    const expected = spec.patternHint ?? `text matching ${String(spec.pattern)}`;
    return refuse(`${quote(value)} is not valid; expected ${expected}`);
  }
  return accept(value);
}
