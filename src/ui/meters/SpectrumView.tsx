/**
 * Spectrum of what is heard (the master, or the probed point): the monitor stage's AnalyserNode
 * (`getFloatFrequencyData`, Blackman window, dB) drawn on a log-frequency axis from
 * `requestAnimationFrame`, straight onto a canvas.
 */
import { useEffect, useRef } from 'react';
import { onFrame } from '../live/frameLoop';
import { columnBins, frequencyColumn, reduceColumns } from './spectrumMath';

const W = 308;
const H = 92;
/** Vertical range, dB (the analyser's dB: a full-scale sine reads about −7.5 dB after the window). */
const TOP_DB = 0;
const BOTTOM_DB = -100;
const GRID_HZ = [50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** The spectrum canvas; see the file comment. */
export function SpectrumView({ label }: { label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (element === null || g === null || g === undefined) return;
    const scale = Math.min(2, window.devicePixelRatio || 1);
    element.width = Math.round(W * scale);
    element.height = Math.round(H * scale);
    g.scale(scale, scale);
    drawGrid(g);
    let ranges: Int32Array | null = null;
    let data = new Float32Array(0);
    const columns = new Float32Array(W);
    let frames = 0;
    return onFrame((session) => {
      const analyser = session.stage.spectrum;
      if (ranges === null || data.length !== analyser.frequencyBinCount) {
        data = new Float32Array(analyser.frequencyBinCount);
        ranges = columnBins(W, analyser.fftSize, session.context.sampleRate);
      }
      analyser.getFloatFrequencyData(data);
      reduceColumns(data, ranges, columns);
      g.fillStyle = '#0f1319';
      g.fillRect(0, 0, W, H);
      g.beginPath();
      g.moveTo(0, H);
      for (let x = 0; x < W; x++) {
        const db = Number.isFinite(columns[x]) ? columns[x] : BOTTOM_DB;
        g.lineTo(x + 0.5, yOf(db));
      }
      g.lineTo(W, H);
      g.closePath();
      g.fillStyle = 'rgba(79, 140, 255, 0.28)';
      g.fill();
      g.strokeStyle = '#79a6ff';
      g.lineWidth = 1;
      g.stroke();
      drawGrid(g, false);
      frames += 1;
      if (frames % 30 === 0) element.dataset.frames = String(frames);
    });
  }, []);

  return <canvas ref={canvas} className="spectrum" style={{ width: W, height: H }} role="img" aria-label={`Spectrum of ${label}`} />;
}

function yOf(db: number): number {
  return Math.min(H, Math.max(0, ((TOP_DB - db) / (TOP_DB - BOTTOM_DB)) * H));
}

/** Grid lines and labels; `clear` paints the background first (else they go over the spectrum). */
function drawGrid(g: CanvasRenderingContext2D, clear = true): void {
  if (clear) {
    g.fillStyle = '#0f1319';
    g.fillRect(0, 0, W, H);
  }
  g.strokeStyle = 'rgba(108, 117, 133, 0.22)';
  g.lineWidth = 1;
  g.beginPath();
  for (const f of GRID_HZ) {
    const x = Math.round(frequencyColumn(f, W)) + 0.5;
    g.moveTo(x, 0);
    g.lineTo(x, H);
  }
  for (let db = TOP_DB - 20; db > BOTTOM_DB; db -= 20) {
    const y = Math.round(yOf(db)) + 0.5;
    g.moveTo(0, y);
    g.lineTo(W, y);
  }
  g.stroke();
  // Labels along the top, where the spectrum rarely reaches (the analyser's dB of music sit low).
  g.fillStyle = '#6c7585';
  g.font = '9px ui-monospace, monospace';
  for (const [f, text] of [[100, '100'], [1000, '1k'], [10000, '10k']] as const) g.fillText(text, frequencyColumn(f, W) + 3, 10);
  g.fillText('−20', 2, yOf(-20) + 10);
}
