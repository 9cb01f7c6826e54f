/**
 * Locating JSON syntax errors. `JSON.parse` says only "Unexpected token" with an engine-specific
 * position format, so when it fails we re-scan the text with this small checker of the RFC 8259
 * grammar to find the exact place and say what was expected there, in plain words.
 *
 * The scanner is iterative (an explicit stack of open brackets), so deeply nested input cannot
 * overflow the call stack, and linear in the text length.
 */

/** Where a JSON text first stops being valid. */
export interface JsonSyntaxError {
  /** Index into the string (UTF-16 code units) where the problem is. */
  index: number;
  /** What is wrong there, e.g. `expected ',' or '}' after a property value, found '"'`. */
  message: string;
}

/** Line, column and byte position of a string index. */
export interface TextLocation {
  /** 1-based line; `\n`, `\r\n` and a lone `\r` each end a line. */
  line: number;
  /** 1-based column in UTF-16 code units (as most editors count). */
  column: number;
  /** 0-based byte offset in the UTF-8 encoding of the text. */
  offset: number;
}

const OPEN_OBJECT = 0;
const OPEN_ARRAY = 1;

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isWordChar = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;

/** A character for messages: `'x'` for printable ASCII, else its code point `U+000B`. */
function showChar(text: string, index: number): string {
  if (index >= text.length) return 'the end of the text';
  const c = text.codePointAt(index) as number;
  if (c > 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Thrown internally to unwind the scanner; never escapes `findJsonSyntaxError`. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/**
 * The first syntax error in `text` as JSON (RFC 8259: one value, insignificant whitespace is
 * space, tab, LF and CR only), or null when `text` is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    scan(text);
    return null;
  } catch (stop) {
    if (stop instanceof Stop) return stop.error;
    throw stop;
  }
}

function fail(index: number, message: string): never {
  throw new Stop({ index, message });
}

function scan(text: string): void {
  const n = text.length;
  const open: number[] = [];
  let i = 0;

  const skipWhitespace = (): void => {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
  };

  /** Reads `"name"` then `:`, leaving `i` where the property value starts. */
  const readPropertyName = (): void => {
    skipWhitespace();
    if (i >= n) fail(i, "unexpected end of the text; expected a property name in double quotes or '}'");
    const c = text.charCodeAt(i);
    if (c !== 0x22) {
      if (c === 0x27) fail(i, 'property names must be in double quotes, not single quotes');
      if (isWordChar(c)) fail(i, 'property names must be in double quotes');
      fail(i, `expected a property name in double quotes, found ${showChar(text, i)}`);
    }
    i = scanString(text, i);
    skipWhitespace();
    if (i >= n) fail(i, "unexpected end of the text; expected ':' after the property name");
    if (text.charCodeAt(i) !== 0x3a) fail(i, `expected ':' after the property name, found ${showChar(text, i)}`);
    i++;
  };

  for (;;) {
    // A value is expected at i.
    skipWhitespace();
    if (i >= n) fail(i, n === 0 || open.length === 0 ? 'the text is empty; expected a JSON value' : 'unexpected end of the text; expected a value');
    const c = text.charCodeAt(i);
    let closedContainer = false;
    if (c === 0x7b) {
      i++;
      skipWhitespace();
      if (i < n && text.charCodeAt(i) === 0x7d) {
        i++;
        closedContainer = true;
      } else {
        open.push(OPEN_OBJECT);
        readPropertyName();
        continue;
      }
    } else if (c === 0x5b) {
      i++;
      skipWhitespace();
      if (i < n && text.charCodeAt(i) === 0x5d) {
        i++;
        closedContainer = true;
      } else {
        open.push(OPEN_ARRAY);
        continue;
      }
    }
    if (!closedContainer) i = scanPrimitive(text, i);

    // After a value: close brackets, or a comma leading to the next value.
    for (;;) {
      skipWhitespace();
      if (open.length === 0) {
        if (i < n) fail(i, `unexpected ${showChar(text, i)} after the end of the JSON value`);
        return;
      }
      const inObject = open[open.length - 1] === OPEN_OBJECT;
      const close = inObject ? 0x7d : 0x5d;
      const expected = inObject ? "',' or '}' after a property value" : "',' or ']' after an array element";
      if (i >= n) fail(i, `unexpected end of the text; expected ${expected}`);
      const d = text.charCodeAt(i);
      if (d === close) {
        i++;
        open.pop();
        continue;
      }
      if (d !== 0x2c) fail(i, `expected ${expected}, found ${showChar(text, i)}`);
      const comma = i;
      i++;
      skipWhitespace();
      if (i < n && text.charCodeAt(i) === close) {
        fail(comma, `trailing comma before '${inObject ? '}' : ']'}' is not allowed in JSON`);
      }
      if (inObject) readPropertyName();
      break;
    }
  }
}

/** Scans a string starting at its opening quote; returns the index after the closing quote. */
function scanString(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      if (j + 1 >= n) break;
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (j + k >= n || !isHex(text.charCodeAt(j + k))) fail(j, 'invalid \\u escape; expected 4 hex digits, e.g. \\u00e9');
        }
        j += 6;
        continue;
      }
      // \" \\ \/ \b \f \n \r \t
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      const shown = e > 0x20 && e < 0x7f ? `'\\${String.fromCharCode(e)}'` : `'\\' followed by ${showChar(text, j + 1)}`;
      fail(j, `invalid escape ${shown} in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
    }
    if (c < 0x20) {
      fail(j, c === 0x0a || c === 0x0d ? 'line break inside a string; strings cannot span lines (write \\n)' : `${showChar(text, j)} inside a string must be escaped`);
    }
    j++;
  }
  return fail(start, 'this string is never closed (missing ")');
}

/** Scans a string, number or literal at `i`; returns the index after it. */
function scanPrimitive(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return scanString(text, i);
  if (c === 0x2d || isDigit(c)) return scanNumber(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  if (c === 0x27) fail(i, 'strings must be in double quotes, not single quotes');
  if (c === 0x2f) fail(i, 'comments are not allowed in JSON');
  if (c === 0x7d || c === 0x5d) fail(i, `unexpected ${showChar(text, i)}; expected a value`);
  if (isWordChar(c)) {
    let end = i;
    while (end < text.length && end - i < 20 && isWordChar(text.charCodeAt(end))) end++;
    const word = text.slice(i, end);
    fail(i, `${word} is not a JSON value (use a number, a string in double quotes, true, false or null)`);
  }
  return fail(i, `unexpected ${showChar(text, i)}; expected a value`);
}

/** Number per RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
function scanNumber(text: string, start: number): number {
  const n = text.length;
  let j = start;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (j >= n || !isDigit(text.charCodeAt(j))) fail(j, 'a minus sign must be followed by a digit');
  if (text.charCodeAt(j) === 0x30) {
    j++;
    if (j < n && isDigit(text.charCodeAt(j))) fail(start, 'numbers must not have leading zeros');
  } else {
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  if (j < n && text.charCodeAt(j) === 0x2e) {
    j++;
    if (j >= n || !isDigit(text.charCodeAt(j))) fail(j, 'a decimal point must be followed by a digit');
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  if (j < n && (text.charCodeAt(j) === 0x65 || text.charCodeAt(j) === 0x45)) {
    j++;
    if (j < n && (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d)) j++;
    if (j >= n || !isDigit(text.charCodeAt(j))) fail(j, 'an exponent must have digits');
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * Line, column and UTF-8 byte offset of string index `index` (clamped to the text). Bytes per
 * RFC 3629: 1 for U+0000–007F, 2 up to U+07FF, 4 for a surrogate pair, 3 otherwise (a lone
 * surrogate counts as the 3-byte replacement character an encoder writes).
 */
export function locateIndex(text: string, index: number): TextLocation {
  const end = Math.max(0, Math.min(index, text.length));
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
    if (c < 0x80) offset += 1;
    else if (c < 0x800) offset += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
      offset += 4;
      i++;
    } else offset += 3;
  }
  return { line, column: end - lineStart + 1, offset };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
