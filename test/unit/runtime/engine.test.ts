import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/runtime/offline/compile';
import { render, renderStream, RenderAbortedError } from '../../../src/runtime/offline/render';
import { fakeDefinition, fakeGraph } from './fakeNodes';

function plan(graph: ReturnType<typeof fakeGraph>) {
  const result = compile(graph, fakeDefinition);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.plan;
}

const at48k = { sampleRate: 48000 };

describe('offline engine', () => {
  it('sums every wire into an input and fans an output out to many wires', async () => {
    const g = fakeGraph(
      [
        ['a', 'ramp', { value: 1 }],
        ['b', 'ramp', { value: 10 }],
        ['m1', 'mix'],
        ['m2', 'mix'],
        ['sum', 'mix'],
        ['out', 'output'],
      ],
      ['a>m1', 'b>m1', 'a>m2', 'm1>sum', 'm2>sum', 'sum>out'],
    );
    const r = await render(plan(g), { ...at48k, seconds: 0.01, blockSize: 64 });
    for (let n = 0; n < r.frames; n++) {
      // m1 = a + b = 11n, m2 = a = n, sum = 12n; the right channel carries the negated signal.
      expect(r.left[n]).toBe(Math.fround(12 * n));
      expect(r.right[n]).toBe(n === 0 ? 0 : Math.fround(-12 * n));
    }
  });

  it('compensates latency so parallel paths stay sample-aligned, and trims it at the master', async () => {
    const g = fakeGraph(
      [
        ['src', 'impulse', { value: 1 }],
        ['slow', 'latency', { latency: 37 }],
        ['slower', 'latency', { latency: 100 }],
        ['sum', 'mix'],
        ['out', 'output'],
      ],
      ['src>slow', 'slow>slower', 'src>sum', 'slower>sum:side', 'src>sum:side', 'sum>out'],
    );
    const p = plan(g);
    const r = await render(p, { ...at48k, seconds: 0.01, blockSize: 128 });
    expect(r.latencySamples).toBe(137);
    // Three paths (0, 0 and 137 samples) arrive together as one impulse of 3 at time 0.
    expect(r.left[0]).toBe(3);
    for (let n = 1; n < r.frames; n++) expect(r.left[n]).toBe(0);
  });

  it('bypass passes the main input through with the node latency kept', async () => {
    const g = fakeGraph(
      [
        ['src', 'impulse', { value: 1 }],
        ['slow', 'latency', { latency: 50 }],
        ['sum', 'mix'],
        ['out', 'output'],
      ],
      ['src>slow', 'slow>sum', 'src>sum:side', 'sum>out'],
      ['slow'],
    );
    const r = await render(plan(g), { ...at48k, seconds: 0.01, blockSize: 16 });
    expect(r.left[0]).toBe(2);
    for (let n = 1; n < r.frames; n++) expect(r.left[n]).toBe(0);
  });

  it('gives the same samples for every block size', async () => {
    const g = fakeGraph(
      [
        ['a', 'ramp', { value: 0.001 }],
        ['slow', 'latency', { latency: 333 }],
        ['sum', 'mix'],
        ['out', 'output'],
      ],
      ['a>slow', 'slow>sum', 'a>sum:side', 'sum>out'],
    );
    const p = plan(g);
    const ref = await render(p, { ...at48k, seconds: 0.2, blockSize: 4096 });
    for (const blockSize of [1, 128, 1000]) {
      const r = await render(p, { ...at48k, seconds: 0.2, blockSize });
      expect(r.left).toEqual(ref.left);
      expect(r.right).toEqual(ref.right);
    }
  });

  it('leaves out nodes that do not reach the master and reports them', () => {
    const g = fakeGraph(
      [
        ['a', 'ramp'],
        ['lonely', 'ramp'],
        ['dead-end', 'mix'],
        ['out', 'output'],
      ],
      ['a>out', 'lonely>dead-end'],
    );
    const p = plan(g);
    expect(p.nodes.map((n) => n.id)).toEqual(['a', 'out']);
    expect(p.unused).toEqual(['dead-end', 'lonely']);
  });

  it('rejects a cycle naming its nodes, and a graph without exactly one master', () => {
    const cyclic = compile(fakeGraph([['a', 'mix'], ['b', 'mix'], ['out', 'output']], ['a>b', 'b>a', 'b>out']), fakeDefinition);
    expect(cyclic.ok).toBe(false);
    if (!cyclic.ok) expect(cyclic.errors[0].message).toMatch(/a → b → a|b → a → b/);
    const twoMasters = compile(fakeGraph([['o1', 'output'], ['o2', 'output']], []), fakeDefinition);
    expect(twoMasters.ok).toBe(false);
  });

  it('streams blocks to a sink, reports progress, and can be cancelled', async () => {
    const p = plan(fakeGraph([['a', 'ramp'], ['out', 'output']], ['a>out']));
    const sizes: number[] = [];
    let lastProgress = 0;
    const summary = await renderStream(p, { ...at48k, seconds: 1, blockSize: 4800, onProgress: (d) => (lastProgress = d) }, (_l, _r, n) => {
      sizes.push(n);
    });
    expect(sizes).toEqual(Array(10).fill(4800));
    expect(lastProgress).toBe(48000);
    expect(summary.frames).toBe(48000);

    const controller = new AbortController();
    controller.abort();
    await expect(renderStream(p, { ...at48k, seconds: 1, signal: controller.signal }, () => {})).rejects.toBeInstanceOf(RenderAbortedError);
  });

  it('rejects unsupported rates and block sizes with a clear message', async () => {
    const p = plan(fakeGraph([['a', 'ramp'], ['out', 'output']], ['a>out']));
    await expect(render(p, { sampleRate: 12345, seconds: 1 })).rejects.toThrow(/12345 Hz is not supported/);
    await expect(render(p, { sampleRate: 48000, seconds: 1, blockSize: 0 })).rejects.toThrow(/block size/);
  });
});
