/**
 * Audio file I/O for Node (CLI, tests): everything in `./portable` plus reading files and the
 * atomic streaming WAV writer, which use `node:fs`. Browser and Worker code must import
 * `./portable` instead, so no `node:` module reaches a bundle.
 */
export * from './portable';
export {
  AUDIO_HEAD_BYTES,
  formatMiB,
  probeAudioFile,
  readAudioFile,
  readWavFile,
  writeWavFile,
  type AudioFileInfo,
  type ReadAudioFileOptions,
} from './fileIo';
export {
  describeFileType,
  removeStaleTemporaryFiles,
  resolveOutputTarget,
  temporaryPathFor,
  type OutputTarget,
} from './outputTarget';
export {
  discardOpenTemporaryFiles,
  openWavFileWriter,
  type WavFileWriter,
  type WavFileWriterOptions,
} from './wavFileWriter';
