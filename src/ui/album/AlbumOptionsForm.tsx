/**
 * The Album panel's options: the flags of `mixgraph album` (target, ceiling, mode, match with an
 * optional reference file, amount, max correction, bits, rate), with the CLI's ranges. "Master
 * album" and the preview plan use them; a number outside its range is shown as wrong and not used.
 */
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_ALBUM_OPTIONS, type AlbumOptions } from '../../album';
import { SUPPORTED_SAMPLE_RATES } from '../../runtime/offline/render';
import { albumStore, setReferenceFile, useAlbum } from './albumTracks';

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

function setOptions(patch: Partial<AlbumOptions>): void {
  albumStore.set((s) => ({ ...s, options: { ...s.options, ...patch } }));
}

/** A number field that applies its value only when it lies in [min, max] (as the CLI checks). */
function NumberOption({ label, unit, value, min, max, step, onValue }: { label: string; unit: string; value: number; min: number; max: number; step: number; onValue: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  // A value set from outside (Defaults) replaces what is typed.
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]);
  const parsed = Number(text);
  const wrong = text.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max;
  return (
    <label className="album-option">
      <span>{label}</span>
      <input
        type="number"
        aria-label={label}
        value={text}
        min={min}
        max={max}
        step={step}
        aria-invalid={wrong}
        title={`${min} … ${max} ${unit}`}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const v = Number(next);
          if (next.trim() !== '' && Number.isFinite(v) && v >= min && v <= max) onValue(v);
        }}
      />
      <span className="album-option__unit">{unit}</span>
    </label>
  );
}

export function AlbumOptionsForm({ disabled }: { disabled: boolean }) {
  const o = useAlbum((s) => s.options);
  const reference = useAlbum((s) => s.reference);
  const picker = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="album-options" disabled={disabled}>
      <legend>Options (as mixgraph album)</legend>
      <NumberOption label="Target" unit="LUFS" value={o.targetLufs} min={-70} max={0} step={0.5} onValue={(v) => setOptions({ targetLufs: v })} />
      <NumberOption label="Ceiling" unit="dBTP" value={o.ceilingDbtp} min={-12} max={0} step={0.1} onValue={(v) => setOptions({ ceilingDbtp: v })} />
      <label className="album-option">
        <span>Mode</span>
        <select aria-label="Mode" value={o.mode} onChange={(e) => setOptions({ mode: e.currentTarget.value as AlbumOptions['mode'] })}>
          <option value="track">track: each hits the target</option>
          <option value="album">album: one gain, differences kept</option>
        </select>
      </label>
      <label className="album-option">
        <span>Match</span>
        <select aria-label="Match" value={o.match} onChange={(e) => setOptions({ match: e.currentTarget.value as AlbumOptions['match'] })}>
          <option value="none">none</option>
          <option value="album">album average</option>
          <option value="reference">a reference file</option>
        </select>
      </label>
      {o.match === 'reference' && (
        <span className="album-option album-option--reference" data-testid="album-reference">
          {reference ? `${reference.name} (${reference.error ?? (reference.analysis ? `${fmt(reference.analysis.integratedLufs)} LUFS` : 'analysing…')})` : 'no reference yet'}{' '}
          <button type="button" className="btn btn--small" onClick={() => picker.current?.click()}>
            pick reference…
          </button>
          <input
            ref={picker}
            type="file"
            accept="audio/*,.wav,.aif,.aiff,.flac,.mp3,.ogg,.opus"
            hidden
            data-testid="album-reference-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void setReferenceFile(file);
            }}
          />
        </span>
      )}
      <NumberOption label="Amount" unit="%" value={o.amountPercent} min={0} max={100} step={5} onValue={(v) => setOptions({ amountPercent: v })} />
      <NumberOption label="Max correction" unit="dB" value={o.maxCorrectionDb} min={0} max={24} step={0.5} onValue={(v) => setOptions({ maxCorrectionDb: v })} />
      <label className="album-option">
        <span>Bits</span>
        <select aria-label="Bits" value={o.bits} onChange={(e) => setOptions({ bits: e.currentTarget.value as AlbumOptions['bits'] })}>
          <option value="16">16 (dithered)</option>
          <option value="24">24</option>
          <option value="32f">32-bit float</option>
        </select>
      </label>
      <label className="album-option">
        <span>Rate</span>
        <select aria-label="Rate" value={o.sampleRate} onChange={(e) => setOptions({ sampleRate: Number(e.currentTarget.value) })}>
          {SUPPORTED_SAMPLE_RATES.map((r) => (
            <option key={r} value={r}>
              {r} Hz
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => albumStore.set((s) => ({ ...s, options: DEFAULT_ALBUM_OPTIONS }))}
        title="Back to the CLI's defaults"
      >
        Defaults
      </button>
    </fieldset>
  );
}
