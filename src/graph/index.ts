/**
 * The graph layer's public API: the document types, the catalog contract, parsing and
 * validation, migrations, serialization, ordering and cycles. Imports nothing outside
 * `src/graph`, and nothing from the DOM, React or Tone.
 */
export * from './types';
export * from './catalog';
export { parseGraph, parseGraphText, DEFAULT_GRAPH_NAME, DOCUMENT_KEYS } from './parse';
export type { ParseOptions } from './parse';
export { serializeGraph, graphToJSON } from './serialize';
export { migrateDocument, migrations } from './migrate';
export type { Migration, MigrateOptions, MigrateResult, RawDocument } from './migrate';
export {
  topologicalOrder,
  findCycles,
  wouldCreateCycle,
  upstreamOf,
  downstreamOf,
  compareIds,
} from './topology';
export type { TopologicalOrder, TopologyInput } from './topology';
export { checkParamValue, MAX_STRING_PARAM_LENGTH } from './validateParams';
export type { ParamCheck } from './validateParams';
export { ID_PATTERN, MAX_ID_LENGTH, isValidId, uniqueId } from './ids';
export { DEFAULT_MAX_ISSUES } from './issues';
export type { GraphIssueDetail } from './issues';
export { findJsonSyntaxError, locateIndex } from './jsonSyntax';
export type { JsonSyntaxError, TextLocation } from './jsonSyntax';
export { MAX_NODES } from './validateNodes';
export { MAX_EDGES } from './validateEdges';
export { MAX_ANNOTATIONS, GROUP_COLOR_PATTERN } from './validateAnnotations';
export { diffGraphs, changedNodeIds } from './diff';
export type { GraphChange } from './diff';
export { formatParamValue, formatNumberParam } from './paramText';
export { captureSnapshot, applySnapshot } from './snapshot';
export type { Snapshot } from './snapshot';
export { MAX_SNAPSHOT_NAME } from './validateSnapshots';
export { MODULE_NODE_TYPE, MODULE_PARAM, INSTANCE_SEPARATOR } from './modules/types';
export type { ModuleDefinition, ModulePort, PromotedParam } from './modules/types';
export { flattenModules, hasModuleInstances, MAX_MODULE_DEPTH } from './modules/flatten';
export type { FlattenResult } from './modules/flatten';
export { moduleTypeSpec } from './modules/moduleSpec';
export type { NodeSpecLookup } from './modules/moduleSpec';
