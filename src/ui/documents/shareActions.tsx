/** Creating a share link, and opening one (at start-up or when the URL fragment changes). */
import { decodeShareFragment, hasSharedGraph, shareUrl } from '../../graph/shareLink';
import { catalog } from '../../nodes/registry';
import { MASTER_NODE_TYPE } from '../config';
import { ShareDialog } from '../dialogs/ShareDialog';
import { customDialog } from '../store/dialogs';
import { loadDocument, showNotice } from '../store/editorActions';
import { rootGraph } from '../store/editorState';
import { confirmDiscard, showOpenErrors } from './documentActions';
import { refuseIfTooLarge } from './editorLimit';

/** Shows the share link of the current graph, ready to copy. */
export function openShareDialog(): void {
  // The whole document, also while a module is open on the canvas.
  const url = shareUrl(window.location.href, rootGraph());
  void customDialog((close) => <ShareDialog url={url} onClose={close} />);
}

/** Removes the graph from the address bar, so a reload opens the (autosaved) working copy. */
function clearFragment(): void {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}

/** The fragment being handled (effects may run twice in development; a link is opened once). */
let handling: string | null = null;

/**
 * Opens the graph carried by a URL fragment, validating it like any import. A bad link shows
 * its problems and changes nothing; unsaved work is only replaced after confirmation. The link
 * leaves the address bar once handled, so a reload opens the working copy; a declined link stays
 * there, to be copied or opened later.
 */
export async function openSharedFragment(fragment: string): Promise<void> {
  if (!hasSharedGraph(fragment) || handling === fragment) return;
  handling = fragment;
  try {
    const result = decodeShareFragment(fragment, catalog, { masterType: MASTER_NODE_TYPE });
    if (!result.ok) {
      clearFragment();
      await showOpenErrors('the shared link', result.errors);
      return;
    }
    // Too large: refused like a declined link (it stays in the address bar, to copy or render).
    if (await refuseIfTooLarge(result.graph, 'The shared graph', true)) return;
    if (!(await confirmDiscard('Opening the shared graph'))) return;
    clearFragment();
    loadDocument(result.graph, { kind: 'link', name: result.graph.name });
    if (result.warnings.length > 0) showNotice('info', `Opened the shared graph with warnings: ${result.warnings[0].message}`);
  } finally {
    handling = null;
  }
}
