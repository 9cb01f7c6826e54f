/**
 * The master panel under the inspector: what is heard (the master, a probed point or an A/B
 * comparison, with the way back to the master), the master's loudness by the CLI's BS.1770 meter
 * (running in an AudioWorklet on the master bus), and the spectrum of what is heard.
 */
import { flatNodeName } from '../../graph/modules/flatNodeName';
import { catalog } from '../../nodes/registry';
import { Icon } from '../common/icons';
import { currentSession } from '../live/audioSession';
import { endAb } from '../live/abCompare';
import { useLive } from '../live/liveStore';
import { probe } from '../live/probe';
import { useEditor } from '../store/editorState';
import { LoudnessReadouts } from './LoudnessReadouts';
import { SpectrumView } from './SpectrumView';

/** The master panel; see the file comment. */
export function MasterPanel() {
  const audio = useLive((s) => s.audio);
  const monitored = useLive((s) => s.monitored);
  const abNode = useLive((s) => s.ab?.nodeId ?? null);
  const abSide = useLive((s) => s.ab?.side ?? null);
  const probedName = useEditor((s) => (monitored === null ? null : flatNodeName(s.history.graph, catalog, monitored)));
  const abName = useEditor((s) => (abNode === null ? null : flatNodeName(s.history.graph, catalog, abNode)));
  const hearing = abName !== null ? `A/B ${abName}: ${abSide === 'A' ? 'A, processed' : 'B, bypassed (level-matched)'}` : probedName !== null ? `Probe: ${probedName}` : 'Master';

  return (
    <section className={`master${abName !== null || probedName !== null ? ' is-probing' : ''}`} aria-label="Master meters">
      <header className="master__header">
        <h2 className="master__title">Master</h2>
        <span className="master__hearing" data-testid="hearing" title="What the speakers play now">
          <Icon name="headphones" size={13} /> {hearing}
        </span>
        {(abName !== null || probedName !== null) && (
          <button type="button" className="btn btn--small" onClick={() => (abName !== null ? endAb() : void probe(null))}>
            Back to master
          </button>
        )}
      </header>
      <LoudnessReadouts />
      <div className="master__row">
        <span className="master__caption">
          {audio === 'on' ? `Spectrum of ${hearing === 'Master' ? 'the master' : 'what you hear'}` : audio === 'starting' ? 'Starting audio…' : 'Press Play to hear the graph.'}
        </span>
        <button type="button" className="link-btn" disabled={audio !== 'on'} onClick={() => currentSession()?.masterMeter.reset()} title="Start integrated loudness, LRA and true peak again">
          Reset
        </button>
      </div>
      <SpectrumView label={hearing} />
    </section>
  );
}
