/**
 * "Make module" (Ctrl+Alt+G) in the inspector of a multiple selection, beside "Group". It is not
 * in the top toolbar: that has no room left at 1280–1440 px (its last buttons must stay whole in
 * the window, ux-inspector.spec), and a bar floating over the canvas covered nodes and notes.
 */
import { Icon } from '../common/icons';
import { makeModuleFromSelection } from './moduleActions';

export function MakeModuleButton() {
  return (
    <button type="button" className="btn btn--small" onClick={makeModuleFromSelection} title="Make the selected nodes one reusable module">
      <Icon name="group" size={13} /> Make module <kbd>Ctrl+Alt+G</kbd>
    </button>
  );
}
