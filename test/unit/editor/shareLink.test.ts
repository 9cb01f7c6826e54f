import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SHARE_TEXT_BYTES,
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  hasSharedGraph,
  readSharePayload,
  shareUrl,
  toBase64Url,
} from '../../../src/graph/shareLink';
import type { ParseResult } from '../../../src/graph/types';
import { MASTER, sampleGraph, testCatalog as catalog } from './fixtures';

const options = { masterType: MASTER };

/** A fragment carrying arbitrary bytes, deflated the way links are. */
const fragmentOf = (bytes: Uint8Array): string => `#g=${toBase64Url(deflateSync(bytes))}`;
const fragmentOfText = (text: string): string => fragmentOf(new TextEncoder().encode(text));

function messages(result: ParseResult): string[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => e.message);
}

describe('base64url (RFC 4648 §5)', () => {
  it('matches Node’s own base64url encoder for any bytes, and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        const back = fromBase64Url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('accepts padded input and names the first bad character', () => {
    expect(fromBase64Url('aGk=')).toEqual({ ok: true, bytes: new Uint8Array([104, 105]) });
    expect(fromBase64Url('ab+d')).toEqual({ ok: false, problem: 'character 3 ("+") is not base64url (letters, digits, "-" and "_")' });
    const cut = fromBase64Url('abcde');
    expect(!cut.ok && cut.problem).toMatch(/5 characters cannot be base64url/);
  });
});

describe('round trip', () => {
  it('decodes to the same graph, notes and groups included', () => {
    const g = sampleGraph();
    const fragment = encodeShareFragment(g);
    expect(fragment.startsWith('g=')).toBe(true);
    expect(fragment).toMatch(/^g=[A-Za-z0-9_-]+$/);
    const back = decodeShareFragment(`#${fragment}`, catalog, options);
    expect(back.ok && back.graph).toEqual(g);
  });

  it('builds a URL that replaces any existing fragment, and finds the payload among other params', () => {
    const url = shareUrl('http://127.0.0.1:4317/?x=1#old', sampleGraph());
    expect(url.startsWith('http://127.0.0.1:4317/?x=1#g=')).toBe(true);
    const hash = url.slice(url.indexOf('#'));
    expect(hasSharedGraph(hash)).toBe(true);
    expect(readSharePayload(`#v=2&${hash.slice(1)}`)).toBe(hash.slice(3));
    expect(hasSharedGraph('#view=1')).toBe(false);
  });

  it('compresses: the link is much shorter than the JSON', () => {
    const g = sampleGraph();
    for (let i = 0; i < 40; i++) g.nodes.push({ id: `eq${i}`, type: 'eq', position: { x: i * 10, y: 0 }, params: { hpOn: true } });
    expect(encodeShareFragment(g).length).toBeLessThan(JSON.stringify(g).length / 3);
  });
});

describe('garbage fragments are reported, never thrown', () => {
  it('no graph part, or an empty one', () => {
    expect(messages(decodeShareFragment('#view=1', catalog))).toEqual(['share link: the link has no "#g=" part, so it carries no graph']);
    expect(messages(decodeShareFragment('#g=', catalog))[0]).toMatch(/empty/);
  });

  it('characters outside base64url, with their position', () => {
    expect(messages(decodeShareFragment('#g=abc%20def', catalog))[0]).toBe(
      'share link: the graph part is damaged: character 4 ("%") is not base64url (letters, digits, "-" and "_")',
    );
  });

  it('bytes that are not DEFLATE data, or a cut-off stream', () => {
    expect(messages(decodeShareFragment('#g=AAAAAAAA', catalog))[0]).toMatch(/compressed graph is damaged/);
    const whole = encodeShareFragment(sampleGraph());
    const cut = whole.slice(0, Math.floor(whole.length / 2) - ((Math.floor(whole.length / 2) % 4) === 1 ? 1 : 0));
    expect(messages(decodeShareFragment(cut, catalog))[0]).toMatch(/compressed graph is damaged .*unexpected EOF/);
  });

  it('decompressed bytes that are not UTF-8', () => {
    expect(messages(decodeShareFragment(fragmentOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), catalog))).toEqual([
      'share link: the expanded graph is not UTF-8 text',
    ]);
  });

  it('JSON syntax errors, with line, column and byte', () => {
    // Line 3 starts at byte 2 + 24 = 26; the second comma is its 15th character: byte 26 + 14.
    const errors = messages(decodeShareFragment(fragmentOfText('{\n  "format": "mixgraph",\n  "nodes": [1,,]\n}'), catalog));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^share link: line 3, column 15 \(byte 40\): JSON syntax error/);
  });

  it('valid JSON that is not a valid graph: every parse error, naming the node', () => {
    const g = sampleGraph();
    g.nodes[1].params.p1Gain = 99;
    const errors = messages(decodeShareFragment(`#${encodeShareFragment(g)}`, catalog, options));
    expect(errors.some((m) => m.startsWith('share link: ') && m.includes('"eqd"') && m.includes('p1Gain'))).toBe(true);
  });

  it('a graph that expands past the size cap (a "zip bomb" link)', () => {
    const bomb = new Uint8Array(MAX_SHARE_TEXT_BYTES + 1024).fill(0x20);
    const started = Date.now();
    expect(messages(decodeShareFragment(fragmentOf(bomb), catalog))[0]).toMatch(/expands to more than/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('random strings never throw and never yield a graph by accident', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = decodeShareFragment(`#g=${text}`, catalog, options);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeShareFragment(fragmentOf(bytes), catalog, options).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
