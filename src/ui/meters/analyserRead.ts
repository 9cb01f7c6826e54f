/**
 * Reads analysers into shared buffers: every meter reads in the same animation frame, one after
 * the other, so two reusable arrays (one per channel) are enough and nothing is allocated per frame.
 */

const buffers: Float32Array<ArrayBuffer>[] = [new Float32Array(2048), new Float32Array(2048)];

/**
 * The analyser's latest `fftSize` samples (time domain, Web Audio API § AnalyserNode
 * `getFloatTimeDomainData`), in shared buffer `slot` (0 or 1): valid until the next read of it.
 */
export function readStereo(analyser: AnalyserNode, slot: 0 | 1): Float32Array {
  let buffer = buffers[slot];
  if (buffer.length !== analyser.fftSize) {
    buffer = new Float32Array(analyser.fftSize);
    buffers[slot] = buffer;
  }
  analyser.getFloatTimeDomainData(buffer);
  return buffer;
}
