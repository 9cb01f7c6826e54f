/**
 * The interactive frequency-response plot of a node whose definition has a `frequencyResponse`
 * visual (the EQ). The curve is the definition's `magnitudeDb` — the kernel's own coefficient
 * code — so the picture never disagrees with the sound. Band handles drag frequency (x) and
 * gain (y); a drag is one undo step. Handles are keyboard sliders too: ←/→ move by a semitone
 * (Shift: half an octave), ↑/↓ by 0.5 dB (Shift: 3 dB); double-click switches a band on or off.
 */
import { type PointerEvent, useMemo, useRef, useState } from 'react';
import type { NodeTypeSpec, NumberParamSpec, ResolvedParams } from '../../graph/catalog';
import { setParams } from '../../graph/commands';
import type { ParamValue } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import type { NodeVisual, ResponseHandle } from '../../nodes/types';
import { formatNumberParam } from '../common/formatParam';
import { F_MAX, F_MIN, dbToY, freqToX, logFrequencies, polyline, xToFreq, yToDb } from '../common/plotMath';
import { PLOT_SAMPLE_RATE } from '../config';
import { commitGesture, dispatch } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import { roundValue } from './sliderScale';

type ResponseVisual = Extract<NodeVisual, { kind: 'frequencyResponse' }>;

const W = 300;
const H = 190;
const PAD = { left: 30, right: 10, top: 16, bottom: 20 };
const PW = W - PAD.left - PAD.right;
const PH = H - PAD.top - PAD.bottom;
const DB = 24;
const FREQS = logFrequencies(240);
const FREQ_X = Array.from(FREQS, (f) => PAD.left + freqToX(f, PW));
const GRID_FREQS = [50, 100, 200, 500, 1000, 2000, 5000, 10000];
const GRID_DB = [-18, -12, -6, 0, 6, 12, 18];

function numberSpec(definition: NodeTypeSpec, key: string | undefined): NumberParamSpec | undefined {
  const spec = definition.params.find((p) => p.key === key);
  return spec?.kind === 'number' ? spec : undefined;
}

/** Short handle caption: initials of a multi-word label ("High-pass" → "HP"), else the first two letters. */
function caption(label: string): string {
  const words = label.split(/[\s-]+/).filter(Boolean);
  const last = words[words.length - 1];
  if (words.length > 1 && /^\d+$/.test(last)) return `${words[0][0].toUpperCase()}${last}`;
  return words.length > 1 ? words.map((w) => w[0].toUpperCase()).join('').slice(0, 2) : label.slice(0, 2);
}

interface HandleGeometry {
  handle: ResponseHandle;
  freqSpec: NumberParamSpec;
  gainSpec?: NumberParamSpec;
  freq: number;
  gain?: number;
  enabled: boolean;
  x: number;
  y: number;
}

/** The interactive response plot for one node; see the file comment. */
export function ResponsePlot({ nodeId, definition, visual, params }: { nodeId: string; definition: NodeTypeSpec; visual: ResponseVisual; params: ResolvedParams }) {
  const svg = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const dragging = useRef<number | null>(null);

  const mags = useMemo(() => visual.magnitudeDb(params, FREQS, PLOT_SAMPLE_RATE), [visual, params]);
  const curve = useMemo(() => polyline(FREQ_X, Array.from(mags, (m) => PAD.top + dbToY(m, PH, -DB, DB)), PAD.top + PH), [mags]);

  const handles: HandleGeometry[] = useMemo(
    () =>
      visual.handles.flatMap((handle) => {
        const freqSpec = numberSpec(definition, handle.frequencyParam);
        if (freqSpec === undefined) return [];
        const gainSpec = numberSpec(definition, handle.gainParam);
        const freq = Number(params[handle.frequencyParam]);
        const gain = gainSpec !== undefined ? Number(params[gainSpec.key]) : undefined;
        const enabled = handle.enableParam === undefined || params[handle.enableParam] === true;
        const level = gain ?? visual.magnitudeDb(params, [freq], PLOT_SAMPLE_RATE)[0];
        return [
          {
            handle,
            freqSpec,
            gainSpec,
            freq,
            gain,
            enabled,
            x: PAD.left + freqToX(Math.min(F_MAX, Math.max(F_MIN, freq)), PW),
            y: PAD.top + dbToY(Math.min(DB, Math.max(-DB, level)), PH, -DB, DB),
          },
        ];
      }),
    [visual, definition, params],
  );

  const send = (h: HandleGeometry, freq: number, gain: number | undefined) => {
    const values: Record<string, ParamValue> = { [h.freqSpec.key]: roundValue(h.freqSpec, freq) };
    if (h.gainSpec !== undefined && gain !== undefined) values[h.gainSpec.key] = roundValue(h.gainSpec, gain);
    // Moving a band that is switched off means wanting it: switch it on.
    if (h.handle.enableParam !== undefined && !h.enabled) values[h.handle.enableParam] = true;
    dispatch(setParams(currentGraph(), catalog, nodeId, values, { merge: true }));
  };

  const toPlot = (event: PointerEvent) => {
    const rect = svg.current?.getBoundingClientRect();
    if (rect === undefined) return { x: 0, y: 0 };
    return { x: ((event.clientX - rect.left) * W) / rect.width, y: ((event.clientY - rect.top) * H) / rect.height };
  };

  const onMove = (event: PointerEvent) => {
    const index = dragging.current;
    if (index === null) return;
    const h = handles[index];
    if (h === undefined) return;
    const p = toPlot(event);
    const freq = xToFreq(Math.min(PW, Math.max(0, p.x - PAD.left)), PW);
    const gain = yToDb(Math.min(PH, Math.max(0, p.y - PAD.top)), PH, -DB, DB);
    send(h, freq, gain);
  };

  const endDrag = () => {
    if (dragging.current === null) return;
    dragging.current = null;
    commitGesture();
  };

  // Captions go above their handle, or below when that would overlap the previous one.
  const below = useMemo(() => {
    const order = handles.map((h, i) => ({ x: h.x, i })).sort((a, b) => a.x - b.x);
    const flags = new Array<boolean>(handles.length).fill(false);
    let lastAbove = -Infinity;
    for (const { x, i } of order) {
      if (x - lastAbove < 18) flags[i] = true;
      else lastAbove = x;
    }
    return flags;
  }, [handles]);

  const shown = active !== null ? handles[active] : undefined;
  return (
    <figure className="plot">
      <svg
        ref={svg}
        className="plot__svg"
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label="Frequency response; drag the band handles"
        onPointerMove={onMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <rect x={PAD.left} y={PAD.top} width={PW} height={PH} className="plot__bg" />
        {GRID_FREQS.map((f) => {
          const x = PAD.left + freqToX(f, PW);
          return (
            <g key={f}>
              <line x1={x} x2={x} y1={PAD.top} y2={PAD.top + PH} className="plot__grid" />
              <text x={x} y={H - 5} className="plot__tick" textAnchor="middle">
                {f >= 1000 ? `${f / 1000}k` : f}
              </text>
            </g>
          );
        })}
        {GRID_DB.map((db) => {
          const y = PAD.top + dbToY(db, PH, -DB, DB);
          return (
            <g key={db}>
              <line x1={PAD.left} x2={PAD.left + PW} y1={y} y2={y} className={db === 0 ? 'plot__grid plot__grid--zero' : 'plot__grid'} />
              <text x={PAD.left - 4} y={y + 3} className="plot__tick" textAnchor="end">
                {db > 0 ? `+${db}` : db}
              </text>
            </g>
          );
        })}
        <path d={`${curve}L${PAD.left + PW},${PAD.top + PH}L${PAD.left},${PAD.top + PH}Z`} className="plot__fill" />
        <path d={curve} className="plot__curve" />
        {handles.map((h, i) => {
          const valueText = `${formatNumberParam(h.freqSpec, h.freq)}${h.gainSpec !== undefined && h.gain !== undefined ? `, ${formatNumberParam(h.gainSpec, h.gain)}` : ''}${h.enabled ? '' : ', off'}`;
          return (
            <g
              key={h.handle.label}
              className={`plot__handle${h.enabled ? '' : ' is-off'}${active === i ? ' is-active' : ''}`}
              transform={`translate(${h.x},${h.y})`}
              tabIndex={0}
              role="slider"
              aria-label={`${h.handle.label} band`}
              aria-valuenow={h.freq}
              aria-valuemin={h.freqSpec.min}
              aria-valuemax={h.freqSpec.max}
              aria-valuetext={valueText}
              onPointerDown={(event) => {
                event.preventDefault();
                (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
                dragging.current = i;
                setActive(i);
              }}
              onPointerEnter={() => setActive(i)}
              onPointerLeave={() => dragging.current === null && setActive(null)}
              onFocus={() => setActive(i)}
              onBlur={() => setActive(null)}
              onDoubleClick={() => {
                if (h.handle.enableParam !== undefined) {
                  dispatch(setParams(currentGraph(), catalog, nodeId, { [h.handle.enableParam]: !h.enabled }));
                }
              }}
              onKeyDown={(event) => {
                const big = event.shiftKey;
                let freq = h.freq;
                let gain = h.gain;
                if (event.key === 'ArrowLeft') freq = h.freq / 2 ** (big ? 0.5 : 1 / 12);
                else if (event.key === 'ArrowRight') freq = h.freq * 2 ** (big ? 0.5 : 1 / 12);
                else if (event.key === 'ArrowUp' && gain !== undefined) gain += big ? 3 : 0.5;
                else if (event.key === 'ArrowDown' && gain !== undefined) gain -= big ? 3 : 0.5;
                else return;
                event.preventDefault();
                send(h, Math.min(h.freqSpec.max, Math.max(h.freqSpec.min, freq)), gain === undefined || h.gainSpec === undefined ? undefined : Math.min(h.gainSpec.max, Math.max(h.gainSpec.min, gain)));
              }}
              onKeyUp={commitGesture}
            >
              <circle r={9} className="plot__handle-hit" />
              <circle r={10} className="plot__handle-ring" />
              <circle r={6.5} className="plot__handle-dot" />
              <text y={below[i] ? 19 : -11} textAnchor="middle" className="plot__handle-label">
                {caption(h.handle.label)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="plot__caption" aria-live="polite">
        {shown !== undefined
          ? `${shown.handle.label}: ${formatNumberParam(shown.freqSpec, shown.freq)}${shown.gainSpec !== undefined && shown.gain !== undefined ? ` · ${formatNumberParam(shown.gainSpec, shown.gain)}` : ''}${shown.enabled ? '' : ' · off (drag to switch on)'}`
          : 'Drag a handle to move a band · double-click switches a filter on or off'}
      </figcaption>
    </figure>
  );
}
