/**
 * Carries out diff instructions on Web Audio. It owns the node shells and wires; everything it
 * does is decided by the instruction list (see `diff.ts`), so this file has no policy of its own
 * beyond "fade, then take apart".
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { ParamValue } from '../../graph/types';
import type { LiveNodeBuilder } from '../../nodes/liveTypes';
import type { LiveInstruction } from './instructions';
import { NodeShell, type ShellEnv } from './nodeShell';
import { LiveWire } from './wire';

/** What the engine wants to know while instructions are applied. */
export interface ApplierHooks {
  /** A node was built at context time `at` (the engine starts it when the transport plays). */
  nodeCreated(shell: NodeShell, at: number): void;
  /** The master (or its latency) changed. */
  masterChanged(master: NodeShell | null, latency: number, at: number, fade: number): void;
}

/** Applies diff instructions to Web Audio (see the file comment). */
export class LiveApplier {
  readonly shells = new Map<string, NodeShell>();
  private readonly wires = new Map<string, LiveWire>();
  /** Wires silenced for monitoring (mute/solo); a wire built later starts silent. */
  private silenced: ReadonlySet<string> = new Set();

  constructor(
    private readonly env: ShellEnv,
    private readonly builderOf: (type: string) => LiveNodeBuilder | undefined,
    private readonly hooks: ApplierHooks,
  ) {}

  /** Applies `instructions` in order, at context time `at`. */
  apply(instructions: readonly LiveInstruction[], at: number): void {
    // Consecutive setParam of one node become one setParams call (an EQ recomputes its sections once).
    let batch: { id: string; keys: string[]; values: Record<string, ParamValue>; ramp: number } | null = null;
    const flush = (): void => {
      if (batch === null) return;
      const shell = this.shells.get(batch.id);
      if (shell) {
        const params: ResolvedParams = { ...shell.params, ...batch.values };
        shell.setParams(params, batch.keys, { at, rampSeconds: batch.ramp });
      }
      batch = null;
    };
    for (const i of instructions) {
      if (i.op === 'setParam') {
        if (batch !== null && batch.id !== i.id) flush();
        batch ??= { id: i.id, keys: [], values: {}, ramp: i.rampSeconds };
        batch.keys.push(i.key);
        batch.values[i.key] = i.value;
        continue;
      }
      flush();
      this.applyOne(i, at);
    }
    flush();
  }

  /** Takes everything apart at once (engine disposal). */
  disposeAll(): void {
    for (const wire of this.wires.values()) wire.dispose();
    for (const shell of this.shells.values()) shell.dispose();
    this.wires.clear();
    this.shells.clear();
  }

  private applyOne(i: Exclude<LiveInstruction, { op: 'setParam' }>, at: number): void {
    switch (i.op) {
      case 'disconnect':
        this.fadeOutWire(i.wire.id, at, i.fadeSeconds);
        break;
      case 'removeNode': {
        const shell = this.shells.get(i.id);
        if (!shell) break;
        this.shells.delete(i.id);
        this.env.later(at + i.fadeSeconds, () => shell.dispose());
        break;
      }
      case 'createNode': {
        const builder = this.builderOf(i.node.type);
        if (!builder) throw new Error(`node "${i.node.id}": no live builder for type "${i.node.type}"`);
        const shell = new NodeShell(this.env, i.node, builder);
        this.shells.set(i.node.id, shell);
        this.hooks.nodeCreated(shell, at);
        break;
      }
      case 'setBypass':
        this.shells.get(i.id)?.setBypass(i.bypass, at, i.fadeSeconds);
        break;
      case 'setLatency':
        this.shells.get(i.id)?.setLatency(i.latency, at, this.env.build.fadeSeconds);
        break;
      case 'setWireDelay':
        this.fadeOutWire(i.wire.id, at, i.fadeSeconds);
        this.connect(i.wire, at, i.fadeSeconds);
        break;
      case 'connect':
        this.connect(i.wire, at, i.fadeSeconds);
        break;
      case 'setInputsConnected':
        this.shells.get(i.id)?.setInputsConnected(i.connected);
        break;
      case 'setMaster':
        this.hooks.masterChanged(i.id === null ? null : (this.shells.get(i.id) ?? null), i.latency, at, i.fadeSeconds);
        break;
    }
  }

  private connect(state: LiveWire['state'], at: number, fade: number): void {
    const from = this.shells.get(state.from);
    const to = this.shells.get(state.to);
    const target = to?.inputs[state.toPort];
    if (!from || !target) throw new Error(`wire "${state.id}": node "${state.from}" or "${state.to}" is not built`);
    const wire = new LiveWire(this.env.build, state, from.output, target, at, fade);
    if (this.silenced.has(state.id)) wire.setSilenced(true, at, 0);
    this.wires.set(state.id, wire);
  }

  /**
   * Silences exactly the wires in `ids` (mute/solo monitoring), ramping each one that changes
   * over `ramp` seconds from `at`; unknown ids are kept for wires built later.
   */
  setSilencedWires(ids: ReadonlySet<string>, at: number, ramp: number): void {
    const before = this.silenced;
    this.silenced = new Set(ids);
    for (const [id, wire] of this.wires) {
      const now = ids.has(id);
      if (now !== before.has(id)) wire.setSilenced(now, at, ramp);
    }
  }

  private fadeOutWire(id: string, at: number, fade: number): void {
    const wire = this.wires.get(id);
    if (!wire) return;
    this.wires.delete(id);
    wire.fadeOut(at, fade);
    this.env.later(at + fade, () => wire.dispose());
  }
}
