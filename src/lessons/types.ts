/**
 * A lesson (issue 16): a graph plus ordered steps, format `mixgraph-lesson` version 1. Plain data,
 * validated by `parseLesson`; the lesson panel, share links and the built-in lessons all carry
 * this shape. See docs/teaching.md.
 */
import type { Graph } from '../graph/types';
import type { Snapshot } from '../graph/snapshot';

export const LESSON_FORMAT = 'mixgraph-lesson';
export const LESSON_VERSION = 1;

/** Where a param sits: `{ node: 'comp', param: 'threshold' }`. */
export interface ParamRef {
  node: string;
  param: string;
}

/**
 * A check on the running mix, ticked while playing. Loudness checks read the master's meter;
 * `gainReduction` a compressor's or limiter's meter; `param` and `bypass` the document.
 */
export type LessonCheck =
  | { kind: 'loudness'; measure: 'integrated' | 'short-term'; target: number; tolerance: number }
  | { kind: 'truePeak'; max: number }
  | { kind: 'gainReduction'; node: string; min: number; max: number }
  | { kind: 'param'; node: string; param: string; min?: number; max?: number; equals?: number | boolean | string }
  | { kind: 'bypass'; node: string; bypassed: boolean };

export interface LessonStep {
  title: string;
  /** Markdown (rendered without raw HTML). */
  text: string;
  /** Nodes drawn highlighted while the step is shown. */
  highlight: string[];
  /**
   * Params the student may change; when the list is non-empty every other param is locked.
   * Empty: nothing is locked.
   */
  reveal: ParamRef[];
  /** Settings loaded when the step opens (params ramp while playing). */
  snapshot?: Snapshot;
  check?: LessonCheck;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: typeof LESSON_VERSION;
  /** Short stable name: `gain-staging`. */
  id: string;
  title: string;
  /** One or two sentences: what the student will learn. */
  summary: string;
  graph: Graph;
  steps: LessonStep[];
}
