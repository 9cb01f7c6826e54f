/**
 * The small level bar on a canvas node: RMS (solid) and peak (bright, with a hold tick) of the
 * node's output, and for nodes that report gain reduction a red bar growing from the right. Drawn
 * from `requestAnimationFrame` straight onto its canvas (`frameLoop.ts`); the component itself
 * renders once and never again while audio plays.
 */
import { memo, useEffect, useRef } from 'react';
import { onFrame } from '../live/frameLoop';
import { type MeterBallistics, blockStats, meterFraction, powerToDb, restingMeter, updateMeter } from '../live/meterMath';
import { readStereo } from './analyserRead';

/** Meter size in CSS pixels. */
const WIDTH = 168;
const LEVEL_HEIGHT = 4;
const GR_HEIGHT = 3;
const GAP = 2;
/** Gain reduction shown over 0…24 dB. */
const GR_RANGE_DB = 24;
/** Fall-back speed of the gain-reduction bar, dB/s (attack is instant). */
const GR_FALL_DB_PER_SECOND = 30;

const TICKS_DB = [-18, 0];

const COLOURS = { track: '#0f1319', rms: '#3fae78', peak: '#8fe0b5', hot: '#e8a93e', clip: '#f0604f', gr: '#f0604f' };

/** Level (and gain-reduction) meter of one node; see the file comment. */
export const NodeMeter = memo(function NodeMeter({ nodeId, gainReduction, label }: { nodeId: string; gainReduction: boolean; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const height = gainReduction ? LEVEL_HEIGHT + GAP + GR_HEIGHT : LEVEL_HEIGHT;

  useEffect(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (element === null || g === null || g === undefined) return;
    const scale = Math.min(2, window.devicePixelRatio || 1);
    element.width = Math.round(WIDTH * scale);
    element.height = Math.round(height * scale);
    g.scale(scale, scale);
    const meter: MeterBallistics = restingMeter();
    // The empty meter until audio runs.
    draw(g, meter.peakDb, meter.peakDb, meter.holdDb, gainReduction ? 0 : null);
    const stats = { peak: 0, sumSquares: 0 };
    let gr = 0;
    let grTime = -1;
    let drawn = '';
    let shownDb = '';
    return onFrame((session, now) => {
      const t = now / 1000;
      const pair = session.engine.stereoAnalysersFor(nodeId);
      let peak = 0;
      let meanSquare = 0;
      if (pair !== undefined) {
        const left = readStereo(pair.left, 0);
        blockStats(left, stats);
        peak = stats.peak;
        meanSquare = stats.sumSquares;
        const right = readStereo(pair.right, 1);
        blockStats(right, stats);
        peak = Math.max(peak, stats.peak);
        meanSquare = (meanSquare + stats.sumSquares) / (left.length + right.length);
      }
      updateMeter(meter, t, peak, meanSquare);
      if (gainReduction) {
        const dt = grTime < 0 ? 0 : t - grTime;
        grTime = t;
        gr = Math.max(session.engine.gainReductionDb(nodeId), gr - GR_FALL_DB_PER_SECOND * dt, 0);
      }
      const rmsDb = powerToDb(meter.power);
      const key = `${Math.round(rmsDb * 2)}|${Math.round(meter.peakDb * 2)}|${Math.round(meter.holdDb * 2)}|${Math.round(gr * 4)}`;
      if (key === drawn) return;
      drawn = key;
      draw(g, rmsDb, meter.peakDb, meter.holdDb, gainReduction ? gr : null);
      // For tests and assistive tools: the level as numbers, updated only when it changes.
      const text = `${meter.peakDb.toFixed(0)}`;
      if (text !== shownDb) {
        shownDb = text;
        element.dataset.peakDb = text;
        element.dataset.rmsDb = rmsDb.toFixed(0);
        if (gainReduction) element.dataset.grDb = gr.toFixed(0);
      }
    });
  }, [nodeId, gainReduction, height]);

  return <canvas ref={canvas} className="mg-meter" style={{ width: WIDTH, height }} role="img" aria-label={`${label} output level`} data-peak-db="-60" />;
});

function draw(g: CanvasRenderingContext2D, rmsDb: number, peakDb: number, holdDb: number, grDb: number | null): void {
  g.clearRect(0, 0, WIDTH, LEVEL_HEIGHT + GAP + GR_HEIGHT);
  g.fillStyle = COLOURS.track;
  g.fillRect(0, 0, WIDTH, LEVEL_HEIGHT);
  const colour = peakDb >= 0 ? COLOURS.clip : peakDb >= -6 ? COLOURS.hot : COLOURS.peak;
  g.fillStyle = colour;
  g.globalAlpha = 0.55;
  g.fillRect(0, 0, meterFraction(peakDb) * WIDTH, LEVEL_HEIGHT);
  g.globalAlpha = 1;
  g.fillStyle = peakDb >= 0 ? COLOURS.clip : COLOURS.rms;
  g.fillRect(0, 0, meterFraction(rmsDb) * WIDTH, LEVEL_HEIGHT);
  // Reference ticks: −18 dBFS (a common nominal level) and 0 dBFS (full scale).
  g.fillStyle = 'rgba(228, 232, 239, 0.35)';
  for (const db of TICKS_DB) g.fillRect(Math.round(meterFraction(db) * WIDTH), 0, 1, LEVEL_HEIGHT);
  if (holdDb > -60) {
    g.fillStyle = holdDb >= 0 ? COLOURS.clip : colour;
    g.fillRect(Math.min(WIDTH - 1.5, meterFraction(holdDb) * WIDTH), 0, 1.5, LEVEL_HEIGHT);
  }
  if (grDb !== null) {
    const y = LEVEL_HEIGHT + GAP;
    g.fillStyle = COLOURS.track;
    g.fillRect(0, y, WIDTH, GR_HEIGHT);
    const w = Math.min(1, grDb / GR_RANGE_DB) * WIDTH;
    g.fillStyle = COLOURS.gr;
    g.fillRect(WIDTH - w, y, w, GR_HEIGHT);
  }
}
