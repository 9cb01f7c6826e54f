/**
 * The lesson panel: pick a built-in lesson, follow its steps (text, highlighted nodes, locked
 * params, a check that ticks while the mix plays), Back/Next; or author one from the current
 * graph ("Add step" records the selected nodes, the mix as a snapshot and the text) and share it.
 */
import { useEffect, useMemo, useState } from 'react';
import { captureSnapshot } from '../../graph/snapshot';
import { builtInLessons, describeCheck, encodeLessonFragment, parseLesson, type Lesson, type LessonStep } from '../../lessons';
import { catalog } from '../../nodes/registry';
import { onFrame } from '../live/frameLoop';
import { downloadText, fileNameFor } from '../persistence/download';
import { showNotice } from '../store/editorActions';
import { rootGraph, editorStore, useEditor, useRootGraph } from '../store/editorState';
import { closeLesson, currentCheck, goToStep, openLesson } from './lessonRunner';
import { renderLessonMarkdown } from './markdown';
import { useTeach } from './teachStore';

/** The built-in lessons, validated once. */
function useBuiltIns(): Lesson[] {
  return useMemo(() => builtInLessons.flatMap((entry) => {
    const parsed = parseLesson(entry.document);
    return parsed.ok ? [parsed.lesson] : [];
  }), []);
}

function CheckLine({ step }: { step: LessonStep }) {
  const graph = useRootGraph();
  const passed = useTeach((s) => (s.lesson === null ? false : s.lesson.passed[s.lesson.step] === true));
  const [reading, setReading] = useState<string>('');
  useEffect(() => {
    const update = () => setReading(currentCheck()?.reading ?? '');
    update();
    let last = 0;
    const stopFrames = onFrame((_session, now) => {
      if (now - last < 250) return;
      last = now;
      update();
    });
    const stopEdits = editorStore.subscribe(update);
    return () => {
      stopFrames();
      stopEdits();
    };
  }, [step]);
  if (step.check === undefined) return null;
  return (
    <p className="teach__check-line" data-passed={passed} aria-live="polite">
      <span className="teach__tick" aria-hidden="true">{passed ? '✓' : '○'}</span>
      <span>
        {describeCheck(step.check, graph, catalog)}
        {reading !== '' ? <span className="teach__reading"> — now {reading}</span> : null}
        <span className="visually-hidden">{passed ? ' (done)' : ' (not yet)'}</span>
      </span>
    </p>
  );
}

function LessonSteps() {
  const open = useTeach((s) => s.lesson)!;
  const step = open.lesson.steps[open.step]!;
  const html = useMemo(() => renderLessonMarkdown(step.text), [step.text]);
  const last = open.step === open.lesson.steps.length - 1;
  return (
    <div className="teach__lesson" aria-label="Lesson">
      <div className="teach__row teach__row--spread">
        <strong className="teach__lesson-title">{open.lesson.title}</strong>
        <span className="teach__muted">
          Step {open.step + 1} of {open.lesson.steps.length}
        </span>
      </div>
      <h3 className="teach__step-title">{step.title}</h3>
      {/* markdown-it with html off: see markdown.ts */}
      <div className="teach__text" dangerouslySetInnerHTML={{ __html: html }} />
      <CheckLine step={step} />
      <div className="teach__row">
        <button type="button" className="btn btn--small" disabled={open.step === 0} onClick={() => goToStep(open.step - 1)}>
          Back
        </button>
        <button type="button" className="btn btn--small btn--primary" disabled={last} onClick={() => goToStep(open.step + 1)}>
          Next
        </button>
        <span className="teach__spacer" />
        <button type="button" className="btn btn--small" onClick={() => shareLesson(open.lesson)}>
          Share link
        </button>
        <button type="button" className="btn btn--small" onClick={closeLesson}>
          Close lesson
        </button>
      </div>
    </div>
  );
}

function shareLesson(lesson: Lesson): void {
  const url = `${window.location.href.split('#')[0]}#${encodeLessonFragment(lesson)}`;
  void navigator.clipboard?.writeText(url).then(
    () => showNotice('info', 'Lesson link copied.'),
    () => showNotice('info', `Lesson link: ${url}`),
  );
}

/** Authoring: a lesson built step by step from the current graph. */
function LessonAuthor() {
  const [steps, setSteps] = useState<LessonStep[]>([]);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const selected = useEditor((s) => s.selection.nodes);
  const draft = (): Lesson => {
    const graph = rootGraph();
    const name = graph.name.trim() === '' ? 'My lesson' : graph.name;
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'my-lesson';
    return { format: 'mixgraph-lesson', version: 1, id, title: name, summary: '', graph: { ...graph, snapshots: undefined }, steps };
  };
  return (
    <details className="teach__author">
      <summary>Make a lesson from this graph</summary>
      <label className="teach__field">
        Step title
        <input className="text-input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="teach__field">
        Text (markdown)
        <textarea className="text-input" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="teach__row">
        <button
          type="button"
          className="btn btn--small"
          disabled={title.trim() === '' || text.trim() === ''}
          title="Records the selected nodes (highlighted in the step), the mix as it is now (loaded when the step opens) and the text"
          onClick={() => {
            setSteps([...steps, { title: title.trim(), text, highlight: [...selected], reveal: [], snapshot: captureSnapshot(rootGraph()) }]);
            setTitle('');
            setText('');
          }}
        >
          Add step
        </button>
        <span className="teach__muted">{steps.length} step{steps.length === 1 ? '' : 's'}</span>
        <span className="teach__spacer" />
        <button
          type="button"
          className="btn btn--small"
          disabled={steps.length === 0}
          onClick={() => {
            const parsed = parseLesson(JSON.parse(JSON.stringify(draft())));
            if (!parsed.ok) showNotice('error', parsed.errors[0]!.message);
            else void openLesson(parsed.lesson);
          }}
        >
          Try it
        </button>
        <button type="button" className="btn btn--small" disabled={steps.length === 0} onClick={() => downloadText(fileNameFor(draft().title, '.lesson.json'), `${JSON.stringify(draft(), null, 2)}\n`)}>
          Export
        </button>
      </div>
    </details>
  );
}

/** The lesson section; see the file comment. */
export function LessonSection() {
  const open = useTeach((s) => s.lesson !== null);
  const lessons = useBuiltIns();
  if (open) return <LessonSteps />;
  return (
    <div className="teach__lessons">
      <ul className="teach__lesson-list" aria-label="Lessons">
        {lessons.map((lesson) => (
          <li key={lesson.id}>
            <button type="button" className="teach__lesson-pick" onClick={() => void openLesson(lesson)} title={lesson.summary}>
              <span className="teach__lesson-name">{lesson.title}</span>
              <span className="teach__muted">{lesson.summary}</span>
            </button>
          </li>
        ))}
      </ul>
      <LessonAuthor />
    </div>
  );
}
