/**
 * The codec preview's controls in the monitor section: Off / MP3 / Opus / AAC (WebCodecs codecs
 * this browser lacks are hidden, with the reason), the bitrate, "Artifacts only", the preview's
 * latency, and its health (frames the codec delivered late) read from the rAF loop.
 */
import { useEffect, useRef, useState } from 'react';
import { onFrame } from '../live/frameLoop';
import { LIVE_SAMPLE_RATE } from '../live/audioSession';
import { CODEC_PREVIEW_LATENCY_SECONDS } from './codecPreviewNode';
import type { CodecSupport, PreviewCodec } from './codecPreviewProtocol';
import { codecErrorStore, setMonitor, useMonitor } from './monitorStore';
import { useStoreValue } from '../store/createStore';
import { probeWebCodecs } from './webCodecsStream';

/** Bitrates offered per codec, kbit/s (the usual delivery and streaming steps). */
export const CODEC_BITRATES: Record<PreviewCodec, readonly number[]> = {
  mp3: [96, 128, 160, 192, 256, 320],
  opus: [32, 64, 96, 128, 160, 256],
  aac: [96, 128, 192, 256],
};

const LABELS: Record<PreviewCodec, string> = { mp3: 'MP3', opus: 'Opus', aac: 'AAC' };

let support: Promise<CodecSupport[]> | null = null;

/** The controls; see the file comment. */
export function CodecPreview() {
  const codec = useMonitor((s) => s.codec);
  const kbps = useMonitor((s) => s.kbps);
  const artifacts = useMonitor((s) => s.artifacts);
  const error = useStoreValue(codecErrorStore, (s) => s);
  const [webCodecs, setWebCodecs] = useState<CodecSupport[] | null>(null);
  const health = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let live = true;
    void (support ??= probeWebCodecs(LIVE_SAMPLE_RATE, false)).then((s) => live && setWebCodecs(s));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const element = health.current;
    if (!element) return;
    let shown = '';
    // Judged over the last second or so: a start-up hiccup does not warn for ever.
    let mark = { late: 0, played: 0, at: 0 };
    let share = 0;
    return onFrame((session, now) => {
      const stats = session.stage.monitor.preview?.stats ?? null;
      const on = session.stage.monitor.current.codec !== 'off';
      if (stats !== null && now - mark.at >= 1000) {
        const late = stats.lateFrames - mark.late;
        const played = stats.playedFrames - mark.played;
        share = late >= 0 && played >= 0 && late + played > 0 ? late / (late + played) : 0;
        mark = { late: stats.lateFrames, played: stats.playedFrames, at: now };
      }
      const text = on && share > 0.05 ? `The codec falls behind: ${Math.round(share * 100)} % of the last second played uncoded` : '';
      if (text !== shown) {
        shown = text;
        element.textContent = text;
      }
    });
  }, []);

  const offered: PreviewCodec[] = ['mp3', ...(webCodecs ?? []).filter((s) => s.supported).map((s) => s.codec)];
  const missing = (webCodecs ?? []).filter((s) => !s.supported);
  const choose = (next: 'off' | PreviewCodec) => {
    if (next === 'off') return setMonitor({ codec: 'off' });
    const rates = CODEC_BITRATES[next];
    setMonitor({ codec: next, kbps: rates.includes(kbps) ? kbps : rates.includes(128) ? 128 : rates[0] });
  };

  return (
    <div className="monitor__codec" role="group" aria-label="Codec preview">
      <div className="monitor__row monitor__row--center">
        <span className="monitor__label">Codec preview</span>
        <div className="monitor__group monitor__group--tight" role="group" aria-label="Codec">
          {(['off', ...offered] as const).map((c) => (
            <button key={c} type="button" className="monitor__chip" aria-pressed={c === codec} onClick={() => choose(c)}>
              {c === 'off' ? 'Off' : LABELS[c]}
            </button>
          ))}
        </div>
      </div>
      {codec !== 'off' && (
        <div className="monitor__row monitor__row--center">
          <label className="monitor__check">
            Bitrate
            <select className="monitor__select" aria-label="Bitrate" value={kbps} onChange={(e) => setMonitor({ kbps: Number(e.target.value) })}>
              {CODEC_BITRATES[codec].map((k) => (
                <option key={k} value={k}>
                  {k} kbit/s
                </option>
              ))}
            </select>
          </label>
          <label className="monitor__check" title="Hear only what the codec removes or adds: the decoded signal minus the original, lined up and level-matched">
            <input type="checkbox" checked={artifacts} onChange={(e) => setMonitor({ artifacts: e.target.checked })} />
            Artifacts only
          </label>
        </div>
      )}
      <p className="monitor__note" data-testid="codec-latency">
        {codec === 'off'
          ? 'Hear the master through a lossy codec, as a listener of the file would.'
          : `Latency ${Math.round(CODEC_PREVIEW_LATENCY_SECONDS * 1000)} ms: the codec path plays this far behind (encoded and decoded in a worker, codec delay compensated).`}
      </p>
      {missing.map((s) => (
        <p key={s.codec} className="monitor__note" data-testid={`codec-missing-${s.codec}`}>
          {LABELS[s.codec]} not offered: {s.reason}.
        </p>
      ))}
      <span ref={health} className="monitor__mono is-warning" role="status" />
      {error !== null && (
        <p className="monitor__note is-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
