/**
 * The monitor section: how what is probed (the master, a node, a wire) is heard — monitor modes
 * and playback systems, level-matched on request — with a correlation meter, a goniometer and a
 * mono-compatibility readout. Editor state only: never in the document, never in a bounce
 * (docs/translation.md).
 */
import { useEffect } from 'react';
import { MONITOR_MODES, MONITOR_MODE_LABELS } from '../../monitor/monitorModes';
import { PLAYBACK_SYSTEMS, levelMatchGainDb, playbackSystem } from '../../monitor/playbackSystems';
import { LIVE_SAMPLE_RATE } from '../live/audioSession';
import { followSessions, setMonitor, useMonitor } from './monitorStore';
import { CodecPreview } from './CodecPreview';
import { PhaseMeters } from './PhaseMeters';
import { SystemCurve } from './SystemCurve';
import './monitor.css';

/** The monitor panel; see the file comment. */
export function MonitorPanel() {
  useEffect(() => followSessions(), []);
  const mode = useMonitor((s) => s.mode);
  const systemId = useMonitor((s) => s.system);
  const levelMatched = useMonitor((s) => s.levelMatched);
  const codec = useMonitor((s) => s.codec);
  const kbps = useMonitor((s) => s.kbps);
  const artifacts = useMonitor((s) => s.artifacts);
  const system = playbackSystem(systemId);
  const match = levelMatchGainDb(system, LIVE_SAMPLE_RATE);

  return (
    <details className="panel-section monitor" aria-label="Monitor section">
      <summary className="panel-section__title">Monitor{mode !== 'stereo' || systemId !== 'flat' ? ` · ${MONITOR_MODE_LABELS[mode]} · ${system.name}` : ''}{codec !== 'off' ? ` · ${codec.toUpperCase()} ${kbps}${artifacts ? ' artifacts' : ''}` : ''}</summary>
      <div className="monitor__group" role="group" aria-label="Monitor mode">
        {MONITOR_MODES.map((m) => (
          <button key={m} type="button" className="monitor__chip" aria-pressed={m === mode} onClick={() => setMonitor({ mode: m })}>
            {MONITOR_MODE_LABELS[m]}
          </button>
        ))}
      </div>
      <div className="monitor__group" role="group" aria-label="Playback system">
        {PLAYBACK_SYSTEMS.map((s) => (
          <button key={s.id} type="button" className="monitor__chip" aria-pressed={s.id === systemId} title={s.summary} onClick={() => setMonitor({ system: s.id })}>
            {s.name}
          </button>
        ))}
      </div>
      <SystemCurve system={system} />
      <div className="monitor__row">
        <span className="monitor__summary">{system.summary}</span>
        <label className="monitor__check" title="Compensate the system's loudness for pink noise, so louder does not fool the ear">
          <input type="checkbox" checked={levelMatched} onChange={(e) => setMonitor({ levelMatched: e.target.checked })} />
          Level-match ({match >= 0 ? '+' : '−'}{Math.abs(match).toFixed(1)} dB)
        </label>
      </div>
      <CodecPreview />
      <PhaseMeters />
      <p className="monitor__note">Teaching approximations, not measurements of a product. Heard only: bounces are unaffected.</p>
    </details>
  );
}
