/**
 * The instructions `diff` emits and the applier carries out on Web Audio. Plain data, so the diff
 * is tested without audio (Elementary Audio's reconciler does the same).
 *
 * Times are in seconds of the audio context. A ramp or fade of 0 means "at once" (the first
 * build, before anything plays).
 */
import type { ParamValue } from '../../graph/types';
import type { LiveNodeState, LiveWireState } from './liveState';

/** One step of bringing the live graph to a new document. */
export type LiveInstruction =
  /** Fades the wire out over `fadeSeconds`, then takes it apart. */
  | { op: 'disconnect'; wire: LiveWireState; fadeSeconds: number }
  /** Takes the node apart once its wires have faded out (`fadeSeconds`). */
  | { op: 'removeNode'; id: string; fadeSeconds: number }
  /** Builds a node; it makes no sound until a wire from it is connected. */
  | { op: 'createNode'; node: LiveNodeState }
  /** One param of a kept node, reached by a linear ramp of `rampSeconds` (no zipper noise). */
  | { op: 'setParam'; id: string; key: string; value: ParamValue; rampSeconds: number }
  /** Crossfades between the processed output and the latency-delayed main input. */
  | { op: 'setBypass'; id: string; bypass: boolean; fadeSeconds: number }
  /** The node's kernel latency changed (a limiter's lookahead): its bypass delay follows. */
  | { op: 'setLatency'; id: string; latency: number }
  /** A wire's compensation delay changed: the old path fades out while the new one fades in. */
  | { op: 'setWireDelay'; wire: LiveWireState; fadeSeconds: number }
  /** Builds a wire (with its compensation delay) and fades it in over `fadeSeconds`. */
  | { op: 'connect'; wire: LiveWireState; fadeSeconds: number }
  /** Which input ports of a kept node have wires (switches a compressor's sidechain on or off). */
  | { op: 'setInputsConnected'; id: string; connected: readonly boolean[] }
  /** The master node or its latency changed; `latency` is what a recording must skip to align. */
  | { op: 'setMaster'; id: string | null; latency: number; fadeSeconds: number };

/** The `op` names, in the order a diff emits them. */
export type LiveInstructionOp = LiveInstruction['op'];
