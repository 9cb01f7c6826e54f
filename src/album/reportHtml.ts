/**
 * The album report as one self-contained HTML page (inline CSS and SVG, no scripts, no network):
 * loudness per track against the target, true peak per track against the ceiling, and each
 * track's spectrum before and after against the album average.
 */
import type { AlbumReport, TrackReport } from './report';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const W = 640;
const ROW = 26;
const LEFT = 170;

/** Horizontal bars (one per track) on a dB axis with a reference line (target or ceiling). */
function barChart(title: string, tracks: readonly TrackReport[], value: (t: TrackReport) => number | null, lineAt: (t: TrackReport) => number, lineLabel: string, unit: string): string {
  const values = tracks.map(value).filter((v): v is number => v !== null);
  const lines = tracks.map(lineAt);
  const lo = Math.floor(Math.min(...values, ...lines) - 3);
  const hi = Math.ceil(Math.max(...values, ...lines) + 1);
  const x = (v: number) => LEFT + ((v - lo) / (hi - lo)) * (W - LEFT - 20);
  const height = tracks.length * ROW + 40;
  const parts: string[] = [];
  for (let v = lo; v <= hi; v++) {
    if ((v - lo) % Math.max(1, Math.round((hi - lo) / 8)) !== 0) continue;
    parts.push(`<line x1="${x(v)}" y1="10" x2="${x(v)}" y2="${height - 24}" class="grid"/><text x="${x(v)}" y="${height - 8}" class="tick">${v}</text>`);
  }
  tracks.forEach((t, i) => {
    const y = 14 + i * ROW;
    const v = value(t);
    const bad = t.problems.length > 0;
    parts.push(`<text x="${LEFT - 8}" y="${y + 13}" class="label">${escapeHtml(t.output)}</text>`);
    if (v !== null) {
      parts.push(`<rect x="${x(lo)}" y="${y}" width="${Math.max(0, x(v) - x(lo))}" height="18" class="${bad ? 'bar bad' : 'bar'}"><title>${v.toFixed(2)} ${unit}</title></rect>`);
      parts.push(`<text x="${x(v) + 4}" y="${y + 13}" class="value">${v.toFixed(1)}</text>`);
    }
    parts.push(`<line x1="${x(lineAt(t))}" y1="${y - 2}" x2="${x(lineAt(t))}" y2="${y + 20}" class="target"/>`);
  });
  return `<figure><figcaption>${escapeHtml(title)} <span class="key">— line: ${escapeHtml(lineLabel)}</span></figcaption><svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg></figure>`;
}

/** One track's spectra (level removed) before and after, with the album average. */
function spectrumPlot(report: AlbumReport, t: TrackReport): string {
  const w = 300;
  const h = 150;
  const f = report.frequenciesHz;
  const fx = (hz: number) => 30 + ((Math.log10(hz) - Math.log10(20)) / (Math.log10(20000) - Math.log10(20))) * (w - 40);
  const dy = (db: number) => 75 - db * 3; // ±20 dB over the plot
  const path = (curve: readonly number[]) =>
    curve.map((v, k) => `${k === 0 ? 'M' : 'L'}${fx(f[k]).toFixed(1)},${Math.max(2, Math.min(h - 20, dy(v))).toFixed(1)}`).join('');
  const grid = [100, 1000, 10000]
    .map((hz) => `<line x1="${fx(hz)}" y1="2" x2="${fx(hz)}" y2="${h - 20}" class="grid"/><text x="${fx(hz)}" y="${h - 6}" class="tick">${hz >= 1000 ? `${hz / 1000}k` : hz}</text>`)
    .join('');
  const average = report.referenceSpectrumDb ?? report.albumSpectrumBeforeDb;
  return `<figure class="spectrum"><figcaption>${escapeHtml(t.output)} <span class="key">deviation ${t.tonalDeviationDb.before} → ${t.tonalDeviationDb.after} dB RMS</span></figcaption>
<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="spectrum of ${escapeHtml(t.output)}">${grid}<path d="${path(average)}" class="avg"/><path d="${path(t.spectrumBeforeDb)}" class="before"/><path d="${path(t.spectrumAfterDb)}" class="after"/></svg></figure>`;
}

/** The whole page. */
export function albumReportHtml(report: AlbumReport): string {
  const o = report.options;
  const rows = report.tracks
    .map(
      (t) =>
        `<tr class="${t.problems.length ? 'bad' : ''}"><td>${escapeHtml(t.output)}</td><td>${t.inputFigures.integratedLufs ?? '–'}</td><td>${t.outputFigures.integratedLufs ?? '–'}</td><td>${t.targetLufs}</td><td>${t.outputFigures.truePeakDbtp ?? '–'}</td><td>${t.outputFigures.loudnessRangeLu ?? '–'}</td><td>${t.outputFigures.plrDb ?? '–'}</td><td>${t.gainDb ?? '–'}</td><td>${t.matchCorrectionDb}</td><td>${t.tonalDeviationDb.before} → ${t.tonalDeviationDb.after}</td><td>${escapeHtml(t.problems.join('; ') || 'ok')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Album report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px}table{border-collapse:collapse;margin:12px 0}td,th{border-bottom:1px solid #dde;padding:4px 8px;text-align:right}
td:first-child,th:first-child,td:last-child{text-align:left}tr.bad td{color:#b00020}
figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}.key{font-weight:400;color:#667}
.grid{stroke:#e4e6ee}.tick{font-size:10px;fill:#667;text-anchor:middle}.label{font-size:12px;text-anchor:end;fill:#1d2330}
.value{font-size:11px;fill:#334}.bar{fill:#5b8def}.bar.bad{fill:#e0607e}.target{stroke:#1d2330;stroke-width:2}
.spectra{display:flex;flex-wrap:wrap;gap:8px}.avg{fill:none;stroke:#999;stroke-width:2;stroke-dasharray:4 3}
.before{fill:none;stroke:#e09b3d;stroke-width:1.5}.after{fill:none;stroke:#2c7be5;stroke-width:1.5}
</style></head><body>
<h1>Album report</h1>
<p>Graph ${escapeHtml(report.graph)} · mode ${o.mode} · target ${o.targetLufs} LUFS · ceiling ${o.ceilingDbtp} dBTP · match ${o.match} ${o.amountPercent} % (max ${o.maxCorrectionDb} dB) · ${o.sampleRate} Hz, ${o.bits === '32f' ? '32-bit float' : `${o.bits}-bit`}.
Album loudness ${report.albumLufs.input ?? '–'} → ${report.albumLufs.output ?? '–'} LUFS.</p>
<p>${report.failures.length === 0 ? 'Every track is within 0.5 LU of its target and under the ceiling.' : `<strong>${report.failures.length} problem(s):</strong> ${escapeHtml(report.failures.join(' · '))}`}</p>
<table><thead><tr><th>track</th><th>in LUFS</th><th>out LUFS</th><th>target</th><th>true peak dBTP</th><th>LRA LU</th><th>PLR dB</th><th>gain dB</th><th>match dB</th><th>tonal dev. dB</th><th></th></tr></thead><tbody>
${rows}
</tbody></table>
${barChart('Loudness per track (LUFS)', report.tracks, (t) => t.outputFigures.integratedLufs, (t) => t.targetLufs, 'target', 'LUFS')}
${barChart('True peak per track (dBTP)', report.tracks, (t) => t.outputFigures.truePeakDbtp, () => o.ceilingDbtp, `ceiling ${o.ceilingDbtp} dBTP`, 'dBTP')}
<h2>Spectra</h2>
<p class="key">Level-removed long-term spectra: <span style="color:#e09b3d">before</span>, <span style="color:#2c7be5">after</span>, <span style="color:#999">${report.referenceSpectrumDb ? 'reference' : 'album average (before)'}</span>; 3 dB per division.</p>
<div class="spectra">${report.tracks.map((t) => spectrumPlot(report, t)).join('\n')}</div>
</body></html>
`;
}
