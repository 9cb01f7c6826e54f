/**
 * The render memory estimate (issue 10, item 5) against what the engine really holds: every
 * distinct ArrayBuffer reachable from the built engine. (Process-wide counters such as
 * `process.memoryUsage().arrayBuffers` also see other test workers and the garbage collector.)
 */
import { describe, expect, it } from 'vitest';

/** Bytes of the distinct ArrayBuffers reachable from `root` through its properties. */
function heldArrayBytes(root: unknown): number {
  const buffers = new Set<ArrayBufferLike>();
  const seen = new Set<object>();
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
    else if (Array.isArray(v)) stack.push(...v);
    else for (const key of Object.getOwnPropertyNames(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}
import { parseDocument } from '../../../src/runtime/document';
import { compile, estimateRenderMemory, OfflineEngine } from '../../../src/runtime/offline';

function graphOf(types: [string, number][]) {
  const nodes: { id: string; type: string; position: { x: number; y: number }; params: object }[] = [
    { id: 'tone', type: 'tone', position: { x: 0, y: 0 }, params: {} },
  ];
  for (const [type, count] of types) {
    for (let i = 0; i < count; i++) nodes.push({ id: `${type}${i}`, type, position: { x: 0, y: 0 }, params: {} });
  }
  nodes.push({ id: 'master', type: 'output', position: { x: 0, y: 0 }, params: {} });
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, from: { node: nodes[i].id, port: 'out' }, to: { node: n.id, port: 'in' } }));
  const parsed = parseDocument({ format: 'mixgraph', version: 1, name: 'm', nodes, edges });
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const compiled = compile(parsed.graph);
  if (!compiled.ok) throw new Error(compiled.errors[0].message);
  return compiled.plan;
}

describe('estimateRenderMemory', () => {
  for (const sampleRate of [48000, 96000]) {
    it(`covers what the engine allocates for reverbs, delays, limiters, compressors and EQs at ${sampleRate} Hz`, () => {
      const plan = graphOf([
        ['reverb', 12],
        ['delay', 4],
        ['limiter', 3],
        ['compressor', 3],
        ['eq', 3],
        ['gain', 5],
      ]);
      const estimate = estimateRenderMemory(plan, sampleRate, 1024);
      const engine = new OfflineEngine(plan, { sampleRate, maxBlockSize: 1024 });
      const allocated = heldArrayBytes(engine);
      expect(engine.masterLatency).toBe(estimate.masterLatency);
      expect(allocated).toBeGreaterThan(1_000_000);
      // Never under what is allocated; over it only by the per-node allowance for JS objects.
      expect(estimate.bytes).toBeGreaterThanOrEqual(allocated);
      expect(estimate.bytes).toBeLessThan(allocated * 1.25 + plan.nodes.length * 4096);
      expect(estimate.consumers.map((c) => c.what)).toContain('12 reverb nodes (reverb0, reverb1, reverb2, …)');
    });
  }
});
