/**
 * The translation check in the bounce dialog: `mixgraph check`'s report of the bounced file —
 * loudness, LRA, true peak, PLR; mono compatibility; what each delivery platform would do; the
 * true peak after MP3 round trips, with the advice. The numbers are the CLI's (same function, same
 * file); the text says the same things as `checkFormat.ts` in a table.
 */
import type { TranslationReport } from '../../runtime/check/translationReport';
import { formatReading } from '../meters/LoudnessReadouts';

const signed = (db: number, unit: string) => `${db >= 0 ? '+' : '−'}${Math.abs(db).toFixed(1)} ${unit}`;
const minus = (v: number) => String(v).replace('-', '−');
const corr = (r: number | null) => (r === null ? '—' : `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}`);

function Row({ label, value, title, warn = false }: { label: string; value: string; title?: string; warn?: boolean }) {
  return (
    <div className={`report__row${warn ? ' is-warning' : ''}`} title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The report; see the file comment. */
export function CheckReport({ report: r }: { report: TranslationReport }) {
  const m = r.mono;
  const drop = m === null ? 'a mono file' : m.monoSumSilent ? '−∞ LU (the mono sum is silent)' : m.monoMinusStereoLu === null ? '—' : signed(m.monoMinusStereoLu, 'LU');
  return (
    <section className="check-report" aria-label="Translation check">
      <h3 className="check-report__title">Translation check <span className="muted small">(as <code>mixgraph check</code>)</span></h3>
      <dl className="report">
        <Row label="Integrated" value={`${formatReading(r.integratedLufs)} LUFS`} />
        <Row label="Loudness range" value={`${formatReading(r.loudnessRangeLu)} LU`} />
        <Row label="True peak" value={`${formatReading(r.truePeakDbtp)} dBTP`} />
        <Row label="PLR" value={`${formatReading(r.plrDb)} dB`} title="Peak-to-loudness ratio: true peak − integrated loudness" />
        <Row label="Mono − stereo" value={drop} warn={m !== null && m.warnings.length > 0} title="Loudness of the mono sum (L+R)/2 minus the stereo loudness (BS.1770)" />
        {m !== null && <Row label="Correlation" value={`mean ${corr(m.correlationMean)}, lowest 1 % ${corr(m.correlationLowest1Percent)}`} title="Phase correlation over 400 ms windows" />}
      </dl>
      {m?.warnings.map((w) => (
        <p key={w} className="issue issue--warning">
          Mono: {w}
        </p>
      ))}
      <table className="check-report__table" aria-label="Delivery platforms">
        <thead>
          <tr>
            <th scope="col">Platform</th>
            <th scope="col" title="Loudness target (LUFS) / true-peak ceiling (dBTP)">LUFS / dBTP</th>
            <th scope="col">Gain</th>
            <th scope="col">Peak after</th>
            <th scope="col" aria-label="Verdict" />
          </tr>
        </thead>
        <tbody>
          {r.targets.map((t) => (
            <tr key={t.id} title={t.note} className={t.passesCeiling ? undefined : 'is-over'}>
              <th scope="row">{t.name}</th>
              <td>
                {minus(t.targetLufs)} / {minus(t.ceilingDbtp)}
              </td>
              <td>{signed(t.appliedGainDb, 'dB')}</td>
              <td>{t.truePeakAfterDbtp === null ? '—' : `${formatReading(t.truePeakAfterDbtp)} dBTP`}</td>
              <td>{t.passesCeiling ? 'ok' : 'over'}</td>
            </tr>
          ))}
          {r.targets.length === 0 && (
            <tr>
              <td colSpan={5}>No measurable loudness (silent or shorter than 400 ms).</td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="check-report__table" aria-label="Codec overs">
        <thead>
          <tr>
            <th scope="col">After a round trip</th>
            <th scope="col">True peak</th>
            <th scope="col">Rise</th>
            <th scope="col" aria-label="Verdict" />
          </tr>
        </thead>
        <tbody>
          {r.codecs.map((c) => (
            <tr key={`${c.codec}${c.kbps}`} className={c.overCeiling ? 'is-over' : undefined}>
              <th scope="row">
                {c.codec.toUpperCase()} {c.kbps} kbit/s
              </th>
              <td>{formatReading(c.truePeakDbtp)} dBTP</td>
              <td>{c.riseDb === null ? '—' : signed(c.riseDb, 'dB')}</td>
              <td>{c.overCeiling ? 'over −1 dBTP' : 'ok'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.advice !== null && (
        <p className="issue issue--warning" role="note">
          Advice: {r.advice}
        </p>
      )}
    </section>
  );
}
