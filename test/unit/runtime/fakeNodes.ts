/**
 * Minimal node definitions for engine tests, independent of the real catalog, so a failure here
 * points at the engine and not at a kernel.
 */
import type { Graph, GraphEdge, GraphNode } from '../../../src/graph/types';
import type { NodeDefinition, KernelIO } from '../../../src/nodes/types';

function source(type: string, value: (frame: number, param: number) => number): NodeDefinition {
  return {
    type,
    label: type,
    category: 'Sources',
    help: 'Test source.',
    inputs: [],
    outputs: [{ id: 'out', label: 'Out' }],
    params: [{ kind: 'number', key: 'value', label: 'Value', unit: '', min: -1e9, max: 1e9, default: 1, scale: 'linear', help: 'Value.' }],
    createKernel() {
      let frame = 0;
      let param = 1;
      return {
        latencySamples: 0,
        setParams(p) {
          param = p.value as number;
        },
        process(io: KernelIO) {
          const out = io.outputs[0];
          for (let i = 0; i < io.frames; i++) {
            out.left[i] = value(frame + i, param);
            out.right[i] = -value(frame + i, param);
          }
          frame += io.frames;
        },
        reset() {
          frame = 0;
        },
      };
    },
  };
}

/** Emits `value` at frame 0, then silence. */
export const impulseNode = source('impulse', (f, v) => (f === 0 ? v : 0));
/** Emits the frame number times `value` (a ramp, to see every sample's place). */
export const rampNode = source('ramp', (f, v) => f * v);

/** Delays its input by `latency` samples and reports that as its latency. */
export const latencyNode: NodeDefinition = {
  type: 'latency',
  label: 'Latency',
  category: 'Mixing',
  help: 'Test delay.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [{ kind: 'number', key: 'latency', label: 'Latency', unit: 'samples', min: 0, max: 100000, default: 0, scale: 'linear', help: 'Delay.' }],
  createKernel(_ctx, params) {
    const latency = params.latency as number;
    const ring = { l: new Float32Array(latency + 1), r: new Float32Array(latency + 1) };
    let w = 0;
    return {
      latencySamples: latency,
      setParams() {},
      process(io) {
        const input = io.inputs[0];
        const out = io.outputs[0];
        for (let i = 0; i < io.frames; i++) {
          ring.l[w] = input.left[i];
          ring.r[w] = input.right[i];
          const r = (w + 1) % ring.l.length;
          out.left[i] = ring.l[r];
          out.right[i] = ring.r[r];
          w = r;
        }
      },
      reset() {
        ring.l.fill(0);
        ring.r.fill(0);
      },
    };
  },
};

/** Passes `in` through; records whether its optional `side` input was wired. */
export const mixNode: NodeDefinition = {
  type: 'mix',
  label: 'Mix',
  category: 'Mixing',
  help: 'Test sum.',
  inputs: [
    { id: 'in', label: 'In' },
    { id: 'side', label: 'Side', optional: true },
  ],
  outputs: [{ id: 'out', label: 'Out' }],
  params: [],
  createKernel() {
    return {
      latencySamples: 0,
      setParams() {},
      process(io) {
        const a = io.inputs[0];
        const b = io.inputs[1];
        const out = io.outputs[0];
        for (let i = 0; i < io.frames; i++) {
          out.left[i] = a.left[i] + b.left[i];
          out.right[i] = a.right[i] + b.right[i];
        }
      },
      reset() {},
    };
  },
};

export const fakeOutputNode: NodeDefinition = {
  type: 'output',
  label: 'Output',
  category: 'Output',
  help: 'Test master.',
  inputs: [{ id: 'in', label: 'In' }],
  outputs: [],
  params: [],
  createKernel() {
    return {
      latencySamples: 0,
      setParams() {},
      process(io) {
        const out = io.outputs[0];
        out.left.set(io.inputs[0].left.subarray(0, io.frames));
        out.right.set(io.inputs[0].right.subarray(0, io.frames));
      },
      reset() {},
    };
  },
};

const fakes = new Map([impulseNode, rampNode, latencyNode, mixNode, fakeOutputNode].map((d) => [d.type, d]));
export const fakeDefinition = (type: string) => fakes.get(type);

/** Builds a graph from `id:type` node specs and `from>to[:port]` wire specs. */
export function fakeGraph(nodes: Array<[string, string, Record<string, number>?]>, wires: string[], bypass: string[] = []): Graph {
  const graphNodes: GraphNode[] = nodes.map(([id, type, params], i) => ({
    id,
    type,
    position: { x: i * 100, y: 0 },
    params: params ?? {},
    ...(bypass.includes(id) ? { bypass: true } : {}),
  }));
  const edges: GraphEdge[] = wires.map((w, i) => {
    const [from, rest] = w.split('>');
    const [to, port] = rest.split(':');
    return { id: `w${i}`, from: { node: from, port: 'out' }, to: { node: to, port: port ?? 'in' } };
  });
  return { format: 'mixgraph', version: 1, name: 'test', nodes: graphNodes, edges };
}
