/**
 * The main thread's side of a split render when its worker fails, with a stand-in launcher (no
 * thread): the render rejects with the worker's error, never hangs, and stops the worker.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/runtime/document';
import { compile, EngineError, OfflineEngine, RenderAbortedError, renderStream, type Plan } from '../../../src/runtime/offline';
import { partitionPlan, WAV_WRITE_COST } from '../../../src/runtime/offline/partition';
import type { SplitEvents, SplitLauncher, WorkerPartSetup } from '../../../src/runtime/offline/split';

function presetPlan(name: string): Plan {
  const parsed = parseDocument(JSON.parse(readFileSync(`presets/${name}.json`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const compiled = compile(parsed.graph);
  if (!compiled.ok) throw new Error(compiled.errors[0].message);
  return compiled.plan;
}

/** A launcher whose "worker" does what `script` says, and which records whether it was stopped. */
function standIn(script: (setup: WorkerPartSetup, events: SplitEvents) => void) {
  const state = { stopped: false, launched: false };
  const launcher: SplitLauncher = {
    mainExtraCost: WAV_WRITE_COST,
    launch(setup, events) {
      state.launched = true;
      setTimeout(() => script(setup, events), 5);
      return { stop: () => (state.stopped = true) };
    },
  };
  return { launcher, state };
}

/** The arrivals the worker part would report, computed here with a worker-part engine. */
function arrivalsOf(plan: Plan, setup: WorkerPartSetup): [number, number][] {
  const w = new OfflineEngine(plan, { sampleRate: setup.sampleRate, maxBlockSize: setup.blockSize, part: { runs: setup.worker } });
  return [...new Set(setup.crossings.map((c) => c.node))].map((i) => [i, w.arrivalOf(i)]);
}

const plan = presetPlan('mastering-chain');
const options = { seconds: 2, sampleRate: 48000 };

describe('split render failures on the main side', () => {
  it('uses the launcher for a plan worth splitting', () => {
    expect(partitionPlan(plan, 48000, () => true, WAV_WRITE_COST)).not.toBeNull();
  });

  it('a worker that fails while building its kernels: the render rejects with its issues and stops it', async () => {
    const issue = { path: 'nodes "bass"', nodeId: 'bass', message: 'node "bass": made up for the test' };
    const { launcher, state } = standIn((_, events) => events.message({ kind: 'failed', message: issue.message, issues: [issue] }));
    const rendering = renderStream(plan, { ...options, split: launcher }, () => undefined);
    await expect(rendering).rejects.toThrow(EngineError);
    await expect(rendering).rejects.toThrow('node "bass": made up for the test');
    expect(state).toEqual({ launched: true, stopped: true });
  });

  it('a worker thread that dies after reporting ready: the render rejects (no hang) and nothing more is written', async () => {
    let blocks = 0;
    const { launcher, state } = standIn((setup, events) => {
      events.message({ kind: 'ready', arrivals: arrivalsOf(plan, setup) });
      setTimeout(() => events.failure('it stopped (exit code 1)'), 20);
    });
    await expect(renderStream(plan, { ...options, split: launcher }, () => void blocks++)).rejects.toThrow(
      "the render's worker thread failed: it stopped (exit code 1)",
    );
    expect(blocks).toBe(0); // no slot ever came
    expect(state.stopped).toBe(true);
  });

  it('an abort while the worker starts: RenderAbortedError, and the worker is stopped', async () => {
    const controller = new AbortController();
    const { launcher, state } = standIn(() => controller.abort());
    await expect(renderStream(plan, { ...options, split: launcher, signal: controller.signal }, () => undefined)).rejects.toThrow(
      RenderAbortedError,
    );
    expect(state.stopped).toBe(true);
  });
});
