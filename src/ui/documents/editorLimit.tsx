/**
 * The dialog every path that brings a document in shows, instead of opening one too large for
 * the editor (`tooLargeForEditor`) into a frozen tab.
 */
import { serializeGraph } from '../../graph/serialize';
import type { Graph } from '../../graph/types';
import { downloadText, fileNameFor } from '../persistence/download';
import { choiceDialog } from '../store/dialogs';
import { tooLargeForEditor } from '../store/editorLimit';

/**
 * Refuses to open `graph` when it is too large (the current document stays open) and returns
 * true; `offerDownload` adds a button that saves it as a file for the CLI (a link has no file).
 */
export async function refuseIfTooLarge(graph: Graph, what: string, offerDownload: boolean): Promise<boolean> {
  const reason = tooLargeForEditor(graph.nodes.length);
  if (reason === undefined) return false;
  const choice = await choiceDialog(`${what} is too large for the editor`, <p>{reason}</p>, [
    ...(offerDownload ? [{ id: 'download', label: 'Download it for the command line' }] : []),
    { id: 'close', label: 'Close', primary: true },
  ]);
  if (choice === 'download') downloadText(fileNameFor(graph.name), serializeGraph(graph));
  return true;
}
