/**
 * A picker for a string param that names things the user chooses among (a source's clip): the
 * spec's `suggestions` (the demo stems) and, when the spec has a `userFilePrefix`, every audio
 * file dropped into this document (the session's clip library plus `file:` names the document
 * already uses). Picking commits at once; the text field beside it still takes any typed value.
 */
import { useEffect, useState } from 'react';
import type { StringParamSpec } from '../../graph/catalog';
import { clipLibrary } from '../live/clipLibrary';
import { useEditor } from '../store/editorState';

/** Files offered for `spec` besides its suggestions, sorted; pure for tests. */
export function userFileChoices(prefix: string, sessionNames: readonly string[], documentValues: readonly string[]): string[] {
  const names = new Set(sessionNames.map((n) => `${prefix}${n}`));
  for (const v of documentValues) if (v.startsWith(prefix) && v.length > prefix.length) names.add(v);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The session's clip names, re-read whenever a file is added. */
function useSessionClipNames(enabled: boolean): readonly string[] {
  const [names, setNames] = useState<readonly string[]>(() => (enabled ? clipLibrary.names() : []));
  useEffect(() => {
    if (!enabled) return undefined;
    setNames(clipLibrary.names());
    return clipLibrary.onAdd(() => setNames(clipLibrary.names()));
  }, [enabled]);
  return names;
}

/** The picker (see the file comment). `onPick` applies a value and returns a refusal, if any. */
export function StringChoices({ id, spec, value, onPick }: { id: string; spec: StringParamSpec; value: string; onPick: (value: string) => void }) {
  const prefix = spec.userFilePrefix;
  const session = useSessionClipNames(prefix !== undefined);
  // The document's own values of this param (a string, so the selector's result is stable).
  const used = useEditor((s) =>
    prefix === undefined
      ? ''
      : s.history.graph.nodes
          .map((n) => n.params[spec.key])
          .filter((v): v is string => typeof v === 'string' && v.startsWith(prefix))
          .join('\n'),
  );
  const suggestions = spec.suggestions ?? [];
  const files = prefix === undefined ? [] : userFileChoices(prefix, session, used === '' ? [] : used.split('\n'));
  const known = suggestions.includes(value) || files.includes(value);
  return (
    <select id={id} className="select param__choices" value={known ? value : ''} aria-label={`${spec.label}: pick`} onChange={(e) => e.target.value !== '' && onPick(e.target.value)}>
      {!known && <option value="">{value === '' ? 'Choose…' : `${value} (typed)`}</option>}
      {suggestions.length > 0 && (
        <optgroup label="Built in">
          {suggestions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </optgroup>
      )}
      {prefix !== undefined && (
        <optgroup label={files.length > 0 ? 'Your files' : 'Your files (drop audio on the canvas)'}>
          {files.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
