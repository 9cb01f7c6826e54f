/**
 * The translation report of a finished master (`mixgraph check`, and later the editor's bounce
 * dialog): loudness, LRA, true peak, PLR; mono compatibility; what each delivery platform would
 * do; and the true peak after MP3 round trips ("codec overs"). Pure: no `node:` imports.
 */
import { LoudnessMeter } from '../../dsp/loudness';
import { correlationStats } from '../../dsp/correlation';
import { monoCompatibility, monoWarnings } from '../../dsp/monoCompatibility';
import { DELIVERY_TARGETS, targetVerdict, type TargetVerdict } from './deliveryTargets';
import { mp3RoundTrip } from '../codec/mp3RoundTrip';

/** Bitrates of the MP3 round trips. */
export const CHECK_MP3_BITRATES: readonly number[] = [128, 320];

/** The true-peak ceiling codec overs are judged against, dBTP (the usual streaming ceiling). */
export const CODEC_CEILING_DBTP = -1;

/** True peak after one codec round trip. */
export interface CodecOver {
  codec: 'mp3';
  kbps: number;
  /** True peak of the decoded stream, dBTP (null: silent). */
  truePeakDbtp: number | null;
  /** decoded true peak − the master's true peak, dB (how much the codec adds). */
  riseDb: number | null;
  /** Decoded true peak is above {@link CODEC_CEILING_DBTP}. */
  overCeiling: boolean;
}

export interface TranslationReport {
  seconds: number;
  sampleRate: number;
  channels: number;
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  truePeakDbtp: number | null;
  samplePeakDbfs: number | null;
  /** Peak-to-loudness ratio, true peak − integrated, dB. */
  plrDb: number | null;
  mono: {
    /** mono-sum loudness − stereo loudness, LU; null when silent or not measurable. */
    monoMinusStereoLu: number | null;
    /** The mono sum is silent while the stereo is not (an inverted pair): −∞. */
    monoSumSilent: boolean;
    correlationMean: number | null;
    /** 1st percentile of the correlation over 400 ms windows. */
    correlationLowest1Percent: number | null;
    warnings: string[];
  } | null;
  /** Per platform; empty when the integrated loudness is undefined (silence). */
  targets: TargetVerdict[];
  codecs: CodecOver[];
  /** What to do about codec overs, or null when none. */
  advice: string | null;
}

function peakDb(channels: Float32Array[], sampleRate: number): number | null {
  const meter = new LoudnessMeter(sampleRate, channels.length);
  meter.pushChannels(channels);
  return meter.result().truePeakDbtp;
}

/**
 * Builds the report.
 * @param channels one (mono) or two channels at `sampleRate` (8 kHz … 768 kHz).
 * @param mp3Bitrates bitrates of the MP3 round trips (kbit/s); [] skips the codec part.
 */
export async function translationReport(
  channels: Float32Array[],
  sampleRate: number,
  mp3Bitrates: readonly number[] = CHECK_MP3_BITRATES,
): Promise<TranslationReport> {
  const left = channels[0] ?? new Float32Array(0);
  const stereo = channels.length >= 2;
  const right = stereo ? channels[1] : new Float32Array(left.length);
  const meter = new LoudnessMeter(sampleRate);
  meter.push(left, right, left.length);
  const r = meter.result();
  const integrated = r.integratedLufs;
  const tp = r.truePeakDbtp;

  let mono: TranslationReport['mono'] = null;
  if (stereo) {
    const m = monoCompatibility(left, right, sampleRate);
    const c = correlationStats(left, right, sampleRate);
    const silent = m.monoMinusStereoLu === -Infinity;
    mono = {
      monoMinusStereoLu: silent ? null : m.monoMinusStereoLu,
      monoSumSilent: silent,
      correlationMean: c.mean,
      correlationLowest1Percent: c.lowest1Percent,
      warnings: monoWarnings(m.monoMinusStereoLu, c.mean),
    };
  }

  const targets = integrated === null ? [] : DELIVERY_TARGETS.map((t) => targetVerdict(t, integrated, tp));

  const codecs: CodecOver[] = [];
  if (left.length > 0) {
    for (const kbps of mp3Bitrates) {
      // A mono master is delivered as a stereo pair of identical channels: same peaks.
      const trip = await mp3RoundTrip(left, stereo ? right : left, sampleRate, kbps);
      const codecTp = peakDb(trip.channels, trip.sampleRate);
      codecs.push({
        codec: 'mp3',
        kbps,
        truePeakDbtp: codecTp,
        riseDb: codecTp === null || tp === null ? null : codecTp - tp,
        overCeiling: codecTp !== null && codecTp > CODEC_CEILING_DBTP,
      });
    }
  }
  return {
    seconds: left.length / sampleRate,
    sampleRate,
    channels: channels.length,
    integratedLufs: integrated,
    loudnessRangeLu: r.loudnessRangeLu,
    truePeakDbtp: tp,
    samplePeakDbfs: r.samplePeakDbfs,
    plrDb: tp === null || integrated === null ? null : tp - integrated,
    mono,
    targets,
    codecs,
    advice: codecAdvice(tp, codecs),
  };
}

/**
 * "lower the limiter ceiling to X dBTP": the ceiling that would keep the worst decoded peak at
 * {@link CODEC_CEILING_DBTP}, assuming the codec's rise stays the same (it scales with level),
 * rounded down to 0.1 dB.
 */
export function codecAdvice(truePeakDbtp: number | null, codecs: readonly CodecOver[]): string | null {
  const worst = codecs.reduce<CodecOver | null>((w, c) => (c.overCeiling && (!w || c.truePeakDbtp! > w.truePeakDbtp!) ? c : w), null);
  if (!worst || truePeakDbtp === null) return null;
  const ceiling = Math.floor((truePeakDbtp - (worst.truePeakDbtp! - CODEC_CEILING_DBTP)) * 10) / 10;
  return `after MP3 at ${worst.kbps} kbit/s the true peak is ${worst.truePeakDbtp!.toFixed(1)} dBTP (over ${CODEC_CEILING_DBTP} dBTP): lower the limiter ceiling to ${ceiling.toFixed(1)} dBTP`;
}
