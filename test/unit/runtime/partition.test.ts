/**
 * The split render's partition and its two partial engines, on one thread (the threads and the
 * ring are tested through the CLI bundle in test/unit/cli/renderSplitThread.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/runtime/document';
import { compile, OfflineEngine, type Plan } from '../../../src/runtime/offline';
import { METER_COST, nodeCost, partitionPlan, WAV_WRITE_COST } from '../../../src/runtime/offline/partition';
import { nextBlockFrames } from '../../../src/runtime/offline/split';
import { chainGraph } from '../../../bench/chainSettings';
import { pinkClip } from '../../../bench/pinkClip';

const MAIN_EXTRA = METER_COST + WAV_WRITE_COST;

function planOf(json: unknown): Plan {
  const parsed = parseDocument(json);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const compiled = compile(parsed.graph);
  if (!compiled.ok) throw new Error(compiled.errors[0].message);
  return compiled.plan;
}

const presets = readdirSync('presets')
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, plan: planOf(JSON.parse(readFileSync(join('presets', f), 'utf8'))) }));
const ids = (plan: Plan, worker: boolean[]) => plan.nodes.filter((_, i) => worker[i]).map((n) => n.id);

describe('partitionPlan', () => {
  for (const { name, plan } of [...presets, { name: 'the bench chain', plan: planOf(chainGraph()) }]) {
    it(`${name}: the worker part is closed upwards, excludes the master, and the crossings are its outputs the main part reads`, () => {
      const p = partitionPlan(plan, 48000, () => true, MAIN_EXTRA);
      expect(p).not.toBeNull();
      const { worker, crossings } = p!;
      expect(worker[plan.master]).toBe(false);
      const read = new Set<string>();
      plan.nodes.forEach((node, i) => {
        for (const wires of node.inputs) {
          for (const w of wires) {
            if (worker[i]) expect(worker[w.fromNode], `${plan.nodes[w.fromNode].id} feeds worker node ${node.id}`).toBe(true);
            else if (worker[w.fromNode]) read.add(`${w.fromNode}:${w.fromPort}`);
          }
        }
      });
      expect(crossings.map((c) => `${c.node}:${c.port}`).sort()).toEqual([...read].sort());
      // Balanced: the sides differ by less than the costliest node (the greedy's step).
      const largest = Math.max(...plan.nodes.map((_, i) => nodeCost(plan, i, 48000)), MAIN_EXTRA);
      expect(Math.abs(p!.workerCost - p!.mainCost)).toBeLessThan(largest + 1);
    });
  }

  it('the bench chain: source, EQ, compressor and reverb in the worker; limiter, output, writer and meter on the main thread', () => {
    const plan = planOf(chainGraph());
    expect(ids(plan, partitionPlan(plan, 48000, () => true, MAIN_EXTRA)!.worker)).toEqual(['src', 'eq', 'comp', 'verb']);
  });

  it('demo-mix: whole channel strips move, about half of them', () => {
    const plan = presets.find((p) => p.name === 'demo-mix.json')!.plan;
    const w = ids(plan, partitionPlan(plan, 48000, () => true, MAIN_EXTRA)!.worker);
    const strips = ['drums', 'bass', 'keys', 'lead', 'vocals'].filter((s) => w.includes(`${s}/comp`));
    expect(strips.length).toBeGreaterThanOrEqual(2);
    expect(strips.length).toBeLessThanOrEqual(4);
    for (const s of strips) expect(w).toEqual(expect.arrayContaining([`src-${s}`, `${s}/eq`, `${s}/comp`, `${s}/fader`, `${s}/pan`]));
  });

  it('a node that may not move (a streamed clip) stays on the main thread with everything it feeds', () => {
    const plan = planOf(chainGraph());
    const p = partitionPlan(plan, 48000, (i) => plan.nodes[i].id !== 'src', MAIN_EXTRA);
    expect(p).toBeNull(); // nothing upstream of the rest is movable
  });

  it('no split when the worker part would carry less than a fifth of the work', () => {
    const plan = planOf(chainGraph());
    expect(partitionPlan(plan, 48000, () => true, 1000)).toBeNull();
  });
});

describe('two partial engines = the whole engine', () => {
  for (const { name, plan } of presets) {
    it(`${name}: worker and main parts run in lock step on one thread give the whole plan's samples, bit for bit`, () => {
      const sampleRate = 48000;
      const blockSize = 1000; // not a power of two: slot edges fall inside blocks' ranges
      const clips = { pink: pinkClip(sampleRate, 3) };
      const whole = new OfflineEngine(plan, { sampleRate, maxBlockSize: blockSize, clips });
      const { worker, crossings } = partitionPlan(plan, sampleRate, () => true, MAIN_EXTRA)!;
      const w = new OfflineEngine(plan, { sampleRate, maxBlockSize: blockSize, clips, part: { runs: worker } });
      const arrivals = new Map(crossings.map((c) => [c.node, w.arrivalOf(c.node)]));
      const m = new OfflineEngine(plan, { sampleRate, maxBlockSize: blockSize, clips, part: { runs: worker.map((x) => !x), arrivals } });
      expect(m.masterLatency).toBe(whole.masterLatency);
      let toSkip = whole.masterLatency;
      let done = 0;
      const total = sampleRate / 2;
      while (done < total) {
        const frames = nextBlockFrames(toSkip, done, total, blockSize);
        const expected = whole.process(frames);
        w.process(frames);
        for (const c of crossings) {
          const from = w.outputsOf(c.node)[c.port];
          const to = m.outputsOf(c.node)[c.port];
          to.left.set(from.left.subarray(0, frames));
          to.right.set(from.right.subarray(0, frames));
        }
        const got = m.process(frames);
        expect(Buffer.from(got.left.buffer, 0, 4 * frames).equals(Buffer.from(expected.left.buffer, 0, 4 * frames))).toBe(true);
        expect(Buffer.from(got.right.buffer, 0, 4 * frames).equals(Buffer.from(expected.right.buffer, 0, 4 * frames))).toBe(true);
        if (toSkip > 0) toSkip -= frames;
        else done += frames;
      }
    });
  }
});
