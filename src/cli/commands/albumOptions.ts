/** Parses the flags of `mixgraph album` into {@link AlbumOptions}; bad values are usage errors naming the flag. */
import { availableParallelism } from 'node:os';
import { DEFAULT_ALBUM_OPTIONS, type AlbumOptions } from '../../album';
import { SUPPORTED_SAMPLE_RATES } from '../../runtime/offline';
import { usageError } from '../errors';
import { parseChoice, parseNumberOption } from '../parseOptions';

export interface AlbumFlags {
  output?: string;
  graph?: string;
  target?: string;
  ceiling?: string;
  mode?: string;
  match?: string;
  amount?: string;
  maxCorrection?: string;
  bits?: string;
  rate?: string;
  jobs?: string;
  json?: boolean;
}

/** The options, plus the reference file when `--match` names one. */
export function parseAlbumFlags(flags: AlbumFlags): { options: AlbumOptions; referencePath: string | null } {
  const d = DEFAULT_ALBUM_OPTIONS;
  const rate = flags.rate === undefined ? d.sampleRate : parseNumberOption('--rate', flags.rate, 1, 1e6, 'Hz');
  if (!SUPPORTED_SAMPLE_RATES.includes(rate)) throw usageError(`--rate: ${rate} Hz is not supported; use ${SUPPORTED_SAMPLE_RATES.join(', ')}`);
  const match = flags.match ?? 'album';
  const amount = flags.amount === undefined ? d.amountPercent : parseNumberOption('--amount', flags.amount.replace(/%$/, ''), 0, 100, '%');
  return {
    options: {
      targetLufs: flags.target === undefined ? d.targetLufs : parseNumberOption('--target', flags.target, -70, 0, 'LUFS'),
      ceilingDbtp: flags.ceiling === undefined ? d.ceilingDbtp : parseNumberOption('--ceiling', flags.ceiling, -12, 0, 'dBTP'),
      mode: parseChoice('--mode', flags.mode ?? d.mode, ['track', 'album'] as const),
      match: match === 'none' || match === 'album' ? match : 'reference',
      amountPercent: amount,
      maxCorrectionDb: flags.maxCorrection === undefined ? d.maxCorrectionDb : parseNumberOption('--max-correction', flags.maxCorrection, 0, 24, 'dB'),
      bits: parseChoice('--bits', flags.bits ?? d.bits, ['16', '24', '32f'] as const),
      sampleRate: rate,
    },
    referencePath: match === 'none' || match === 'album' ? null : match,
  };
}

/** `--jobs`, default: the number of cores. */
export function parseJobs(raw: string | undefined): number {
  if (raw === undefined) return Math.max(1, availableParallelism());
  const jobs = parseNumberOption('--jobs', raw, 1, 256, 'workers');
  if (!Number.isInteger(jobs)) throw usageError(`--jobs: ${raw} must be a whole number`);
  return jobs;
}
