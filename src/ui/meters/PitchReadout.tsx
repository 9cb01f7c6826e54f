/**
 * The autotune node's canvas readout: the note it is tuning to and the correction in cents
 * ("A3 −40 ¢"), updated from the shared frame loop through an element ref, never React state.
 */
import { memo, useEffect, useRef } from 'react';
import { onFrame } from '../live/frameLoop';
import { pitchReadout } from './pitchTraceModel';

/** Current target note and correction of one node; see the file comment. */
export const PitchReadout = memo(function PitchReadout({ nodeId }: { nodeId: string }) {
  const text = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let shown = '';
    return onFrame((session) => {
      const element = text.current;
      if (element === null) return;
      const pitch = session.engine.metersFor(nodeId)?.pitch;
      const next = pitch === undefined ? '—' : pitchReadout(pitch.targetNote, pitch.correctionCents, pitch.detectedHz);
      if (next !== shown) {
        shown = next;
        element.textContent = next;
      }
    });
  }, [nodeId]);
  return (
    <div ref={text} className="mg-node__pitch" aria-label="Note and correction" title="The note being tuned to and how far the voice is moved, in cents (100 cents = a semitone)">
      —
    </div>
  );
});
