/**
 * The autotune node's pitch trace, for teaching what retune speed does: the scale's notes as
 * horizontal lines (named), the pitch the node detects (grey) and the pitch it turns that into
 * (the node's colour), scrolling right to left over the last five seconds. Drawn on a canvas from
 * the shared `requestAnimationFrame` loop (`frameLoop.ts`) out of the kernel's meters
 * (`engine.metersFor(id).pitch`), never through React state.
 */
import { useEffect, useRef } from 'react';
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeVisual } from '../../nodes/types';
import { METER_FPS, onFrame } from '../live/frameLoop';
import { useLive } from '../live/liveStore';
import { NOTE_NAMES, PitchTraceModel, TRACE_HALF_SPAN, pitchReadout } from '../meters/pitchTraceModel';

type PitchVisual = Extract<NodeVisual, { kind: 'pitchTrace' }>;

const W = 300;
const H = 180;
const LABEL_W = 34;
/** Seconds of history across the plot. */
const SECONDS = 5;
const COLOURS = { bg: '#10141b', line: '#3a4250', lineOff: '#1d232d', text: '#8b95a5', detected: '#9aa3b2', corrected: '#e8a93e' };

/** Draws the note lines, both traces and the readout; `mask` from the node's scale. */
function draw(g: CanvasRenderingContext2D, model: PitchTraceModel, mask: readonly boolean[], readout: string): void {
  g.fillStyle = COLOURS.bg;
  g.fillRect(0, 0, W, H);
  const lo = model.centre - TRACE_HALF_SPAN;
  const y = (midi: number): number => H - ((midi - lo) / (2 * TRACE_HALF_SPAN)) * H;
  g.font = '10px system-ui, sans-serif';
  g.textBaseline = 'middle';
  for (let note = Math.ceil(lo); note <= lo + 2 * TRACE_HALF_SPAN; note++) {
    const pc = ((note % 12) + 12) % 12;
    const yy = Math.round(y(note)) + 0.5;
    g.strokeStyle = mask[pc] ? COLOURS.line : COLOURS.lineOff;
    g.beginPath();
    g.moveTo(LABEL_W, yy);
    g.lineTo(W, yy);
    g.stroke();
    if (mask[pc]) {
      g.fillStyle = COLOURS.text;
      g.fillText(`${NOTE_NAMES[pc]}${Math.floor(note / 12) - 1}`, 4, yy);
    }
  }
  const n = model.length;
  const dx = (W - LABEL_W) / (model.capacity - 1);
  const x0 = W - (n - 1) * dx;
  for (const [series, colour, width] of [
    [model.detected, COLOURS.detected, 1.2],
    [model.corrected, COLOURS.corrected, 2],
  ] as const) {
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.beginPath();
    let drawing = false;
    for (let i = 0; i < n; i++) {
      const v = model.at(series, i);
      if (Number.isNaN(v)) {
        drawing = false;
        continue;
      }
      const px = x0 + i * dx;
      if (drawing) g.lineTo(px, y(v));
      else g.moveTo(px, y(v));
      drawing = true;
    }
    g.stroke();
  }
  g.lineWidth = 1;
  g.fillStyle = COLOURS.text;
  g.textAlign = 'right';
  g.fillText(readout, W - 6, 10);
  g.textAlign = 'left';
}

/** The trace of one autotune node; see the file comment. */
export function PitchTracePlot({ nodeId, visual, params }: { nodeId: string; visual: PitchVisual; params: ResolvedParams }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const audioOn = useLive((s) => s.audio === 'on');
  const mask = visual.scaleMask(params);
  const latest = useRef(mask);
  latest.current = mask;
  const model = useRef(new PitchTraceModel(SECONDS * METER_FPS));

  useEffect(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (element === null || g === null || g === undefined) return;
    const scale = Math.min(2, window.devicePixelRatio || 1);
    element.width = Math.round(W * scale);
    element.height = Math.round(H * scale);
    g.setTransform(scale, 0, 0, scale, 0, 0);
    draw(g, model.current, latest.current, audioOn ? '—' : 'press Play');
    if (!audioOn) return;
    return onFrame((session) => {
      const pitch = session.engine.metersFor(nodeId)?.pitch;
      model.current.push(pitch);
      element.dataset.points = String(model.current.count);
      element.dataset.readout = pitch === undefined ? '' : pitchReadout(pitch.targetNote, pitch.correctionCents, pitch.detectedHz);
      draw(g, model.current, latest.current, element.dataset.readout || '—');
    });
  }, [nodeId, audioOn, mask.join()]);

  return (
    <figure className="plot">
      <canvas ref={canvas} className="plot__canvas pitch-trace" style={{ width: '100%', aspectRatio: `${W} / ${H}` }} role="img" aria-label="Pitch trace: detected and corrected pitch over the scale's notes" />
      <figcaption className="plot__caption">
        Grey: the pitch sung. Orange: the pitch after tuning. Lines: the notes of the scale (faint: notes left out).
      </figcaption>
    </figure>
  );
}
