/**
 * Ear-training scores and streaks, per exercise, kept in this browser's local storage (never in a
 * document). A broken or missing record starts again from zero; storage that refuses writes
 * (private mode, quota) only loses the scores, never an exercise.
 */
import type { ExerciseKind } from '../../teaching/earTraining';

/** What a score is kept for: a generated exercise, or ABX on two snapshots. */
export type ScoredExercise = ExerciseKind | 'abx';

export interface Score {
  answered: number;
  correct: number;
  streak: number;
  best: number;
}

const KEY = 'mixgraph.earTraining.v1';
const EMPTY: Score = { answered: 0, correct: 0, streak: 0, best: 0 };

function readAll(): Partial<Record<ScoredExercise, Score>> {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Partial<Record<ScoredExercise, Score>>) : {};
  } catch {
    return {};
  }
}

function valid(score: Score | undefined): Score {
  if (score === undefined) return EMPTY;
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return ok(score.answered) && ok(score.correct) && ok(score.streak) && ok(score.best) ? score : EMPTY;
}

/** The score of one exercise. */
export function readScore(kind: ScoredExercise): Score {
  return valid(readAll()[kind]);
}

/** Records one answer; returns the new score. */
export function recordAnswer(kind: ScoredExercise, correct: boolean): Score {
  const all = readAll();
  const before = valid(all[kind]);
  const streak = correct ? before.streak + 1 : 0;
  const next: Score = { answered: before.answered + 1, correct: before.correct + (correct ? 1 : 0), streak, best: Math.max(before.best, streak) };
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ ...all, [kind]: next }));
  } catch {
    // Scores are a convenience; the exercise goes on.
  }
  return next;
}
