/** The loudness report at the end of a bounce: what `mixgraph render` prints, as a table. */
import type { RenderReport } from '../../runtime/render';
import { formatReading } from '../meters/LoudnessReadouts';

function row(label: string, value: string, title?: string) {
  return (
    <div className="report__row" title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The report of a finished bounce. */
export function BounceReport({ report, bitsLabel }: { report: RenderReport; bitsLabel: string }) {
  const l = report.loudness;
  return (
    <dl className="report" aria-label="Loudness report">
      {row('Integrated', `${formatReading(l.integratedLufs)} LUFS`, 'Gated loudness of the whole file (ITU-R BS.1770-4)')}
      {row('Loudness range', `${formatReading(l.loudnessRangeLu)} LU`, 'EBU Tech 3342')}
      {row('True peak', `${formatReading(l.truePeakDbtp)} dBTP`, 'Highest inter-sample peak (BS.1770-4 Annex 2)')}
      {row('Sample peak', `${formatReading(l.samplePeakDbfs)} dBFS`)}
      {row('Max short-term', `${formatReading(l.maxShortTermLufs)} LUFS`)}
      {report.normalizeGainDb !== null && row('Normalised by', `${report.normalizeGainDb >= 0 ? '+' : '−'}${Math.abs(report.normalizeGainDb).toFixed(2)} dB`)}
      {row('File', `${report.seconds.toFixed(2)} s · ${report.sampleRate} Hz · ${bitsLabel}`)}
      {row('Rendered', `${(report.elapsedMs / 1000).toFixed(1)} s (${report.realtimeFactor.toFixed(0)}× real time)`)}
    </dl>
  );
}
