/**
 * RESERVED FOR THE LIVE AUDIO ISSUE: Play / Stop, the transport position and the master meter
 * go here once the live engine (src/runtime/live) lands. Until then this slot renders nothing,
 * on purpose: no control is shown that cannot make sound yet.
 */
export function TransportSlot() {
  return <div className="toolbar__transport" data-slot="transport" />;
}
