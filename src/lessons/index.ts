/** Lessons (issue 16): the document format, its validation, checks, built-in lessons. No DOM. */
export * from './types';
export { parseLesson, MAX_LESSON_STEPS } from './parseLesson';
export type { LessonParseResult } from './parseLesson';
export { describeCheck, evaluateCheck } from './checks';
export type { CheckMeters, CheckResult } from './checks';
export { builtInLessons } from './builtInLessons';
export { hasLessonLink, encodeLessonFragment, decodeLessonFragment } from './lessonLink';
