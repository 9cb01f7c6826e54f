/**
 * Shown over the canvas while a module is open: `Demo mix › Channel strip (Vocals)`. Each crumb
 * goes back out to that level; the note says that edits here change every instance, except the
 * promoted values, which are the opened instance's own.
 */
import { useMemo } from 'react';
import { useEditor } from '../store/editorState';
import { breadcrumbOf, closeModule } from './moduleScope';

export function ModuleBreadcrumb() {
  const scope = useEditor((s) => s.scope);
  const graph = useEditor((s) => s.history.graph);
  const crumbs = useMemo(() => breadcrumbOf(graph, scope), [scope, graph]);
  if (scope === null) return null;
  return (
    <nav className="module-crumbs" aria-label="Open module">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.depth}>
            {i < crumbs.length - 1 ? (
              <button type="button" className="module-crumbs__link" onClick={() => closeModule(c.depth)}>
                {c.label}
              </button>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
      <span className="module-crumbs__note">Editing the module: changes apply to every instance, except promoted values (this instance’s own) · Esc goes back</span>
    </nav>
  );
}
