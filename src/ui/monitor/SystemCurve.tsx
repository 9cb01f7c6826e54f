/** The selected playback system's magnitude response, drawn from its documented filters. */
import { useEffect, useRef } from 'react';
import { type PlaybackSystem, playbackSystemResponseDb } from '../../monitor/playbackSystems';
import { LIVE_SAMPLE_RATE } from '../live/audioSession';

const W = 308;
const H = 64;
const TOP_DB = 12;
const BOTTOM_DB = -36;
const LOW = 20;
const HIGH = 20000;

const xOf = (f: number) => (Math.log(f / LOW) / Math.log(HIGH / LOW)) * W;
const yOf = (db: number) => Math.min(H, Math.max(0, ((TOP_DB - db) / (TOP_DB - BOTTOM_DB)) * H));

/** Curve canvas for `system`. */
export function SystemCurve({ system }: { system: PlaybackSystem }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (!element || !g) return;
    const scale = Math.min(2, window.devicePixelRatio || 1);
    element.width = Math.round(W * scale);
    element.height = Math.round(H * scale);
    g.setTransform(scale, 0, 0, scale, 0, 0);
    g.fillStyle = '#0f1319';
    g.fillRect(0, 0, W, H);
    g.strokeStyle = 'rgba(108, 117, 133, 0.25)';
    g.beginPath();
    for (const f of [100, 1000, 10000]) {
      g.moveTo(Math.round(xOf(f)) + 0.5, 0);
      g.lineTo(Math.round(xOf(f)) + 0.5, H);
    }
    for (const db of [0, -12, -24]) {
      g.moveTo(0, Math.round(yOf(db)) + 0.5);
      g.lineTo(W, Math.round(yOf(db)) + 0.5);
    }
    g.stroke();
    g.fillStyle = '#6c7585';
    g.font = '9px ui-monospace, monospace';
    g.fillText('100', xOf(100) + 3, H - 3);
    g.fillText('1k', xOf(1000) + 3, H - 3);
    g.fillText('10k', xOf(10000) + 3, H - 3);
    g.fillText('0 dB', 2, yOf(0) - 2);
    g.strokeStyle = '#f0b45a';
    g.lineWidth = 1.5;
    g.beginPath();
    for (let x = 0; x <= W; x++) {
      const f = LOW * Math.pow(HIGH / LOW, x / W);
      const y = yOf(playbackSystemResponseDb(system, f, LIVE_SAMPLE_RATE));
      if (x === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.stroke();
  }, [system]);
  return <canvas ref={canvas} className="monitor__curve" style={{ width: W, height: H }} role="img" aria-label={`Response of ${system.name}`} data-system={system.id} />;
}
