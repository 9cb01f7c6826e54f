/** Strict parsing of numeric CLI options: a typo is an error naming the option, never a NaN. */
import { usageError } from './errors';
import { echoName } from './terminalText';

/**
 * A plain decimal number: optional sign, digits with an optional fraction, optional exponent.
 * `Number()` alone would also take `0x10` (16), `0b1`, `Infinity` and surrounding spaces.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal number option and checks its range. @throws CliError (exit 2) naming the option. */
export function parseNumberOption(name: string, raw: string, min: number, max: number, unit: string): number {
  const value = Number(raw);
  if (!DECIMAL.test(raw) || !Number.isFinite(value)) {
    throw usageError(`${name}: "${echoName(raw)}" is not a decimal number`);
  }
  if (value < min || value > max) throw usageError(`${name}: ${raw} ${unit} is outside ${min}..${max} ${unit}`);
  return value;
}

const SIZE = /^(\d+(?:\.\d+)?)\s?([KMGT]i?B?|B)?$/i;
const SIZE_FACTORS: Readonly<Record<string, number>> = { '': 1, B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/**
 * A byte size: `800M`, `2G`, `1.5GiB`, `4096` (bytes). K/M/G/T are powers of 1024, as `ulimit`
 * and `free -h` mean them.
 * @throws CliError (exit 2) naming the option.
 */
export function parseSizeOption(name: string, raw: string): number {
  const match = SIZE.exec(raw);
  if (!match) throw usageError(`${name}: "${echoName(raw)}" is not a size; write e.g. 512M, 2G or 1.5G`);
  const unit = (match[2] ?? '').toUpperCase().charAt(0);
  const bytes = Math.round(Number(match[1]) * SIZE_FACTORS[unit === 'B' ? 'B' : unit]);
  if (!(bytes >= 1 << 20)) throw usageError(`${name}: ${raw} is too small; at least 1M`);
  return bytes;
}

export function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) {
    throw usageError(`${name}: "${echoName(raw)}" must be one of ${choices.join(', ')}`);
  }
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
      throw usageError(`--input: "${echoName(value)}" must look like NAME=FILE (NAME from the graph's file:NAME clip)`);
    }
    if (bindings.has(name)) throw usageError(`--input: ${name} is bound twice`);
    bindings.set(name, file);
  }
  return bindings;
}
