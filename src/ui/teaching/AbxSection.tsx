/**
 * ABX on two of the document's snapshots: A, B and a hidden X (one of them, seeded), all rendered
 * offline and loudness-matched, so only the sound — never the level, a lit button or an inspector
 * value — can tell which X is.
 */
import { useState } from 'react';
import { applySnapshot } from '../../graph/snapshot';
import { SNAPSHOT_SLOTS, type SnapshotSlot } from '../../graph/types';
import { abxHidden } from '../../teaching/earTraining';
import { rootGraph, useRootGraph } from '../store/editorState';
import { renderMatched } from './quizAudio';
import { type Score, readScore, recordAnswer } from './quizScores';
import { useQuizAudio } from './useQuizAudio';

type Phase = { kind: 'idle' } | { kind: 'rendering' } | { kind: 'ready' } | { kind: 'answered'; correct: boolean } | { kind: 'failed'; message: string };

/** ABX between two snapshots; see the file comment. */
export function AbxSection({ seed }: { seed: string }) {
  const stored = (useRootGraph().snapshots ?? []).map((s) => s.slot);
  const [a, setA] = useState<SnapshotSlot>(stored[0] ?? 'A');
  const [b, setB] = useState<SnapshotSlot>(stored[1] ?? 'B');
  const [round, setRound] = useState(0);
  const [hidden, setHidden] = useState<'A' | 'B'>('A');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [score, setScore] = useState<Score>(() => readScore('abx'));
  const quiz = useQuizAudio();

  const usable = stored.includes(a) && stored.includes(b) && a !== b;

  const next = async () => {
    const graph = rootGraph();
    const snapA = graph.snapshots?.find((s) => s.slot === a);
    const snapB = graph.snapshots?.find((s) => s.slot === b);
    if (snapA === undefined || snapB === undefined) return;
    const x = abxHidden(seed, round);
    setRound(round + 1);
    setHidden(x);
    setPhase({ kind: 'rendering' });
    try {
      const graphA = applySnapshot(graph, snapA).graph;
      const graphB = applySnapshot(graph, snapB).graph;
      await quiz.prepare(async (context) => {
        const [bufA, bufB] = await renderMatched(context, graphA, [graphA, graphB], [0, 0]);
        return [bufA!, bufB!, x === 'A' ? bufA! : bufB!];
      });
      setPhase({ kind: 'ready' });
    } catch (cause) {
      setPhase({ kind: 'failed', message: cause instanceof Error ? cause.message : String(cause) });
    }
  };

  const answer = (guess: 'A' | 'B') => {
    if (phase.kind !== 'ready') return;
    const correct = guess === hidden;
    setScore(recordAnswer('abx', correct));
    setPhase({ kind: 'answered', correct });
  };

  const slotPicker = (label: string, value: SnapshotSlot, onChange: (s: SnapshotSlot) => void) => (
    <select className="teach__select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as SnapshotSlot)}>
      {SNAPSHOT_SLOTS.map((slot) => (
        <option key={slot} value={slot} disabled={!stored.includes(slot)}>
          Snapshot {slot}
        </option>
      ))}
    </select>
  );

  return (
    <div className="teach__quiz" aria-label="ABX">
      {stored.length < 2 ? (
        <p className="teach__muted">Store two snapshots (Snapshots tab) to compare them blind.</p>
      ) : (
        <div className="teach__row">
          {slotPicker('A is', a, setA)}
          <span>vs</span>
          {slotPicker('B is', b, setB)}
          <button type="button" className="btn btn--small btn--primary" disabled={!usable || phase.kind === 'rendering'} onClick={() => void next()}>
            {phase.kind === 'idle' ? 'Start' : 'Next round'}
          </button>
        </div>
      )}
      {phase.kind === 'rendering' && <p className="teach__muted">Preparing A, B and X…</p>}
      {phase.kind === 'failed' && (
        <p className="field-error" role="alert">
          Could not prepare the round: {phase.message}
        </p>
      )}
      {(phase.kind === 'ready' || phase.kind === 'answered') && (
        <>
          <p className="teach__prompt">X is either A or B, at the same loudness. Which?</p>
          <div className="teach__row" role="group" aria-label="Listen">
            {['A', 'B', 'X'].map((label, i) => (
              <button key={label} type="button" className="teach__slot teach__slot--small" aria-pressed={quiz.playing === i} onClick={() => quiz.listen(i)}>
                ▶ {label}
              </button>
            ))}
          </div>
          <div className="teach__row" role="group" aria-label="Answer">
            <button type="button" className="btn btn--small" disabled={phase.kind !== 'ready'} onClick={() => answer('A')}>
              X is A
            </button>
            <button type="button" className="btn btn--small" disabled={phase.kind !== 'ready'} onClick={() => answer('B')}>
              X is B
            </button>
          </div>
          {phase.kind === 'answered' && (
            <p className="teach__result" data-correct={phase.correct} role="status">
              {phase.correct ? 'Right!' : 'Not quite.'} X was {hidden}.
            </p>
          )}
        </>
      )}
      <p className="teach__muted" aria-label="ABX score">
        Score {score.correct}/{score.answered} · streak {score.streak} · best {score.best}
      </p>
    </div>
  );
}
