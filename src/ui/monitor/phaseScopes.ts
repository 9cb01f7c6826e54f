/**
 * Drawing of the correlation meter, the goniometer and the mono-compatibility readout from one
 * pair of time-domain reads per animation frame (no allocation per frame).
 *
 * - Correlation: r = ΣLR/√(ΣL²ΣR²) of the frame's 2048 samples, smoothed between frames by the
 *   same one-pole law as `CorrelationMeter` (τ = 0.3 s), shown as a bar on −1…+1.
 * - Goniometer (vectorscope): each sample pair drawn at x = (R − L)/√2, y = (L + R)/√2 (mono on
 *   the vertical, an inverted pair on the horizontal), scaled by the frame's peak.
 * - Mono readout: 10·log10 of the smoothed energy of (L+R)/2 over the mean energy of L and R —
 *   the mono-sum drop, unweighted and short-term (the CLI's `check` gives the BS.1770 figure).
 */
import { CORRELATION_TIME_CONSTANT_SECONDS } from '../../dsp/correlation';
import { MONO_DROP_WARNING_LU } from '../../dsp/monoCompatibility';

/** Smoothed sums carried between frames. */
export interface ScopeState {
  lr: number;
  ll: number;
  rr: number;
  mono: number;
  lastMs: number;
}

export function newScopeState(): ScopeState {
  return { lr: 0, ll: 0, rr: 0, mono: 0, lastMs: 0 };
}

/** Per-sample energies below this count as silence (≈ −100 dBFS). */
const SILENT = 1e-10;

/** Updates `state` with one frame's samples; `now` in ms. */
export function updateScope(state: ScopeState, left: Float32Array, right: Float32Array, now: number): void {
  let lr = 0;
  let ll = 0;
  let rr = 0;
  let mono = 0;
  const n = left.length;
  for (let i = 0; i < n; i++) {
    const l = left[i];
    const r = right[i];
    lr += l * r;
    ll += l * l;
    rr += r * r;
    const m = 0.5 * (l + r);
    mono += m * m;
  }
  const dt = state.lastMs === 0 ? 1 : Math.min(1, (now - state.lastMs) / 1000);
  state.lastMs = now;
  const k = 1 - Math.exp(-dt / CORRELATION_TIME_CONSTANT_SECONDS);
  state.lr += k * (lr / n - state.lr);
  state.ll += k * (ll / n - state.ll);
  state.rr += k * (rr / n - state.rr);
  state.mono += k * (mono / n - state.mono);
}

/** Smoothed correlation, or null while silent. */
export function scopeCorrelation(s: ScopeState): number | null {
  if (s.ll < SILENT || s.rr < SILENT) return null;
  return Math.max(-1, Math.min(1, s.lr / Math.sqrt(s.ll * s.rr)));
}

/**
 * A mono sum more than 60 dB below the stereo counts as cancelled (−∞): live playback leaves a
 * float-rounding residue of an exactly inverted pair some 70 dB down, which nobody hears.
 */
const CANCELLED = 1e-6;

/** Mono − stereo energy, dB; −Infinity when the mono sum cancels; null when all is silent. */
export function scopeMonoDrop(s: ScopeState): number | null {
  const stereo = (s.ll + s.rr) / 2;
  if (stereo < SILENT) return null;
  if (s.mono < stereo * CANCELLED) return -Infinity;
  return 10 * Math.log10(s.mono / stereo);
}

/** The readout text and whether it warns. */
export function monoReadout(drop: number | null, correlation: number | null): { text: string; warn: boolean } {
  if (drop === null) return { text: 'Mono: –', warn: false };
  if (drop === -Infinity) return { text: 'Mono: −∞ dB — the channels cancel', warn: true };
  const warn = drop < -MONO_DROP_WARNING_LU || (correlation !== null && correlation < 0);
  return { text: `Mono: ${drop >= 0 ? '+' : '−'}${Math.abs(drop).toFixed(1)} dB${warn ? ' — check mono' : ''}`, warn };
}

/** Draws the goniometer of one frame on a `size`×`size` canvas. */
export function drawGoniometer(g: CanvasRenderingContext2D, size: number, left: Float32Array, right: Float32Array): void {
  g.fillStyle = '#0f1319';
  g.fillRect(0, 0, size, size);
  g.strokeStyle = 'rgba(108, 117, 133, 0.3)';
  g.beginPath();
  g.moveTo(size / 2, 0);
  g.lineTo(size / 2, size);
  g.moveTo(0, size / 2);
  g.lineTo(size, size / 2);
  g.stroke();
  let peak = 0;
  for (let i = 0; i < left.length; i++) peak = Math.max(peak, Math.abs(left[i]), Math.abs(right[i]));
  if (peak < 1e-5) return;
  const scale = (size / 2 - 2) / (peak * Math.SQRT2);
  g.fillStyle = 'rgba(121, 166, 255, 0.55)';
  const c = size / 2;
  for (let i = 0; i < left.length; i += 2) {
    const x = c + (right[i] - left[i]) * scale;
    const y = c - (left[i] + right[i]) * scale;
    g.fillRect(x, y, 1, 1);
  }
}

/** Draws the correlation bar (−1 left, +1 right) on a `w`×`h` canvas. */
export function drawCorrelation(g: CanvasRenderingContext2D, w: number, h: number, r: number | null): void {
  g.fillStyle = '#0f1319';
  g.fillRect(0, 0, w, h);
  g.fillStyle = 'rgba(108, 117, 133, 0.5)';
  g.fillRect(w / 2, 0, 1, h);
  if (r === null) return;
  const x = ((r + 1) / 2) * w;
  g.fillStyle = r < 0 ? '#ff6b6b' : '#5ad18a';
  g.fillRect(Math.min(x, w / 2), 2, Math.max(2, Math.abs(x - w / 2)), h - 4);
}
