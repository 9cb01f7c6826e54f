/**
 * Modules through the real engine: a render of a graph with modules is bit-identical to the same
 * graph flattened by hand (the demo mix with five channel-strip instances), and latency
 * compensation lines up paths across a module boundary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../../../src/graph';
import { compile, render } from '../../../src/runtime/offline';
import { parseDocument } from '../../../src/runtime/document';

const TRACKS = ['drums', 'bass', 'keys', 'lead', 'vocals'];
const SECONDS = 3;

function parseFile(path: string): Graph {
  const parsed = parseDocument(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.graph;
}

async function renderOf(graph: Graph): Promise<{ left: Float32Array; right: Float32Array }> {
  const compiled = compile(graph);
  if (!compiled.ok) throw new Error(compiled.errors[0].message);
  return render(compiled.plan, { seconds: SECONDS });
}

/**
 * The flat demo mix (`demo-mix-flat`, version 1) rewritten by hand into what five channel strips
 * mean: each track's EQ and compressor renamed `<track>/eq`, `<track>/comp`, followed by a unity
 * fader and a centred pan; the drums (which had no compressor) get one with mix 0 (dry). Written without
 * `flattenModules`, so the test compares two independent constructions.
 */
function handFlattened(v1: Graph, strip: { edges: GraphEdge[] }): Graph {
  const renamed = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const n of v1.nodes) {
    const [kind, track] = [n.id.slice(0, n.id.indexOf('-')), n.id.slice(n.id.indexOf('-') + 1)];
    if ((kind === 'eq' || kind === 'comp') && TRACKS.includes(track)) {
      renamed.set(n.id, `${track}/${kind}`);
      nodes.push({ ...n, id: `${track}/${kind}` });
      if (kind === 'eq' && track === 'drums') nodes.push({ id: 'drums/comp', type: 'compressor', position: n.position, params: { mix: 0 } });
      if (kind === 'eq') {
        nodes.push({ id: `${track}/fader`, type: 'gain', position: n.position, params: {} });
        nodes.push({ id: `${track}/pan`, type: 'pan', position: n.position, params: {} });
      }
      continue;
    }
    nodes.push(n);
  }
  const stripEnd = (id: string) => (renamed.has(id) ? `${id.slice(id.indexOf('-') + 1)}/pan` : id);
  const edges: GraphEdge[] = [];
  for (const e of v1.edges) {
    if (renamed.has(e.from.node) && renamed.has(e.to.node)) continue; // eq → comp: now inside the strip
    edges.push({
      id: e.id,
      from: renamed.has(e.from.node) ? { node: stripEnd(e.from.node), port: 'out' } : e.from,
      to: renamed.has(e.to.node) ? { node: renamed.get(e.to.node)!.replace(/\/comp$/, '/eq'), port: 'in' } : e.to,
    });
  }
  for (const t of TRACKS) for (const w of strip.edges) edges.push({ id: `${t}/${w.id}`, from: { node: `${t}/${w.from.node}`, port: w.from.port }, to: { node: `${t}/${w.to.node}`, port: w.to.port } });
  return { ...v1, nodes, edges };
}

describe('modules in the offline engine', () => {
  it('the demo mix (five channel-strip instances) renders bit-identically to the same graph flattened by hand', async () => {
    const withModules = parseFile('presets/demo-mix.json');
    expect(withModules.nodes.filter((n) => n.type === 'module').map((n) => n.id)).toEqual(TRACKS);
    const byHand = handFlattened(parseFile('presets/demo-mix-flat.json'), withModules.modules![0]);
    const a = await renderOf(withModules);
    const b = await renderOf(byHand);
    expect(a.left.length).toBe(SECONDS * 48000);
    let peak = 0;
    for (let i = 0; i < a.left.length; i++) peak = Math.max(peak, Math.abs(a.left[i]));
    expect(peak).toBeGreaterThan(0.1); // it is the mix, not silence
    expect(Buffer.from(a.left.buffer).equals(Buffer.from(b.left.buffer))).toBe(true);
    expect(Buffer.from(a.right.buffer).equals(Buffer.from(b.right.buffer))).toBe(true);
  }, 60_000);

  it('sounds like the flat demo mix (the version-1 original): the residual is below -120 dBFS', async () => {
    const a = await renderOf(parseFile('presets/demo-mix.json'));
    const b = await renderOf(parseFile('presets/demo-mix-flat.json'));
    let worst = 0;
    for (let i = 0; i < a.left.length; i++) worst = Math.max(worst, Math.abs(a.left[i] - b.left[i]), Math.abs(a.right[i] - b.right[i]));
    const residualDb = worst === 0 ? -Infinity : 20 * Math.log10(worst);
    console.log(`demo-mix (modules) vs demo-mix-flat: largest sample difference ${worst} (${residualDb.toFixed(1)} dBFS)`);
    expect(residualDb).toBeLessThan(-120);
  }, 60_000);

  it('compensates a limiter\u2019s lookahead inside a module against a dry path outside it', async () => {
    // tone → [module: limiter] → sum, and tone → inverted gain → sum. Aligned, they cancel (the
    // limiter's 20 kHz band limit is off: with it on, its output is filtered, not only delayed).
    const at = { x: 0, y: 0 };
    const doc = {
      format: 'mixgraph', version: 2, name: 'PDC across a module',
      modules: [{
        id: 'look', name: 'Lookahead', nodes: [{ id: 'lim', type: 'limiter', position: at, params: { lookahead: 5, ceiling: 0, bandLimit: false } }],
        edges: [], inputs: [{ id: 'in', node: 'lim', port: 'in' }], outputs: [{ id: 'out', node: 'lim', port: 'out' }], params: [],
      }],
      nodes: [
        { id: 'tone', type: 'tone', position: at, params: { wave: 'sine', freq: 997, level: -20 } },
        { id: 'wet', type: 'module', position: at, params: { module: 'look' } },
        { id: 'flip', type: 'gain', position: at, params: { invert: true } },
        { id: 'sum', type: 'bus', position: at, params: {} },
        { id: 'out', type: 'output', position: at, params: {} },
      ],
      edges: [
        { id: 'e1', from: { node: 'tone', port: 'out' }, to: { node: 'wet', port: 'in' } },
        { id: 'e2', from: { node: 'tone', port: 'out' }, to: { node: 'flip', port: 'in' } },
        { id: 'e3', from: { node: 'wet', port: 'out' }, to: { node: 'sum', port: 'in' } },
        { id: 'e4', from: { node: 'flip', port: 'out' }, to: { node: 'sum', port: 'in' } },
        { id: 'e5', from: { node: 'sum', port: 'out' }, to: { node: 'out', port: 'in' } },
      ],
    };
    const parsed = parseDocument(doc);
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const compiled = compile(parsed.graph);
    if (!compiled.ok) throw new Error(compiled.errors[0].message);
    const limiter = compiled.plan.nodes.find((n) => n.id === 'wet/lim');
    expect(limiter).toBeDefined();
    const out = await render(compiled.plan, { seconds: 0.5 });
    // A 5 ms misalignment of a 997 Hz sine at -20 dBFS would leave about -20 dBFS; aligned, nothing.
    let worst = 0;
    for (let i = 0; i < out.left.length; i++) worst = Math.max(worst, Math.abs(out.left[i]), Math.abs(out.right[i]));
    expect(20 * Math.log10(worst + 1e-30)).toBeLessThan(-100);
    // The control: without the inverted path, the limiter passes the tone at full level.
    const dryOnly = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'flip'), edges: doc.edges.filter((e) => e.id !== 'e2' && e.id !== 'e4') };
    const control = parseDocument(dryOnly);
    if (!control.ok) throw new Error(control.errors[0].message);
    const c = compile(control.graph);
    if (!c.ok) throw new Error('compile');
    const rendered = await render(c.plan, { seconds: 0.5 });
    let peak = 0;
    for (let i = 0; i < rendered.left.length; i++) peak = Math.max(peak, Math.abs(rendered.left[i]));
    expect(20 * Math.log10(peak)).toBeCloseTo(-20, 0);
  });
});

describe('built-in modules', () => {
  it('are valid definitions and each renders a tone to the master, with no NaN', async () => {
    const { builtInModules } = await import('../../../src/runtime/builtInModules');
    const modules = builtInModules();
    expect(modules.map((m) => m.name)).toEqual(['Channel strip', 'Parallel compression', 'Send effect (reverb)']);
    for (const m of modules) {
      const at = { x: 0, y: 0 };
      const doc = {
        format: 'mixgraph', version: 2, name: m.name, modules: [m],
        nodes: [
          { id: 'tone', type: 'tone', position: at, params: { wave: 'pink', level: -20 } },
          { id: 'm', type: 'module', position: at, params: { module: m.id } },
          { id: 'out', type: 'output', position: at, params: {} },
        ],
        edges: [
          { id: 'e1', from: { node: 'tone', port: 'out' }, to: { node: 'm', port: 'in' } },
          ...m.outputs.map((p, i) => ({ id: `o${i}`, from: { node: 'm', port: p.id }, to: { node: 'out', port: 'in' } })),
        ],
      };
      const parsed = parseDocument(doc);
      if (!parsed.ok) throw new Error(parsed.errors[0].message);
      const compiled = compile(parsed.graph);
      if (!compiled.ok) throw new Error(compiled.errors[0].message);
      const out = await render(compiled.plan, { seconds: 0.5 });
      let peak = 0;
      let nonFinite = 0;
      for (let i = 0; i < out.left.length; i++) {
        if (!Number.isFinite(out.left[i]) || !Number.isFinite(out.right[i])) nonFinite++;
        peak = Math.max(peak, Math.abs(out.left[i]));
      }
      expect(nonFinite, m.name).toBe(0);
      expect(peak, m.name).toBeGreaterThan(0.01);
    }
  });
});
