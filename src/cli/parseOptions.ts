/** Strict parsing of numeric CLI options: a typo is an error naming the option, never a NaN. */
import { usageError } from './errors';

export function parseNumberOption(name: string, raw: string, min: number, max: number, unit: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw usageError(`${name}: "${raw}" is not a number`);
  if (value < min || value > max) throw usageError(`${name}: ${raw} ${unit} is outside ${min}..${max} ${unit}`);
  return value;
}

export function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw usageError(`${name}: "${raw}" must be one of ${choices.join(', ')}`);
  return raw as T;
}

/** `--input NAME=FILE` pairs; names follow the `file:<name>` clip rule. */
export function parseInputBindings(values: readonly string[]): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq > 0 ? value.slice(0, eq) : '';
    const file = eq > 0 ? value.slice(eq + 1) : '';
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(name) || file === '') {
      throw usageError(`--input: "${value}" must look like NAME=FILE (NAME from the graph's file:NAME clip)`);
    }
    if (bindings.has(name)) throw usageError(`--input: ${name} is bound twice`);
    bindings.set(name, file);
  }
  return bindings;
}
