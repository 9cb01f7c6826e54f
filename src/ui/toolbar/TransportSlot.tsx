/** The toolbar's transport slot: play, stop, loop, position and Export WAV (`TransportBar`). */
import { TransportBar } from '../transport/TransportBar';

/** The slot the toolbar reserves for the transport (kept so the toolbar's layout stays put). */
export function TransportSlot() {
  return (
    <div className="toolbar__transport" data-slot="transport">
      <TransportBar />
    </div>
  );
}
