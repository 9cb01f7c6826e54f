/**
 * Lessons in links: `#lesson=<id>` opens a built-in lesson; `#lessondoc=<base64url(deflate(json))>`
 * carries a whole lesson made by a teacher, decoded with the same caps as a shared graph (a hostile
 * link can neither hang the page nor fill its memory) and validated by `parseLesson`.
 */
import { deflateSync } from 'fflate';
import { MAX_SHARE_PAYLOAD_CHARS, MAX_SHARE_TEXT_BYTES, fromBase64Url, inflateCapped, toBase64Url } from '../graph/shareLink';
import type { GraphIssue } from '../graph/types';
import { builtInLessons } from './builtInLessons';
import { type LessonParseResult, parseLesson } from './parseLesson';
import type { Lesson } from './types';

export const LESSON_ID_PARAM = 'lesson';
export const LESSON_DOC_PARAM = 'lessondoc';
const SOURCE = 'lesson link';

function part(fragment: string, name: string): string | undefined {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const p of body.split('&')) if (p.startsWith(`${name}=`)) return p.slice(name.length + 1);
  return undefined;
}

/** Whether a URL fragment names a lesson. */
export function hasLessonLink(fragment: string): boolean {
  return part(fragment, LESSON_ID_PARAM) !== undefined || part(fragment, LESSON_DOC_PARAM) !== undefined;
}

/** The fragment (without `#`) that opens `lesson`: its id for a built-in one, else the whole document. */
export function encodeLessonFragment(lesson: Lesson): string {
  const builtIn = builtInLessons.find((l) => l.id === lesson.id);
  if (builtIn !== undefined && JSON.stringify(parseLesson(builtIn.document)) === JSON.stringify({ ok: true, lesson })) {
    return `${LESSON_ID_PARAM}=${encodeURIComponent(lesson.id)}`;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(lesson));
  return `${LESSON_DOC_PARAM}=${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

function failure(message: string): LessonParseResult {
  const issue: GraphIssue = { path: SOURCE, message: `${SOURCE}: ${message}` };
  return { ok: false, errors: [issue] };
}

/** Decodes and validates the lesson a fragment names. Never throws. */
export function decodeLessonFragment(fragment: string): LessonParseResult {
  const id = part(fragment, LESSON_ID_PARAM);
  if (id !== undefined) {
    let name: string;
    try {
      name = decodeURIComponent(id);
    } catch {
      return failure('the lesson name in the link is damaged');
    }
    const builtIn = builtInLessons.find((l) => l.id === name);
    if (builtIn === undefined) return failure(`there is no built-in lesson "${name.slice(0, 60)}" (lessons: ${builtInLessons.map((l) => l.id).join(', ')})`);
    return parseLesson(builtIn.document);
  }
  const payload = part(fragment, LESSON_DOC_PARAM);
  if (payload === undefined || payload === '') return failure('the link carries no lesson');
  if (payload.length > MAX_SHARE_PAYLOAD_CHARS) return failure(`the lesson part is ${payload.length} characters long; at most ${MAX_SHARE_PAYLOAD_CHARS} are accepted`);
  const decoded = fromBase64Url(payload);
  if (!decoded.ok) return failure(`the lesson part is damaged: ${decoded.problem}`);
  const inflated = inflateCapped(decoded.bytes, MAX_SHARE_TEXT_BYTES);
  if (inflated === 'too-large') return failure(`the lesson expands to more than ${MAX_SHARE_TEXT_BYTES} bytes`);
  if (typeof inflated === 'string') return failure(`the compressed lesson is damaged (deflate: ${inflated}); was the link cut off?`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return failure('the lesson is not valid JSON text');
  }
  return parseLesson(json);
}
