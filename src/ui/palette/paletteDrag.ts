/** The drag-and-drop data type a palette item carries: the node type to add. */
export const PALETTE_MIME = 'application/x-mixgraph-node-type';
