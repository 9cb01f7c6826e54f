/**
 * "Listen" in a node's inspector: probe the node's output (hear it alone, see its spectrum), and
 * for nodes that can be bypassed a level-matched A/B in the mix — A the mix as it is, B the mix
 * with this node bypassed and its bypass path at the processed output's loudness. The readout is written from an interval straight
 * into element refs; only the buttons' state comes from React.
 */
import { useEffect, useMemo, useRef } from 'react';
import { canBypass } from '../../graph/commands';
import type { GraphNode } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { Icon } from '../common/icons';
import { abReadout, endAb, measureNode, setAbSide } from '../live/abCompare';
import { type AbSide, useLive } from '../live/liveStore';
import { toggleProbe } from '../live/probe';
import { startAudio } from '../live/transport';
import { formatReading } from '../meters/LoudnessReadouts';
import { liveMainInputs } from '../live/liveInputs';
import { liveIdOf } from '../modules/moduleScope';
import { definitionOfNode } from '../modules/nodeDefinitionOf';
import { useEditor } from '../store/editorState';

/**
 * The inspector's Listen section for one node. Probe and A/B act on the live engine's node: inside
 * an open module that is the opened instance's (`vocals/comp`), and the input is measured from
 * whatever feeds it in the flattened mix (another inner node, or the track outside the instance).
 */
export function ListenSection({ node, name }: { node: GraphNode; name: string }) {
  const liveId = useEditor((s) => liveIdOf(s, node.id, node.type));
  const root = useEditor((s) => s.history.graph);
  const audioOn = useLive((s) => s.audio === 'on');
  const probed = useLive((s) => s.monitored === liveId);
  const abSide = useLive((s) => (s.ab?.nodeId === liveId ? s.ab.side : null));
  const comparable = canBypass(catalog, node.type);
  // A module instance's outputs come from its definition (`definitionOfNode`), not the catalog.
  const hasOutput = (definitionOfNode(root, node)?.outputs.length ?? 0) > 0;
  const inputs = useMemo(() => liveMainInputs(root, liveId), [root, liveId]);
  const inputsKey = inputs.join(',');
  const readout = useRef<HTMLParagraphElement>(null);

  // Measure input and output loudness while this node is shown, so B is matched from the start.
  useEffect(() => {
    if (!audioOn || !comparable) return;
    const release = measureNode(liveId, inputsKey === '' ? [] : inputsKey.split(','));
    const timer = setInterval(() => {
      const r = abReadout(liveId);
      const element = readout.current;
      if (element === null) return;
      element.textContent =
        r === null
          ? 'Measuring…'
          : `In ${formatReading(r.inputLufs)} LUFS · Out ${formatReading(r.outputLufs)} LUFS · B ${r.matchDb >= 0 ? '+' : '−'}${Math.abs(r.matchDb).toFixed(1)} dB${r.held ? ' (held while B plays)' : ''}`;
      element.dataset.matchDb = r === null ? '' : r.matchDb.toFixed(2);
    }, 250);
    return () => {
      clearInterval(timer);
      release();
    };
  }, [audioOn, comparable, liveId, inputsKey]);

  const choose = async (side: AbSide | null) => {
    if (side === null) {
      endAb();
      return;
    }
    await startAudio();
    setAbSide(liveId, inputs, side);
  };

  if (!hasOutput) return null;
  return (
    <section className="listen" aria-label="Listen">
      <h3 className="inspector__section-title">Listen</h3>
      <div className="inspector__actions">
        <button type="button" className={`btn btn--small${probed ? ' btn--listening' : ''}`} aria-pressed={probed} onClick={() => void toggleProbe(liveId)} title="Hear this node's output alone, and see its spectrum (Alt+click a node or wire does the same)">
          <Icon name="headphones" size={13} /> {probed ? 'Probing — back to master' : 'Probe this output'}
        </button>
      </div>
      {comparable && (
        <>
          <div className="segmented" role="group" aria-label={`A/B compare ${name}`}>
            {(
              [
                ['A', 'A · processed'],
                ['B', 'B · bypassed'],
              ] as const
            ).map(([side, text]) => (
              <button key={side} type="button" className={`segmented__btn${abSide === side ? ' is-on' : ''}`} aria-pressed={abSide === side} onClick={() => void choose(side)}>
                {text}
              </button>
            ))}
            <button type="button" className="segmented__btn" aria-label="A/B off" disabled={abSide === null} onClick={() => void choose(null)}>
              Off
            </button>
          </div>
          <p ref={readout} className="listen__readout" aria-live="off">
            {audioOn ? 'Measuring…' : 'Starts measuring once audio is on.'}
          </p>
          <details className="listen__help">
            <summary>What is A/B with level matching?</summary>
            A/B plays the whole mix: A as it is, B with this node bypassed (only while you listen — the document and the
            bounce are not changed). In B the bypassed signal is turned up or down by the dB shown, so the node passes on
            the same loudness as when it processes (BS.1770 loudness of its input and output over the last 3 s, measured
            continuously while A plays, held while B plays). Louder nearly always sounds “better”, so matching the levels
            lets you judge what the processing does to the mix, not how loud it is.
          </details>
        </>
      )}
    </section>
  );
}
