/**
 * Running a lesson in the editor: opening it (its graph becomes the document, after the usual
 * "unsaved changes" question), entering a step (its settings load as one undoable edit, its nodes
 * are highlighted, params outside its `reveal` list are locked), and ticking its check while the
 * mix plays. A lesson closes when another document is opened.
 */
import { applySettings } from '../../graph/commands';
import { diffGraphs } from '../../graph/diff';
import type { Graph } from '../../graph/types';
import { type CheckMeters, type CheckResult, type Lesson, type LessonCheck, type LessonStep, decodeLessonFragment, evaluateCheck } from '../../lessons';
import { catalog } from '../../nodes/registry';
import { confirmDiscard, showOpenErrors } from '../documents/documentActions';
import { currentSession } from '../live/audioSession';
import { onFrame } from '../live/frameLoop';
import { liveStore } from '../live/liveStore';
import { dispatch, loadDocument, setEditGuard, showNotice } from '../store/editorActions';
import { rootGraph, editorStore } from '../store/editorState';
import { setTeach, teachStore } from './teachStore';

let lessonDocumentId = -1;

/** The step's own settings load without the step's lock in the way. */
function loadStepSettings(step: LessonStep): void {
  const snapshot = step.snapshot;
  if (snapshot === undefined) return;
  setEditGuard(null);
  dispatch(applySettings(`Lesson step: ${step.title}`, snapshot.nodes), { root: true });
}

/** Whether the open lesson's current step leaves `param` of `nodeId` free to change. */
export function isParamRevealed(nodeId: string, param: string): boolean {
  const open = teachStore.get().lesson;
  if (open === null) return true;
  const step = open.lesson.steps[open.step];
  if (step === undefined || step.reveal.length === 0) return true;
  return step.reveal.some((r) => r.node === nodeId && r.param === param);
}

function lockFor(step: LessonStep) {
  if (step.reveal.length === 0) return null;
  const names = step.reveal.map((r) => {
    const node = rootGraph().nodes.find((n) => n.id === r.node);
    const label = node === undefined ? r.param : (catalog.get(node.type)?.params.find((p) => p.key === r.param)?.label ?? r.param);
    return `${label} on ${node?.label ?? r.node}`;
  });
  return (before: Graph, after: Graph) => {
    for (const change of diffGraphs(before, after, catalog)) {
      if (change.kind === 'param' && !isParamRevealed(change.nodeId, change.param)) {
        return `This lesson step lets you change only ${names.join(', ')}. (Close the lesson to edit freely.)`;
      }
    }
    return undefined;
  };
}

/** Shows step `index` of the open lesson. */
export function goToStep(index: number): void {
  const open = teachStore.get().lesson;
  if (open === null) return;
  const step = open.lesson.steps[index];
  if (step === undefined) return;
  setTeach({ lesson: { ...open, step: index }, highlight: step.highlight });
  loadStepSettings(step);
  setEditGuard(lockFor(step));
  restartListening(step.check);
}

/** Opens `lesson`: asks before replacing unsaved work, then loads its graph and its first step. */
export async function openLesson(lesson: Lesson): Promise<void> {
  if (!(await confirmDiscard(`Opening the lesson “${lesson.title}”`))) return;
  loadDocument(lesson.graph, { kind: 'lesson', name: lesson.title });
  lessonDocumentId = editorStore.get().documentId;
  setTeach({ lesson: { lesson, step: 0, passed: lesson.steps.map(() => false) }, activeSlot: null, slotLoudness: {} });
  goToStep(0);
  showNotice('info', `Lesson “${lesson.title}”: ${lesson.steps.length} steps. Press Play, then follow the steps in the Teach panel.`);
}

/**
 * Opens the lesson a URL fragment names (`#lesson=<id>` or `#lessondoc=…`). A bad link shows its
 * problems and changes nothing. The fragment leaves the address bar once handled, so a reload opens
 * the working copy.
 */
export async function openLessonLink(fragment: string): Promise<void> {
  const parsed = decodeLessonFragment(fragment);
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if (!parsed.ok) {
    await showOpenErrors('the lesson link', parsed.errors);
    return;
  }
  await openLesson(parsed.lesson);
}

/** Closes the lesson: the graph stays, every param is free again. */
export function closeLesson(): void {
  setEditGuard(null);
  setTeach({ lesson: null, highlight: [] });
}

/** Seconds a meter check needs after the step opened or the mix was edited (its meter's window). */
function settleSeconds(check: LessonCheck): number {
  switch (check.kind) {
    case 'loudness':
      return 3; // short-term is a 3 s window; integrated needs a few blocks past its gates
    case 'gainReduction':
      return GR_WINDOW_S;
    case 'truePeak':
      return 1;
    default:
      return 0;
  }
}

/** Gain reduction is read as its peak over this window, so the gaps between hits do not pass a check. */
const GR_WINDOW_S = 1.5;
/** A meter check must pass this long without a break to tick: a passing moment is not a setting. */
const HOLD_S = 1;

let settledFrom = 0;
let passingSince: number | null = null;
const grHistory: { at: number; db: number }[] = [];

/** Called on entering a step and on every edit: meter checks listen afresh. */
function restartListening(check: LessonCheck | undefined): void {
  settledFrom = performance.now();
  passingSince = null;
  grHistory.length = 0;
  // Integrated loudness and true peak accumulate since the meter's last reset: start them again so
  // they describe the mix as it is now, not as it was before the edit.
  if (check?.kind === 'truePeak' || (check?.kind === 'loudness' && check.measure === 'integrated')) currentSession()?.masterMeter.reset();
}

/** Peak gain reduction of `nodeId` over the last window (recorded from the meter loop). */
function peakGainReduction(nodeId: string, now: number): number | null {
  const session = currentSession();
  if (session === null) return null;
  grHistory.push({ at: now, db: session.engine.gainReductionDb(nodeId) });
  while (grHistory.length > 0 && now - grHistory[0]!.at > GR_WINDOW_S * 1000) grHistory.shift();
  return Math.max(...grHistory.map((h) => h.db));
}

/** The meters a check reads, from the running audio. */
function metersNow(now: number): CheckMeters {
  const session = currentSession();
  const reading = session?.masterMeter.reading ?? null;
  return {
    integratedLufs: reading?.integratedLufs ?? null,
    shortTermLufs: reading?.shortTermLufs ?? null,
    truePeakDbtp: reading?.truePeakDbtp ?? null,
    gainReductionDb: (id) => peakGainReduction(id, now),
  };
}

/**
 * The current step's check now: meter checks wait while the transport is stopped and for their
 * meter's window after the step opened or the mix changed.
 */
export function currentCheck(now = performance.now()): CheckResult | null {
  const open = teachStore.get().lesson;
  const check = open?.lesson.steps[open.step]?.check;
  if (open === null || check === undefined) return null;
  const fromMeters = check.kind !== 'param' && check.kind !== 'bypass';
  if (fromMeters && !liveStore.get().playing) return { state: 'waiting', reading: 'press Play to measure' };
  if (fromMeters && now - settledFrom < settleSeconds(check) * 1000) return { state: 'waiting', reading: 'listening…' };
  return evaluateCheck(check, rootGraph(), catalog, metersNow(now));
}

/**
 * Ticks the current step when its check passes — meter checks after passing for a second without
 * a break, param and bypass checks at once — and closes the lesson when another document opens.
 */
export function followLesson(): () => void {
  let revision = editorStore.get().history.revision;
  const tick = (now: number) => {
    const open = teachStore.get().lesson;
    if (open === null || open.passed[open.step] === true) return;
    const check = open.lesson.steps[open.step]?.check;
    const result = currentCheck(now);
    if (check === undefined || result?.state !== 'passed') {
      passingSince = null;
      return;
    }
    if (check.kind !== 'param' && check.kind !== 'bypass') {
      passingSince ??= now;
      if (now - passingSince < HOLD_S * 1000) return;
    }
    const passed = open.passed.slice();
    passed[open.step] = true;
    setTeach({ lesson: { ...open, passed } });
  };
  const stopFrames = onFrame((_session, now) => tick(now));
  const stopEdits = editorStore.subscribe(() => {
    const state = editorStore.get();
    if (teachStore.get().lesson !== null && state.documentId !== lessonDocumentId) {
      closeLesson();
      return;
    }
    if (state.history.revision !== revision) {
      revision = state.history.revision;
      const open = teachStore.get().lesson;
      restartListening(open?.lesson.steps[open.step]?.check);
    }
    tick(performance.now());
  });
  // Pressing Play starts the meters' windows again (what played before was another moment).
  let playing = liveStore.get().playing;
  const stopLive = liveStore.subscribe(() => {
    const now = liveStore.get().playing;
    if (now === playing) return;
    playing = now;
    const open = teachStore.get().lesson;
    if (now && open !== null) restartListening(open.lesson.steps[open.step]?.check);
  });
  return () => {
    stopFrames();
    stopEdits();
    stopLive();
  };
}

export type { Lesson };
