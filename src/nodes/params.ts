/**
 * Typed reads of resolved params inside kernels. Params reach a kernel already validated against
 * the node's spec, so a wrong type here is a programming error (a spec and its kernel disagree),
 * reported with the param key rather than silently coerced.
 */
import type { ResolvedParams } from '../graph/catalog';

/** The value of a `number` param. @throws TypeError naming `key` if it is not a finite number. */
export function numberParam(params: ResolvedParams, key: string): number {
  const value = params[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`param "${key}" should be a finite number, got ${String(value)}`);
  }
  return value;
}

/** The value of a `bool` param. @throws TypeError naming `key` if it is not a boolean. */
export function boolParam(params: ResolvedParams, key: string): boolean {
  const value = params[key];
  if (typeof value !== 'boolean') {
    throw new TypeError(`param "${key}" should be true or false, got ${String(value)}`);
  }
  return value;
}

/**
 * The value of an `enum` param whose options are numbers (a 12/24 dB/oct slope).
 * @throws TypeError naming `key` if it is not one of `options`.
 */
export function numericEnumParam<T extends number>(params: ResolvedParams, key: string, options: readonly T[]): T {
  const value = params[key];
  for (const option of options) {
    if (value === option) return option;
  }
  throw new TypeError(`param "${key}" should be one of ${options.join(', ')}, got ${String(value)}`);
}

/** The value of a `string` param (a clip reference). @throws TypeError naming `key`. */
export function stringParam(params: ResolvedParams, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw new TypeError(`param "${key}" should be a string, got ${String(value)}`);
  return value;
}

/** The value of an `enum` param whose options are strings. @throws TypeError naming `key`. */
export function stringEnumParam<T extends string>(params: ResolvedParams, key: string, options: readonly T[]): T {
  const value = params[key];
  for (const option of options) {
    if (value === option) return option;
  }
  throw new TypeError(`param "${key}" should be one of ${options.join(', ')}, got ${String(value)}`);
}
