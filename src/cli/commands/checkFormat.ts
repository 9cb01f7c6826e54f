/** The human-readable text of `mixgraph check`. */
import type { TranslationReport } from '../../runtime/check/translationReport';
import { formatDb } from '../format';
import { terminalSafe } from '../terminalText';

const signed = (db: number, unit: string) => `${db >= 0 ? '+' : ''}${db.toFixed(1)} ${unit}`;
const corr = (r: number | null) => (r === null ? '–' : `${r >= 0 ? '+' : ''}${r.toFixed(2)}`);

/** Formats the report as lines of text ending in a newline. */
export function formatCheckReport(file: string, r: TranslationReport): string {
  const lines = [
    `${terminalSafe(file)}: ${r.seconds.toFixed(2)} s, ${r.sampleRate} Hz, ${r.channels} channel(s)`,
    `  integrated       ${formatDb(r.integratedLufs, 'LUFS')}`,
    `  range            ${r.loudnessRangeLu === null ? '–' : `${r.loudnessRangeLu.toFixed(1)} LU`}`,
    `  true peak        ${formatDb(r.truePeakDbtp, 'dBTP')}`,
    `  PLR              ${r.plrDb === null ? '–' : `${r.plrDb.toFixed(1)} dB`}`,
  ];
  if (r.mono) {
    const drop = r.mono.monoSumSilent ? '-inf LU (the mono sum is silent)' : r.mono.monoMinusStereoLu === null ? '–' : signed(r.mono.monoMinusStereoLu, 'LU');
    lines.push(
      'mono compatibility',
      `  mono − stereo    ${drop}`,
      `  correlation      mean ${corr(r.mono.correlationMean)}, lowest 1 % ${corr(r.mono.correlationLowest1Percent)}`,
      ...r.mono.warnings.map((w) => `  warning: ${w}`),
    );
  } else {
    lines.push('mono compatibility: a mono file (nothing to cancel)');
  }
  lines.push('delivery targets (gain the platform applies → true peak after)');
  if (r.targets.length === 0) lines.push('  – (no measurable loudness: silent or shorter than 400 ms)');
  for (const t of r.targets) {
    const peak = t.truePeakAfterDbtp === null ? '–' : `${t.truePeakAfterDbtp.toFixed(1)} dBTP`;
    lines.push(
      `  ${t.name.padEnd(19)} ${String(t.targetLufs).padStart(3)} LUFS / ${t.ceilingDbtp} dBTP  ${signed(t.appliedGainDb, 'dB').padStart(9)} → ${peak.padEnd(11)} ${t.passesCeiling ? 'ok  ' : 'OVER'}  ${t.note}`,
    );
  }
  lines.push(`codec overs (true peak after a round trip; ceiling -1 dBTP)`);
  for (const c of r.codecs) {
    const rise = c.riseDb === null ? '' : ` (${signed(c.riseDb, 'dB')})`;
    lines.push(`  MP3 ${String(c.kbps).padStart(3)} kbit/s     ${formatDb(c.truePeakDbtp, 'dBTP')}${rise}  ${c.overCeiling ? 'OVER' : 'ok'}`);
  }
  if (r.advice) lines.push(`advice: ${r.advice}`);
  return `${lines.join('\n')}\n`;
}
