import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphIssueDetail } from '../../../src/graph/issues';
import { findJsonSyntaxError, locateIndex } from '../../../src/graph/jsonSyntax';
import { parseGraphText } from '../../../src/graph/parse';
import { serializeGraph } from '../../../src/graph/serialize';
import { MASTER, testCatalog, validDoc } from './helpers';

function syntaxError(text: string, source?: string): GraphIssueDetail {
  const result = parseGraphText(text, testCatalog, source);
  if (result.ok || result.errors.length !== 1) throw new Error('expected one syntax error');
  return result.errors[0];
}

const validText = JSON.stringify(validDoc(), null, 2);

describe('parseGraphText', () => {
  it('parses valid text and validates it (with options)', () => {
    const result = parseGraphText(validText, testCatalog, 'preset.json', { masterType: MASTER });
    expect(result.ok).toBe(true);
    if (result.ok) expect(serializeGraph(result.graph)).toBe(`${validText}\n`);
    const noMaster = parseGraphText(validText, testCatalog, undefined, { masterType: 'nope' });
    expect(noMaster.ok === false && noMaster.errors[0].message).toBe('the graph needs exactly one nope node; found 0');
  });

  it('reports a missing comma with line, column and byte offset', () => {
    // Line 3 is `  "version": 1` followed by `  "name"…` on line 4 without a comma.
    const text = '{\n  "format": "mixgraph",\n  "version": 1\n  "name": "x"\n}\n';
    const error = syntaxError(text, 'preset.json');
    const expectedOffset = text.indexOf('"name"'); // ASCII: bytes = characters
    expect(error).toEqual({
      path: 'preset.json:4:3',
      message: `line 4, column 3 (byte ${expectedOffset}): JSON syntax error: expected ',' or '}' after a property value, found '"'`,
      line: 4,
      column: 3,
      offset: expectedOffset,
    });
  });

  it('counts UTF-8 bytes, CRLF line ends and a byte-order mark', () => {
    // "é" is 2 bytes, "🎚" 4 bytes (a surrogate pair), the BOM 3 bytes.
    const text = '\uFEFF{"name": "é🎚",\r\n "x": tru}';
    const error = syntaxError(text);
    expect(error.line).toBe(2);
    expect(error.column).toBe(7);
    const before = text.slice(0, text.indexOf('tru'));
    expect(error.offset).toBe(new TextEncoder().encode(before).length);
    expect(error.message).toMatch(/^line 2, column 7 \(byte \d+\): JSON syntax error: tru is not a JSON value/);
  });

  it.each([
    ['{"a": 1,}', 7, "trailing comma before '}' is not allowed in JSON"],
    ['[1, 2,]', 5, "trailing comma before ']' is not allowed in JSON"],
    ["{'a': 1}", 1, 'property names must be in double quotes, not single quotes'],
    ['{a: 1}', 1, 'property names must be in double quotes'],
    ['{"a": 1} // note', 9, "unexpected '/' after the end of the JSON value"],
    ['{"a": /* x */ 1}', 6, 'comments are not allowed in JSON'],
    ['{"a": NaN}', 6, 'NaN is not a JSON value (use a number, a string in double quotes, true, false or null)'],
    ['{"a": 01}', 6, 'numbers must not have leading zeros'],
    ['{"a": 1.}', 8, 'a decimal point must be followed by a digit'],
    ['{"a": "b\nc"}', 8, 'line break inside a string; strings cannot span lines (write \\n)'],
    ['{"a": "\\x"}', 7, "invalid escape '\\x' in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"],
    ['{"a": "open', 6, 'this string is never closed (missing ")'],
    ['{"a": [1, 2}', 11, "expected ',' or ']' after an array element, found '}'"],
    ['{"a": 1', 7, "unexpected end of the text; expected ',' or '}' after a property value"],
    ['', 0, 'the text is empty; expected a JSON value'],
    ['  \n ', 4, 'the text is empty; expected a JSON value'],
  ])('explains %j at index %i', (text, index, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ index, message });
  });

  it('accepts exactly the texts JSON.parse accepts (differential, random text and broken documents)', () => {
    const accepts = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const jsonish = fc.stringMatching(/^[\s{}[\]",:.\-+eE0-9truefalsn\\/u]{0,30}$/);
    const broken = fc
      .tuple(fc.jsonValue().map((v) => JSON.stringify(v, null, 1)), fc.nat(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '\n', '0', '-', ' ', 'e'))
      .map(([text, at, cut, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + (cut % 3));
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), jsonish, broken, fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const error = findJsonSyntaxError(text);
        expect(error === null).toBe(accepts(text));
        if (error !== null) {
          expect(error.index).toBeGreaterThanOrEqual(0);
          expect(error.index).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('scans deeply nested text without overflowing the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(199_999)}`;
    expect(findJsonSyntaxError(deep)?.message).toBe("unexpected end of the text; expected ',' or ']' after an array element");
    expect(findJsonSyntaxError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeNull();
  });

  it('locates by line and column, counting \\n, \\r\\n and a lone \\r as line ends', () => {
    expect(locateIndex('ab\ncd', 4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(locateIndex('ab\r\ncd', 5)).toEqual({ line: 2, column: 2, offset: 5 });
    expect(locateIndex('ab\rcd', 4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(locateIndex('ä€', 2)).toEqual({ line: 1, column: 3, offset: 5 });
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseGraphText(text, testCatalog, 'x.json');
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
