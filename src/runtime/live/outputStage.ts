/**
 * The engine's output: the master node's signal on `masterBus`, and a probe switch in front of
 * the speakers that can listen to any node's output instead (crossfaded).
 *
 *   master node ─► route ─► masterBus ─► send (1, or 0 while probing) ─┬─► output ─► destination
 *   probed node ─► route (0 → 1) ───────────────────────────────────────┘
 *   every node's output ─► keepAlive (gain 0) ─► context.destination   (see `ShellEnv.keepAlive`)
 */
import type { SmoothParam } from '../../nodes/liveTypes';
import type { EngineBuildContext } from './buildContext';
import type { ContextScheduler } from './scheduler';
import { safeDisconnect } from './stereo';

interface Route {
  from: AudioNode;
  gain: GainNode;
  level: SmoothParam;
}

/** Master bus and probe switch (see the file comment). */
export class OutputStage {
  /** The master signal alone (what the CLI renders), whatever the probe does. */
  readonly masterBus: GainNode;
  /** What goes to the speakers: the master, or the probed node. */
  readonly output: GainNode;
  /** Silent sink that makes the context process every node (adds exact zeros). */
  readonly keepAlive: GainNode;
  private readonly send: GainNode;
  private readonly sendLevel: SmoothParam;
  private master: Route | null = null;
  private probe: (Route & { id: string }) | null = null;

  constructor(
    private readonly build: EngineBuildContext,
    private readonly scheduler: ContextScheduler,
    destination: AudioNode | null,
  ) {
    this.masterBus = build.stereoGain();
    this.send = build.stereoGain();
    this.sendLevel = build.smooth(this.send.gain, 1);
    this.output = build.stereoGain();
    this.masterBus.connect(this.send);
    this.send.connect(this.output);
    if (destination) this.output.connect(destination);
    this.keepAlive = build.stereoGain(0);
    this.keepAlive.connect(build.context.destination);
  }

  /** Routes `from` (the master node's output; null: none) to the master bus. */
  setMaster(from: AudioNode | null, at: number, fade: number): void {
    if (this.master?.from === from) return;
    if (this.master !== null) this.drop(this.master, at, fade);
    this.master = from === null ? null : this.route(from, this.masterBus, at, fade);
  }

  /** Probes node `id` (its output `from`), or returns to the master with null. */
  monitor(id: string | null, from: AudioNode | null, at: number, fade: number): void {
    if (this.probe !== null) this.drop(this.probe, at, fade);
    this.probe = id !== null && from !== null ? { ...this.route(from, this.output, at, fade), id } : null;
    this.sendLevel.rampTo(this.probe === null ? 1 : 0, { at, rampSeconds: fade });
  }

  /** The probed node, or null when the master is heard. */
  get monitored(): string | null {
    return this.probe?.id ?? null;
  }

  /** The output node the probe listens to (to notice a probed node that was rebuilt). */
  get monitoredFrom(): AudioNode | null {
    return this.probe?.from ?? null;
  }

  dispose(): void {
    for (const r of [this.master, this.probe]) if (r) safeDisconnect(r.gain);
    safeDisconnect(this.masterBus);
    safeDisconnect(this.send);
    safeDisconnect(this.output);
    safeDisconnect(this.keepAlive);
  }

  private route(from: AudioNode, to: AudioNode, at: number, fade: number): Route {
    const gain = this.build.stereoGain(0);
    const level = this.build.smooth(gain.gain, fade > 0 ? 0 : 1);
    if (fade > 0) level.rampTo(1, { at, rampSeconds: fade });
    from.connect(gain);
    gain.connect(to);
    return { from, gain, level };
  }

  private drop(route: Route, at: number, fade: number): void {
    route.level.rampTo(0, { at, rampSeconds: fade });
    this.scheduler.later(at + fade, () => {
      try {
        route.from.disconnect(route.gain);
      } catch {
        // The node may already be gone.
      }
      safeDisconnect(route.gain);
    });
  }
}
