/**
 * Section `scaling`: synthetic mixes of 10, 50 and 200 nodes (scalingGraph.ts) rendered in
 * process: ×realtime, and the cost per node (wall µs per node per second of audio), which stays
 * flat when the engine's overhead grows no faster than the graph.
 */
import { parseDocument } from '../src/runtime/document';
import { compile, renderStream, type Plan } from '../src/runtime/offline';
import type { ClipAudio } from '../src/nodes/types';
import type { BenchOptions } from './options';
import { pinkClip } from './pinkClip';
import { SCALING_CLIPS, scalingGraph } from './scalingGraph';
import { median, spread } from './stats';
import type { Row, SectionResult } from './types';

const SECTION = 'scaling';
/** Node counts of the scaling rows. */
export const SCALING_SIZES = [10, 50, 200] as const;

/** Parses and compiles the synthetic graph as a user's file would be. */
export function scalingPlan(nodeCount: number): Plan {
  const parsed = parseDocument(JSON.parse(JSON.stringify(scalingGraph(nodeCount))));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  const compiled = compile(parsed.graph);
  if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('; '));
  return compiled.plan;
}

/** Runs the scaling section. */
export async function scalingSection(options: BenchOptions): Promise<SectionResult> {
  const seconds = options.quick ? 5 : 30;
  const runs = options.quick ? 1 : 3;
  const inputs: Record<string, ClipAudio> = {};
  SCALING_CLIPS.forEach((name, i) => (inputs[name] = pinkClip(10 * 48000, 10 + 2 * i)));
  const rows: Row[] = [];
  for (const size of SCALING_SIZES) {
    const plan = scalingPlan(size);
    await renderStream(plan, { seconds: 2, inputs }, () => {}); // warm-up (JIT)
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await renderStream(plan, { seconds, inputs }, () => {});
      times.push((performance.now() - t0) / 1000);
    }
    const m = median(times);
    rows.push(
      {
        section: SECTION,
        name: `${size} nodes (in process)`,
        value: seconds / m,
        unit: '×realtime',
        detail: `${seconds} s of audio, median ${m.toFixed(2)} s${runs > 1 ? `, runs ${spread(times, 2)} s` : ''}`,
      },
      { section: SECTION, name: `${size} nodes: time per node`, value: (m * 1e6) / size / seconds, unit: 'µs/node/audio s' },
    );
  }
  return {
    rows,
    commands: [
      {
        section: SECTION,
        label: 'scaling',
        command: `in process: renderStream(compile(scalingGraph(N)), { seconds: ${seconds} }) for N = ${SCALING_SIZES.join(', ')}; median of ${runs} (bench/scalingRows.ts)`,
      },
    ],
  };
}
