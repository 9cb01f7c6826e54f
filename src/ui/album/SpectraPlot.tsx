/**
 * All tracks' level-removed spectra against the album average — and the reference's, when the
 * tracks are matched to one — on a log-frequency axis (SVG).
 */
import { gridFrequencies, removeLevel, type AlbumPlan } from '../../album';

const W = 560;
const H = 200;
const COLORS = ['#e09b3d', '#2c7be5', '#35a26b', '#c2459b', '#8a63d2', '#d8553f', '#3aa6b9', '#9a8b2c'];

export function SpectraPlot({ plan }: { plan: AlbumPlan }) {
  const f = gridFrequencies();
  const x = (hz: number) => 30 + ((Math.log10(hz) - Math.log10(20)) / 3) * (W - 40);
  const y = (db: number) => Math.max(4, Math.min(H - 22, H / 2 - 10 - db * 4));
  const path = (curve: readonly number[]) => curve.map((v, k) => `${k === 0 ? 'M' : 'L'}${x(f[k]).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return (
    <figure className="album-spectra">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={plan.reference ? 'Spectra of the tracks against the album average and the reference' : 'Spectra of the tracks against the album average'}>
        {[100, 1000, 10000].map((hz) => (
          <g key={hz}>
            <line x1={x(hz)} x2={x(hz)} y1={4} y2={H - 22} className="album-spectra__grid" />
            <text x={x(hz)} y={H - 6} className="album-spectra__tick">
              {hz >= 1000 ? `${hz / 1000}k` : hz}
            </text>
          </g>
        ))}
        {plan.tracks.map((t, i) => (
          <path key={t.index} d={path(removeLevel(t.measured.spectrumDb))} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={1.5}>
            <title>{t.input}</title>
          </path>
        ))}
        <path d={path(plan.albumSpectrumDb)} fill="none" stroke="#888" strokeWidth={2.5} strokeDasharray="5 3">
          <title>album average</title>
        </path>
        {plan.reference && (
          <path d={path(plan.reference.spectrumDb)} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray="1 3" strokeLinecap="round" data-testid="album-reference-spectrum">
            <title>reference: {plan.reference.input}</title>
          </path>
        )}
      </svg>
      <figcaption>
        {plan.tracks.map((t, i) => (
          <span key={t.index} className="album-spectra__key" style={{ color: COLORS[i % COLORS.length] }}>
            {t.input}
          </span>
        ))}
        <span className="album-spectra__key">– – album average</span>
        {plan.reference && <span className="album-spectra__key">··· reference {plan.reference.input}</span>}
      </figcaption>
    </figure>
  );
}
