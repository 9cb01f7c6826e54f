/**
 * parseGraph on hostile input: arbitrary values and random mutations of valid documents. It must
 * never throw, every error must be a short human sentence, and whatever it accepts must be a
 * sound graph built from fresh objects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../src/graph/catalog';
import { parseGraph } from '../../../src/graph/parse';
import { serializeGraph } from '../../../src/graph/serialize';
import { topologicalOrder } from '../../../src/graph/topology';
import type { Graph, ParseResult } from '../../../src/graph/types';
import { checkParamValue } from '../../../src/graph/validateParams';
import { MASTER, testCatalog, validDoc, validDocArb } from './helpers';

const interestingKeys = fc.constantFrom(
  '__proto__', 'constructor', 'prototype', 'format', 'version', 'name', 'nodes', 'edges', 'notes', 'groups',
  'id', 'type', 'params', 'position', 'x', 'y', 'from', 'to', 'node', 'port', 'freq', 'level', 'clip', 'label', 'bypass',
);

const hostile = fc.anything({
  key: fc.oneof(fc.string(), interestingKeys),
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withDate: true,
  withBigInt: true,
  maxDepth: 4,
});

function checkResultShape(result: ParseResult): void {
  expect(typeof result.ok).toBe('boolean');
  const issues = result.ok ? result.warnings : result.errors;
  if (!result.ok) expect(issues.length).toBeGreaterThan(0);
  expect(issues.length).toBeLessThanOrEqual(101);
  for (const issue of issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    // Quoted input is cut short, so no message can balloon with hostile data.
    expect(issue.message.length).toBeLessThan(1200);
    expect(typeof issue.path).toBe('string');
  }
}

/** Every object/array reachable from `value`. */
function objectsIn(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !into.has(value)) {
    into.add(value);
    for (const key of Object.keys(value)) objectsIn((value as Record<string, unknown>)[key], into);
  }
  return into;
}

/** What every accepted graph must satisfy, checked independently of the validator's code. */
function checkSoundGraph(graph: Graph, input: unknown): void {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  expect(nodeIds.size).toBe(graph.nodes.length);
  for (const node of graph.nodes) {
    expect(node.id).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    const spec = testCatalog.get(node.type);
    expect(spec).toBeDefined();
    for (const [key, value] of Object.entries(node.params)) {
      const paramSpec = spec?.params.find((p) => p.key === key) as ParamSpec;
      expect(paramSpec).toBeDefined();
      expect(checkParamValue(value, paramSpec).ok).toBe(true);
    }
    expect(Number.isFinite(node.position.x) && Number.isFinite(node.position.y)).toBe(true);
  }
  for (const edge of graph.edges) {
    expect(nodeIds.has(edge.from.node) && nodeIds.has(edge.to.node)).toBe(true);
    expect(testCatalog.get(graph.nodes.find((n) => n.id === edge.from.node)?.type ?? '')?.outputs.some((p) => p.id === edge.from.port)).toBe(true);
    expect(testCatalog.get(graph.nodes.find((n) => n.id === edge.to.node)?.type ?? '')?.inputs.some((p) => p.id === edge.to.port)).toBe(true);
  }
  expect(topologicalOrder(graph).ok).toBe(true);
  // Nothing in the graph is an object of the input.
  const inputObjects = objectsIn(input);
  for (const o of objectsIn(graph)) expect(inputObjects.has(o)).toBe(false);
  // And it survives the round trip.
  const again = parseGraph(JSON.parse(serializeGraph(graph)), testCatalog);
  expect(again.ok && again.graph).toEqual(graph);
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'addKey'; at: number; key: string; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(Number.NaN, Infinity, -0, undefined, 1e308, -1e308)) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(interestingKeys, fc.string()), value: fc.jsonValue({ maxDepth: 2 }) }),
);

/** Every (container, key) slot of a JSON tree, in a stable order. */
function slots(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string }[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      out.push({ parent: value as Record<string, unknown>, key });
      visit((value as Record<string, unknown>)[key]);
    }
  };
  visit(root);
  return out;
}

function applyMutation(doc: Record<string, unknown>, m: Mutation): void {
  const all = slots(doc);
  if (all.length === 0) return;
  const { parent, key } = all[m.at % all.length];
  const target = (parent as Record<string, unknown>)[key];
  if (m.kind === 'set') (parent as Record<string, unknown>)[key] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (typeof target === 'object' && target !== null && !(Array.isArray(target) && m.key === 'length')) {
    // defineProperty makes even "__proto__" an own data property, as JSON.parse does. An array's
    // "length" cannot be redefined (and no JSON text can give an array one): that draw is skipped.
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
}

describe('parseGraph never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        checkResultShape(parseGraph(value, testCatalog, { masterType: MASTER }));
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary JavaScript values (null prototypes, Maps, sparse arrays, boxed values, bigints)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        checkResultShape(parseGraph(value, testCatalog, { masterType: MASTER }));
        checkResultShape(parseGraph({ format: 'mixgraph', version: 1, name: 'x', nodes: [value], edges: [value] }, testCatalog));
      }),
      { numRuns: 1000 },
    );
  });

  it('on mutations of valid documents, and whatever it accepts is a sound graph', () => {
    fc.assert(
      fc.property(fc.oneof(validDocArb, fc.constant(validDoc())), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (doc, mutations) => {
        const copy = structuredClone(doc);
        for (const m of mutations) applyMutation(copy, m);
        const result = parseGraph(copy, testCatalog);
        checkResultShape(result);
        if (result.ok) checkSoundGraph(result.graph, copy);
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts every unmutated generated document and it is sound', () => {
    fc.assert(
      fc.property(validDocArb, (doc) => {
        const result = parseGraph(doc, testCatalog);
        expect(result.ok).toBe(true);
        if (result.ok) checkSoundGraph(result.graph, doc);
      }),
      { numRuns: 200 },
    );
  });

  it('reports instead of throwing when a getter or Proxy throws', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const result = parseGraph(trap, testCatalog);
    expect(result.ok === false && result.errors.at(-1)?.message).toBe('the document could not be read: trap');
    const getter = { format: 'mixgraph', version: 1, name: 'x', edges: [], get nodes(): unknown { throw new Error('boom'); } };
    const r2 = parseGraph(getter, testCatalog);
    expect(r2.ok === false && r2.errors.at(-1)?.message).toBe('the document could not be read: boom');
  });
});
