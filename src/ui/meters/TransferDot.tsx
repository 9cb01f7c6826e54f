/**
 * The moving dot on a dynamics node's transfer curve: x = the input peak the kernel reports
 * (`engine.metersFor(id).inputPeakDb`, the largest |sample| of the main input over the last meter
 * interval), y = the static curve at that level; plus the gain-reduction readout. Moved from
 * `requestAnimationFrame` through element refs, never through React state.
 */
import { useEffect, useRef } from 'react';
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeVisual } from '../../nodes/types';
import { onFrame } from '../live/frameLoop';
import { PEAK_FALL_DB_PER_SECOND } from '../live/meterMath';

type TransferVisual = Extract<NodeVisual, { kind: 'transferCurve' }>;

/** Plot geometry shared with `TransferPlot` (the dot lives inside its SVG). */
export interface PlotFrame {
  x(db: number): number;
  y(db: number): number;
}

/** The live dot and GR readout; render inside the transfer plot's `<svg>`. */
export function TransferDot({ nodeId, visual, params, frame }: { nodeId: string; visual: TransferVisual; params: ResolvedParams; frame: PlotFrame }) {
  const dot = useRef<SVGCircleElement>(null);
  const gr = useRef<SVGTextElement>(null);
  // The frame callback reads the latest params and geometry without re-subscribing.
  const latest = useRef({ visual, params, frame });
  latest.current = { visual, params, frame };

  useEffect(() => {
    let shownDb = -Infinity;
    let lastTime = -1;
    let lastText = '';
    return onFrame((session, now) => {
      const circle = dot.current;
      const text = gr.current;
      if (circle === null || text === null) return;
      const { visual: v, params: p, frame: f } = latest.current;
      const [lo, hi] = v.rangeDb;
      const meters = session.engine.metersFor(nodeId);
      const t = now / 1000;
      const dt = lastTime < 0 ? 0 : t - lastTime;
      lastTime = t;
      // Instant rise, PPM-like fall, so the dot is readable rather than jittery.
      const input = meters?.inputPeakDb ?? -Infinity;
      shownDb = Math.max(input, shownDb - PEAK_FALL_DB_PER_SECOND * 2 * dt);
      const visible = shownDb > lo;
      circle.style.display = visible ? '' : 'none';
      if (visible) {
        const x = Math.min(hi, shownDb);
        circle.setAttribute('cx', f.x(x).toFixed(1));
        circle.setAttribute('cy', f.y(Math.max(lo, Math.min(hi, v.outputDb(p, x)))).toFixed(1));
      }
      const reduction = meters?.gainReductionDb ?? 0;
      const label = reduction >= 0.05 ? `GR −${reduction.toFixed(1)} dB` : 'GR 0 dB';
      if (label !== lastText) {
        lastText = label;
        text.textContent = label;
        text.dataset.grDb = reduction.toFixed(1);
      }
    });
  }, [nodeId]);

  return (
    <g className="plot__live" aria-hidden="true">
      <circle ref={dot} r={4.5} className="plot__dot" style={{ display: 'none' }} />
      <text ref={gr} x={frame.x(visual.rangeDb[0]) + 6} y={frame.y(visual.rangeDb[1]) + 14} className="plot__gr">
        GR 0 dB
      </text>
    </g>
  );
}
