/**
 * Correlation meter, goniometer and mono readout of what is probed (before the monitor modes),
 * drawn from the shared rAF loop (`onFrame`) like the other meters: no React state per frame.
 */
import { useEffect, useRef } from 'react';
import { onFrame } from '../live/frameLoop';
import { readStereo } from '../meters/analyserRead';
import { drawCorrelation, drawGoniometer, monoReadout, newScopeState, scopeCorrelation, scopeMonoDrop, updateScope } from './phaseScopes';

const GONIO = 96;
const BAR_W = 200;
const BAR_H = 12;

function setup(element: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | null {
  const g = element.getContext('2d');
  if (!g) return null;
  const scale = Math.min(2, window.devicePixelRatio || 1);
  element.width = Math.round(w * scale);
  element.height = Math.round(h * scale);
  g.setTransform(scale, 0, 0, scale, 0, 0);
  return g;
}

/** The phase meters; see the file comment. */
export function PhaseMeters() {
  const gonio = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLCanvasElement>(null);
  const value = useRef<HTMLSpanElement>(null);
  const mono = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!gonio.current || !bar.current || !value.current || !mono.current) return;
    const gg = setup(gonio.current, GONIO, GONIO);
    const bg = setup(bar.current, BAR_W, BAR_H);
    const valueEl = value.current;
    const monoEl = mono.current;
    if (!gg || !bg) return;
    drawGoniometer(gg, GONIO, new Float32Array(0), new Float32Array(0));
    drawCorrelation(bg, BAR_W, BAR_H, null);
    const state = newScopeState();
    let shown = '';
    return onFrame((session, now) => {
      const left = readStereo(session.stage.monitor.analyserLeft, 0);
      const right = readStereo(session.stage.monitor.analyserRight, 1);
      updateScope(state, left, right, now);
      drawGoniometer(gg, GONIO, left, right);
      const r = scopeCorrelation(state);
      drawCorrelation(bg, BAR_W, BAR_H, r);
      const text = r === null ? '–' : `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}`;
      const readout = monoReadout(scopeMonoDrop(state), r);
      const key = `${text}|${readout.text}`;
      // Text changes only when the numbers do: no layout work on most frames.
      if (key !== shown) {
        shown = key;
        valueEl.textContent = text;
        valueEl.dataset.value = r === null ? '' : r.toFixed(3);
        monoEl.textContent = readout.text;
        monoEl.classList.toggle('is-warning', readout.warn);
      }
    });
  }, []);

  return (
    <div className="monitor__meters">
      <canvas ref={gonio} className="monitor__gonio" style={{ width: GONIO, height: GONIO }} role="img" aria-label="Goniometer (mono vertical)" />
      <div className="monitor__phase">
        <span className="monitor__label">Correlation</span>
        <canvas ref={bar} style={{ width: BAR_W, height: BAR_H }} role="img" aria-label="Phase correlation −1 … +1" />
        <span className="monitor__scale"><span>−1</span><span ref={value} data-testid="correlation">–</span><span>+1</span></span>
        <span ref={mono} className="monitor__mono" data-testid="mono-readout" role="status">Mono: –</span>
      </div>
    </div>
  );
}
