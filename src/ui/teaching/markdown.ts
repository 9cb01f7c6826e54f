/**
 * Lesson text: markdown rendered by markdown-it with raw HTML off — a tag in a lesson is shown as
 * text, never parsed — and markdown-it's own link check (no `javascript:`, `vbscript:`, `file:`
 * or non-image `data:` URLs). Links open in a new tab so the lesson stays open.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for a lesson's markdown text. */
export function renderLessonMarkdown(text: string): string {
  return md.render(text);
}
