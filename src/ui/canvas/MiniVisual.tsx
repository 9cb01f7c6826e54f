/**
 * The small picture on a canvas node, drawn from the node definition's `visual` (the same code
 * the kernel uses): a frequency response for EQs, a transfer curve for dynamics.
 */
import { memo, useMemo } from 'react';
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeVisual } from '../../nodes/types';
import { PLOT_SAMPLE_RATE } from '../config';
import { dbToY, freqToX, logFrequencies, polyline } from '../common/plotMath';

const W = 176;
const H = 40;
/** Response plots show ±18 dB: EQ moves of a few dB stay visible at this size. */
const RESPONSE_RANGE = 18;
const FREQS = logFrequencies(64);
const FREQ_X = Array.from(FREQS, (f) => freqToX(f, W));

/** The miniature plot drawn inside a canvas node. */
export const MiniVisual = memo(function MiniVisual({ visual, params }: { visual: NodeVisual; params: ResolvedParams }) {
  const { d, label, baseline } = useMemo(() => {
    if (visual.kind === 'frequencyResponse') {
      const mags = visual.magnitudeDb(params, FREQS, PLOT_SAMPLE_RATE);
      const ys = Array.from(mags, (m) => dbToY(m, H, -RESPONSE_RANGE, RESPONSE_RANGE));
      return { d: polyline(FREQ_X, ys, H), label: 'Frequency response', baseline: `M0,${H / 2}H${W}` };
    }
    if (visual.kind === 'pitchTrace') {
      // One octave of the scale, C to B left to right: a tall bar per note of the scale, a short
      // tick per note left out (a keyboard strip).
      const mask = visual.scaleMask(params);
      let bars = '';
      let ticks = '';
      for (let pc = 0; pc < 12; pc++) {
        const x = ((pc + 0.5) / 12) * W;
        if (mask[pc]) bars += `M${x.toFixed(1)},${H - 4}V6`;
        else ticks += `M${x.toFixed(1)},${H - 4}V${H - 12}`;
      }
      return { d: bars, label: 'Scale notes', baseline: ticks };
    }
    const [lo, hi] = visual.rangeDb;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i <= 40; i++) {
      const input = lo + ((hi - lo) * i) / 40;
      xs.push((i / 40) * W);
      ys.push(dbToY(visual.outputDb(params, input), H, lo, hi));
    }
    return { d: polyline(xs, ys, H), label: 'Transfer curve', baseline: `M0,${H}L${W},0` };
  }, [visual, params]);
  return (
    <svg className="mg-mini" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path className="mg-mini__base" d={baseline} />
      <path className="mg-mini__curve" d={d} />
    </svg>
  );
});
