/**
 * Lessons (issue 16): the built-in lessons validate, a lesson naming what its graph does not have
 * is refused with the step named, checks read the mix as their words say, and snapshots apply
 * exactly what they hold.
 */
import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../../../src/graph/diff';
import { applySnapshot, captureSnapshot } from '../../../src/graph/snapshot';
import type { Graph } from '../../../src/graph/types';
import { builtInLessons, describeCheck, evaluateCheck, parseLesson, type CheckMeters, type LessonCheck } from '../../../src/lessons';
import { catalog } from '../../../src/nodes/registry';
import vocalChain from '../../../presets/vocal-chain.json';

function lessonWith(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { format: 'mixgraph-lesson', version: 1, id: 'test', title: 'Test', summary: '', graph: structuredClone(vocalChain), steps, ...extra };
}
const step = (more: Record<string, unknown> = {}) => ({ title: 'Set the threshold', text: 'Do it.', ...more });
const errorsOf = (raw: unknown) => {
  const r = parseLesson(raw);
  if (r.ok) throw new Error('expected the lesson to be refused');
  return r.errors.map((e) => e.message);
};

describe('built-in lessons', () => {
  it('has at least five, each valid, with unique ids matching its entry, and snapshots that name real nodes', () => {
    expect(builtInLessons.length).toBeGreaterThanOrEqual(5);
    const ids = new Set<string>();
    for (const entry of builtInLessons) {
      const r = parseLesson(entry.document);
      if (!r.ok) throw new Error(`${entry.id}: ${r.errors.map((e) => e.message).join('; ')}`);
      expect(r.lesson.id).toBe(entry.id);
      ids.add(r.lesson.id);
      expect(r.lesson.steps.length).toBeGreaterThanOrEqual(3);
      for (const s of r.lesson.steps) if (s.snapshot) expect(applySnapshot(r.lesson.graph, s.snapshot).missing).toEqual([]);
      // Every lesson teaches something it can check.
      expect(r.lesson.steps.some((s) => s.check !== undefined)).toBe(true);
    }
    expect(ids.size).toBe(builtInLessons.length);
  });
});

describe('parseLesson', () => {
  it('names the step, the field and a close match for an unknown node', () => {
    const messages = errorsOf(lessonWith([step(), step({ highlight: ['vox-com'] })]));
    expect(messages).toEqual(['steps[1] "Set the threshold".highlight[0]: "vox-com" is not a node of the lesson\'s graph; did you mean "vox-comp"?']);
  });

  it('refuses unknown params, misplaced checks and bad values, each with its place', () => {
    const messages = errorsOf(
      lessonWith([
        step({ reveal: [{ node: 'vox-comp', param: 'treshold' }] }),
        step({ title: 'GR', check: { kind: 'gainReduction', node: 'vox-send', min: 3, max: 6 } }),
        step({ title: 'Loud', check: { kind: 'loudness', measure: 'integrated', target: -14, tolerance: 0 } }),
        step({ title: 'Snap', snapshot: { nodes: { 'vox-comp': { params: { ratio: 500 } } } } }),
        step({ title: 'Odd', check: { kind: 'vibes' } }),
      ]),
    );
    expect(messages[0]).toMatch(/^steps\[0\] "Set the threshold"\.reveal\[0\]\.param: "treshold" is not a param of "vox-comp" .*did you mean "threshold"\?$/);
    expect(messages[1]).toBe('steps[1] "GR".check.node: "vox-send" is a gain; gain reduction is measured on a compressor or a limiter');
    expect(messages[2]).toBe('steps[2] "Loud".check.tolerance: must be above 0 LU, got 0');
    expect(messages[3]).toMatch(/^steps\[3\] "Snap"\.snapshot\.nodes\["vox-comp"\]\.params\.ratio: 500 is above the maximum/);
    expect(messages[4]).toMatch(/^steps\[4\] "Odd"\.check\.kind: expected one of/);
    expect(messages).toHaveLength(5);
  });

  it('refuses what is not a lesson, a newer version, and passes the graph parser\'s errors on with their place', () => {
    expect(errorsOf([])).toEqual(['a lesson must be a JSON object, got an array']);
    expect(errorsOf({ ...lessonWith([step()]), format: 'mixgraph' })[0]).toMatch(/^format: expected "mixgraph-lesson"/);
    expect(errorsOf({ ...lessonWith([step()]), version: 7 })).toEqual(['version: 7 is newer than this Mixgraph understands (1); update Mixgraph']);
    const broken = lessonWith([step()]);
    (broken.graph as { nodes: { params: Record<string, unknown> }[] }).nodes[2]!.params.ratio = 'hard';
    expect(errorsOf(broken)[0]).toMatch(/^graph\.nodes\[2\] "vox-comp"\.params\.ratio: /);
    expect(errorsOf(lessonWith([]))).toEqual(['steps: expected a list of at least one step, got an array']);
  });
});

describe('checks', () => {
  const graph = structuredClone(vocalChain) as unknown as Graph;
  const meters = (m: Partial<CheckMeters>): CheckMeters => ({ integratedLufs: null, shortTermLufs: null, truePeakDbtp: null, gainReductionDb: () => null, ...m });
  const check = (c: LessonCheck, m: Partial<CheckMeters> = {}, g: Graph = graph) => evaluateCheck(c, g, catalog, meters(m));

  it('loudness: passes within the tolerance, fails outside, waits without a reading', () => {
    const c: LessonCheck = { kind: 'loudness', measure: 'integrated', target: -14, tolerance: 1 };
    expect(describeCheck(c, graph, catalog)).toBe('Integrated loudness within ±1 LU of \u221214 LUFS');
    expect(check(c, { integratedLufs: -14.9 }).state).toBe('passed');
    expect(check(c, { integratedLufs: -13.2 }).state).toBe('passed');
    expect(check(c, { integratedLufs: -15.2 })).toEqual({ state: 'failed', reading: '\u221215.2 LUFS' });
    expect(check(c, { integratedLufs: null }).state).toBe('waiting');
    expect(check(c, { integratedLufs: -Infinity }).state).toBe('waiting');
  });

  it('gain reduction reads the named node; true peak the master', () => {
    const gr: LessonCheck = { kind: 'gainReduction', node: 'vox-comp', min: 3, max: 6 };
    expect(describeCheck(gr, graph, catalog)).toBe('Gain reduction on Compressor between 3 and 6 dB');
    expect(check(gr, { gainReductionDb: (id) => (id === 'vox-comp' ? 4.2 : 0) }).state).toBe('passed');
    expect(check(gr, { gainReductionDb: (id) => (id === 'vox-comp' ? 7 : 5) }).state).toBe('failed');
    const tp: LessonCheck = { kind: 'truePeak', max: -1 };
    expect(check(tp, { truePeakDbtp: -1.2 }).state).toBe('passed');
    expect(check(tp, { truePeakDbtp: -0.4 }).state).toBe('failed');
  });

  it('param and bypass checks read the graph, defaults included', () => {
    const hp: LessonCheck = { kind: 'param', node: 'vox-clean', param: 'hpFreq', min: 40 };
    expect(describeCheck(hp, graph, catalog)).toMatch(/^.+ on Clean-up EQ at or above 40 Hz$/);
    expect(check(hp)).toMatchObject({ state: 'passed', reading: '100 Hz' });
    const moved = structuredClone(graph);
    moved.nodes.find((n) => n.id === 'vox-clean')!.params.hpFreq = 30;
    expect(check(hp, {}, moved).state).toBe('failed');
    // The compressor's mix is not in the preset: the check reads its default.
    const mixSpec = catalog.get('compressor')!.params.find((p) => p.key === 'mix')!;
    expect(check({ kind: 'param', node: 'vox-comp', param: 'mix', equals: mixSpec.default as number }).state).toBe('passed');
    const by: LessonCheck = { kind: 'bypass', node: 'vox-tone', bypassed: true };
    expect(check(by).state).toBe('failed');
    moved.nodes.find((n) => n.id === 'vox-tone')!.bypass = true;
    expect(check(by, {}, moved).state).toBe('passed');
  });
});

describe('snapshots', () => {
  it('capture then apply is the identity; applying another snapshot changes exactly what it holds', () => {
    const graph = structuredClone(vocalChain) as unknown as Graph;
    const a = captureSnapshot(graph);
    expect(diffGraphs(graph, applySnapshot(graph, a).graph, catalog)).toEqual([]);
    const edited = structuredClone(graph);
    edited.nodes.find((n) => n.id === 'vox-comp')!.params.threshold = -40;
    edited.nodes.find((n) => n.id === 'vox-tone')!.bypass = true;
    const b = captureSnapshot(edited);
    const { graph: applied, missing } = applySnapshot(graph, b);
    expect(missing).toEqual([]);
    expect(diffGraphs(graph, applied, catalog).map((c) => c.text)).toEqual(['Compressor: Threshold \u221230 dB → \u221240 dB', 'Presence EQ: bypassed']);
    expect(applySnapshot(graph, { nodes: { gone: { params: {}, bypass: false } } }).missing).toEqual(['gone']);
  });
});

describe('lesson links', () => {
  it('a built-in lesson travels by id; a made one as the whole document; both decode to the same lesson', async () => {
    const { encodeLessonFragment, decodeLessonFragment } = await import('../../../src/lessons');
    const builtIn = parseLesson(builtInLessons[1]!.document);
    if (!builtIn.ok) throw new Error('built-in lesson invalid');
    expect(encodeLessonFragment(builtIn.lesson)).toBe(`lesson=${builtIn.lesson.id}`);
    expect(decodeLessonFragment(`#lesson=${builtIn.lesson.id}`)).toEqual(builtIn);
    const made = parseLesson(lessonWith([step({ highlight: ['vox-comp'], check: { kind: 'bypass', node: 'vox-tone', bypassed: true } })]));
    if (!made.ok) throw new Error('made lesson invalid');
    const fragment = encodeLessonFragment(made.lesson);
    expect(fragment.startsWith('lessondoc=')).toBe(true);
    expect(decodeLessonFragment(`#${fragment}`)).toEqual(made);
  });

  it('a bad link is one clear message, never an exception', async () => {
    const { decodeLessonFragment } = await import('../../../src/lessons');
    const message = (fragment: string) => {
      const r = decodeLessonFragment(fragment);
      return r.ok ? 'accepted' : r.errors.map((e) => e.message).join('\n');
    };
    expect(message('#lesson=nope')).toMatch(/^lesson link: there is no built-in lesson "nope" \(lessons: gain-staging, /);
    expect(message('#lesson=%E0%A4%A')).toBe('lesson link: the lesson name in the link is damaged');
    expect(message('#lessondoc=')).toBe('lesson link: the link carries no lesson');
    expect(message('#lessondoc=!!!')).toMatch(/^lesson link: the lesson part is damaged/);
    expect(message('#lessondoc=AAAA')).toMatch(/^lesson link: /);
  });
});
