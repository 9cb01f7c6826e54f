/**
 * Album mastering (issue 12): analyse every track (map), decide gains and matching corrections
 * (reduce → plan), render every track (map), report. Pure: no DOM and no `node:` imports, so the
 * CLI's worker threads and the editor's Web Workers run the same code.
 */
export { AlbumError } from './albumError';
export { analyzeClip, TrackAnalyser, type LoudnessFigures, type TrackAnalysis } from './analyzeTrack';
export { combinedIntegratedLufs, type GatingBin } from './gatingBlocks';
export { gridFrequencies, thirdOctaveLevels, GRID_SIZE } from './logFrequency';
export { averageSpectrum, matchCorrection, removeLevel, tonalDeviationDb } from './matchCurve';
export { applyMatchFilter, designMatchFilter } from './linearPhaseFilter';
export { defaultAlbumGraph, prepareAlbumGraph, TRACK_CLIP_NAME } from './masteringGraph';
export {
  checkPlan,
  DEFAULT_ALBUM_OPTIONS,
  outputNames,
  planAlbum,
  type AlbumBits,
  type AlbumOptions,
  type AlbumPlan,
  type AnalysedTrack,
  type PlannedTrack,
} from './plan';
export { renderAlbumTrack, matchedTrack, type RenderedTrack, type TrackInput, type TrackOutput } from './renderTrack';
export { analyzeStream } from './analyzeTrack';
export { albumReportCsv, albumReportFiles, buildAlbumReport, TARGET_TOLERANCE_LU, type AlbumReport, type TrackReport } from './report';
export { albumReportHtml } from './reportHtml';
