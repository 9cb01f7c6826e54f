/**
 * The chain (chainSettings.ts) as a command line for mixgraph, sox and ffmpeg. Every command reads
 * the same 24-bit stereo 48 kHz WAV and writes a 24-bit stereo 48 kHz WAV.
 */
import { join } from 'node:path';
import { CHAIN_CLIP, CHAIN_COMPRESSOR, CHAIN_EQ_BANDS, CHAIN_LIMITER, CHAIN_REVERB } from './chainSettings';

/** `node bin/mixgraph.mjs render bench/fixtures/chain.json --input pink=IN -o OUT` (run in `root`). */
export function mixgraphChainArgv(input: string, output: string): string[] {
  return [process.execPath, join('bin', 'mixgraph.mjs'), 'render', join('bench', 'fixtures', 'chain.json'), '--input', `${CHAIN_CLIP}=${input}`, '-o', output];
}

/** sox's compand transfer function for a hard `ratio`:1 above `thresholdDb` (points in dB). */
function compandPoints(thresholdDb: number, ratio: number): string {
  return `-90,-90,${thresholdDb},${thresholdDb},0,${+(thresholdDb - thresholdDb / ratio).toFixed(2)}`;
}

/**
 * sox: `equalizer` ×3 (RBJ peaking, width as Q), `compand` as the compressor (soft knee,
 * attack/decay as the compressor's), `reverb` (sox's Freeverb; wet gain −9.5 dB = 25 % wet
 * against 75 % dry), `gain` for the limiter's drive and a second `compand` as the limiter (flat
 * at the ceiling above it, instant attack, 5 ms lookahead delay).
 */
export function soxChainArgv(soxPath: string, input: string, output: string): string[] {
  const c = CHAIN_COMPRESSOR;
  const wetGainDb = 20 * Math.log10(CHAIN_REVERB.mix / (1 - CHAIN_REVERB.mix));
  const l = CHAIN_LIMITER;
  return [
    soxPath, '-V1', input, '-b', '24', output,
    ...CHAIN_EQ_BANDS.flatMap((b) => ['equalizer', `${b.freq}`, `${b.q}q`, `${b.gainDb}`]),
    'compand', `${c.attackMs / 1000},${c.releaseMs / 1000}`, `${c.kneeDb}:${compandPoints(c.thresholdDb, c.ratio)}`, '0', '-90', '0',
    'reverb', '50', '50', '100', '100', `${CHAIN_REVERB.predelayMs}`, wetGainDb.toFixed(1),
    'gain', `${l.inputGainDb}`,
    'compand', `0,${l.releaseMs / 1000}`, `-90,-90,${l.ceilingDb},${l.ceilingDb},0,${l.ceilingDb}`, '0', '-90', `${l.lookaheadMs / 1000}`,
  ];
}

/** Which reverb the ffmpeg row uses; see docs/benchmarks.md. */
export type FfmpegReverb = 'afir' | 'aecho';

/**
 * ffmpeg: `equalizer` ×3, `acompressor`, a reverb, `alimiter` (no auto-level). The reverb is
 * either `afir` convolving with the generated 2 s impulse response (the same IR as Chromium's
 * ConvolverNode), mixed 75 % dry / 25 % wet, or `aecho` with four taps (a cheap stand-in). The
 * limiter's drive is `alimiter`'s `level_in`.
 */
export function ffmpegChainArgv(ffmpegPath: string, input: string, impulseResponse: string, output: string, reverb: FfmpegReverb): string[] {
  const c = CHAIN_COMPRESSOR;
  const l = CHAIN_LIMITER;
  const dry = 1 - CHAIN_REVERB.mix;
  const eq = CHAIN_EQ_BANDS.map((b) => `equalizer=f=${b.freq}:t=q:w=${b.q}:g=${b.gainDb}`).join(',');
  const comp = `acompressor=threshold=${c.thresholdDb}dB:ratio=${c.ratio}:attack=${c.attackMs}:release=${c.releaseMs}`;
  const limiter = `alimiter=level_in=${l.inputGainDb}dB:limit=${l.ceilingDb}dB:attack=${l.lookaheadMs}:release=${l.releaseMs}:level=0`;
  const inputs = ['-i', input];
  let graph: string;
  if (reverb === 'afir') {
    inputs.push('-i', impulseResponse);
    graph =
      `[0:a]${eq},${comp},asplit[dry][send];` +
      `[send][1:a]afir=gtype=none[wet];` +
      `[dry][wet]amix=inputs=2:weights=${dry} ${CHAIN_REVERB.mix}:normalize=0,${limiter}[out]`;
  } else {
    const pre = CHAIN_REVERB.predelayMs;
    graph = `[0:a]${eq},${comp},aecho=in_gain=1:out_gain=1:delays=${pre + 23}|${pre + 41}|${pre + 67}|${pre + 97}:decays=0.18|0.14|0.1|0.07,${limiter}[out]`;
  }
  return [
    ffmpegPath, '-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...inputs,
    '-filter_complex', graph, '-map', '[out]', '-c:a', 'pcm_s24le', output,
  ];
}
