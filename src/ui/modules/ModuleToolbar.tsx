/**
 * "Make module" (Ctrl+Alt+G) as a small bar over the canvas while two or more nodes are
 * selected. It sits on the canvas rather than in the top toolbar because the toolbar has no room
 * left at 1280–1440 px (its last buttons must stay whole in the window, ux-inspector.spec).
 */
import { Icon } from '../common/icons';
import { useEditor } from '../store/editorState';
import { makeModuleFromSelection } from './moduleActions';

export function MakeModuleBar() {
  const count = useEditor((s) => s.selection.nodes.length);
  if (count < 2) return null;
  return (
    <div className="module-bar" role="toolbar" aria-label="Selection">
      <button type="button" className="tool-btn" onClick={makeModuleFromSelection} title="Make the selected nodes one reusable module (Ctrl+Alt+G)">
        <Icon name="group" />
        <span>Make module</span>
      </button>
    </div>
  );
}
