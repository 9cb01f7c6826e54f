/**
 * The static transfer curve of a dynamics node (its definition's `transferCurve` visual):
 * output level against input level in steady state, with the 1:1 line for comparison.
 */
import { useMemo } from 'react';
import type { ResolvedParams } from '../../graph/catalog';
import type { NodeVisual } from '../../nodes/types';
import { dbToY, polyline } from '../common/plotMath';
import { useLive } from '../live/liveStore';
import { TransferDot } from '../meters/TransferDot';

type TransferVisual = Extract<NodeVisual, { kind: 'transferCurve' }>;

const W = 300;
const H = 210;
const PAD = { left: 30, right: 10, top: 10, bottom: 24 };
const PW = W - PAD.left - PAD.right;
const PH = H - PAD.top - PAD.bottom;
const POINTS = 160;

/**
 * The static transfer curve of one node; see the file comment. While audio is on, a dot shows
 * where the signal sits on the curve and the gain reduction is read out (`TransferDot`).
 */
export function TransferPlot({ nodeId, visual, params }: { nodeId: string; visual: TransferVisual; params: ResolvedParams }) {
  const audioOn = useLive((s) => s.audio === 'on');
  const [lo, hi] = visual.rangeDb;
  const x = (db: number) => PAD.left + ((db - lo) / (hi - lo)) * PW;
  const y = (db: number) => PAD.top + dbToY(db, PH, lo, hi);
  const curve = useMemo(() => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i <= POINTS; i++) {
      const input = lo + ((hi - lo) * i) / POINTS;
      xs.push(PAD.left + (i / POINTS) * PW);
      ys.push(PAD.top + dbToY(visual.outputDb(params, input), PH, lo, hi));
    }
    return polyline(xs, ys, PAD.top + PH);
  }, [visual, params, lo, hi]);
  const ticks: number[] = [];
  const step = hi - lo > 48 ? 12 : 6;
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);

  return (
    <figure className="plot">
      <svg className="plot__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Static transfer curve from ${lo} to ${hi} dB`}>
        <rect x={PAD.left} y={PAD.top} width={PW} height={PH} className="plot__bg" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={PAD.top + PH} className="plot__grid" />
            <line x1={PAD.left} x2={PAD.left + PW} y1={y(t)} y2={y(t)} className="plot__grid" />
            <text x={x(t)} y={H - 9} className="plot__tick" textAnchor="middle">
              {t}
            </text>
            <text x={PAD.left - 4} y={y(t) + 3} className="plot__tick" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <line x1={x(lo)} y1={y(lo)} x2={x(hi)} y2={y(hi)} className="plot__identity" />
        <path d={curve} className="plot__curve" />
        {audioOn && <TransferDot nodeId={nodeId} visual={visual} params={params} frame={{ x, y }} />}
        <text x={PAD.left + PW} y={H - 1} className="plot__axis" textAnchor="end">
          input dB
        </text>
      </svg>
      <figcaption className="plot__caption">
        Output level (up) for each steady input level (across); the dashed line is 1:1.{audioOn ? ' The dot is the input peak now, on the curve.' : ''}
      </figcaption>
    </figure>
  );
}
