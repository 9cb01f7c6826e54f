/**
 * Text from outside (file names, paths, graph keys and labels) is echoed in messages; a terminal
 * would act on control characters in it (`ESC[2J` clears the screen, OSC 52 writes the
 * clipboard, bidirectional overrides reorder what is shown). Everything the CLI prints passes
 * through {@link terminalSafe}.
 */

/** C0 controls except tab and newline, DEL, C1 controls, line/paragraph separators, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character shown as `\xNN` / `\uNNNN` (newlines and tabs kept). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Longest name echoed whole (docs/graph-format.md: quoted text is cut at 60 characters). */
export const MAX_ECHOED_NAME = 60;

/** A name from outside for a message: control characters escaped, cut to 60 characters with "…". */
export function echoName(name: string): string {
  const cut = name.length > MAX_ECHOED_NAME ? `${name.slice(0, MAX_ECHOED_NAME)}…` : name;
  return terminalSafe(cut);
}

/**
 * A path from outside for a message: control characters escaped, cut in the middle to 60
 * characters so the file name at its end stays readable (`/home/me/…/song-03-master.json`).
 */
export function echoPath(path: string): string {
  if (path.length <= MAX_ECHOED_NAME) return terminalSafe(path);
  const tail = Math.ceil((MAX_ECHOED_NAME * 2) / 3);
  return terminalSafe(`${path.slice(0, MAX_ECHOED_NAME - tail - 1)}…${path.slice(path.length - tail)}`);
}

/** Writes one or more lines to stderr, each made terminal-safe and prefixed (`mixgraph: `, `warning: `). */
export function printLines(prefix: string, text: string): void {
  const lines = text.split('\n');
  process.stderr.write(lines.map((line) => `${prefix}${terminalSafe(line)}\n`).join(''));
}
