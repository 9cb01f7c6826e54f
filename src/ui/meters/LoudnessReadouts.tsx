/**
 * The master loudness numbers: momentary, short-term and integrated loudness, loudness range and
 * true peak, from the BS.1770-4 meter in the master's AudioWorklet (the CLI's own meter). Written
 * into element refs from `requestAnimationFrame` when a new reading arrived (~10 per second).
 */
import { useEffect, useRef } from 'react';
import type { LoudnessReading } from '../../runtime/live/worklet/loudnessMeterProtocol';
import { onFrame } from '../live/frameLoop';

interface Field {
  key: keyof LoudnessReading;
  label: string;
  unit: string;
  title: string;
}

const FIELDS: readonly Field[] = [
  { key: 'momentaryLufs', label: 'Momentary', unit: 'LUFS', title: 'Loudness of the last 400 ms (EBU R 128 “M”)' },
  { key: 'shortTermLufs', label: 'Short-term', unit: 'LUFS', title: 'Loudness of the last 3 s (EBU R 128 “S”)' },
  { key: 'integratedLufs', label: 'Integrated', unit: 'LUFS', title: 'Gated loudness of everything since playback started at 0:00 or Reset (BS.1770-4 “I”) — what streaming services normalise' },
  { key: 'loudnessRangeLu', label: 'LRA', unit: 'LU', title: 'Loudness range: how much the short-term loudness varies (EBU Tech 3342)' },
  { key: 'truePeakDbtp', label: 'True peak', unit: 'dBTP', title: 'Highest inter-sample peak since 0:00 or Reset (BS.1770-4 Annex 2); keep it under −1 dBTP' },
];

/** Formats a reading (one decimal), "—" when undefined. */
export function formatReading(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toFixed(1).replace('-', '−');
}

/** The five loudness readouts; see the file comment. */
export function LoudnessReadouts() {
  const values = useRef<(HTMLElement | null)[]>([]);
  const block = useRef<HTMLDListElement>(null);

  useEffect(() => {
    let seen = -1;
    return onFrame((session) => {
      const meter = session.masterMeter;
      if (meter.readingCount === seen) return;
      seen = meter.readingCount;
      const reading = meter.reading;
      FIELDS.forEach((field, i) => {
        const element = values.current[i];
        const value = reading[field.key];
        if (element) element.textContent = formatReading(value);
      });
      const tp = reading.truePeakDbtp;
      block.current?.classList.toggle('is-over', tp !== null && tp > -1);
      // Machine-readable copy for tests: integrated loudness as a number.
      if (block.current) block.current.dataset.integrated = reading.integratedLufs === null ? '' : reading.integratedLufs.toFixed(2);
    });
  }, []);

  return (
    <dl ref={block} className="loudness" aria-label="Master loudness (BS.1770)">
      {FIELDS.map((field, i) => (
        <div key={field.key} className={`loudness__item loudness__item--${field.key}`} title={field.title}>
          <dt>{field.label}</dt>
          <dd>
            <span
              ref={(el) => {
                values.current[i] = el;
              }}
              className="loudness__value"
              data-field={field.key}
            >
              —
            </span>
            <span className="loudness__unit">{field.unit}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
