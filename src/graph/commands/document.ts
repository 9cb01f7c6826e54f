/** Commands on the document itself: its name and description. */
import type { Graph } from '../types';
import { type EditResult, type GestureOptions, makeEdit, refuse } from './edit';

/** Longest document name accepted from the editor, in characters. */
export const MAX_NAME_LENGTH = 200;

/** Document fields `setDocumentInfo` can change; absent fields stay as they are. */
export interface DocumentInfo {
  name?: string;
  /** Empty text removes the description. */
  description?: string;
}

/** Renames the graph and/or changes its description. */
export function setDocumentInfo(graph: Graph, info: DocumentInfo, options: GestureOptions = {}): EditResult {
  const name = info.name?.trim();
  if (name !== undefined && name === '') return refuse('A graph needs a name.');
  if (name !== undefined && name.length > MAX_NAME_LENGTH) return refuse(`A name has at most ${MAX_NAME_LENGTH} characters.`);
  if (name === undefined && info.description === undefined) return refuse('Nothing to change.');
  const description = info.description;
  return {
    ok: true,
    edit: makeEdit(
      name !== undefined ? `Rename graph to ${name}` : 'Edit description',
      (draft) => {
        if (name !== undefined && draft.name !== name) draft.name = name;
        if (description !== undefined) {
          if (description.trim() === '') delete draft.description;
          else if (draft.description !== description) draft.description = description;
        }
      },
      options.merge === true ? `document:${name !== undefined ? 'name' : ''}${description !== undefined ? 'description' : ''}` : undefined,
    ),
  };
}
