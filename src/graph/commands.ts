/**
 * Every edit the editor can make to a graph, as pure commands (one file per kind under
 * `commands/`). A command returns a `GraphEdit` (an immer recipe + its history mode) or a
 * refusal with a human reason; `history.ts` runs edits and makes them undoable.
 */
export * from './commands/edit';
export * from './commands/nodes';
export * from './commands/params';
export * from './commands/wires';
export * from './commands/splice';
export * from './commands/placement';
export * from './commands/annotations';
export * from './commands/document';
export * from './fragment';
export * from './commands/snapshots';
