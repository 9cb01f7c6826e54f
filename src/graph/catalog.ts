/**
 * The shape of the node catalog that `src/graph` validates against. `src/nodes/registry.ts`
 * builds the catalog from the node folders; `src/graph` only sees these types, never the nodes.
 */
import type { ParamValue } from './types';

/** How a numeric param is best displayed and dragged: Hz on a log axis, dB and ratios linear. */
export type ParamScale = 'linear' | 'log' | 'db';

interface ParamSpecBase {
  key: string;
  /** Short human name shown in the inspector ("Threshold"). */
  label: string;
  /** One plain sentence a student would understand. */
  help: string;
}

export interface NumberParamSpec extends ParamSpecBase {
  kind: 'number';
  /** Unit symbol shown after the value: 'dB', 'Hz', 'ms', 's', ':1', '' … */
  unit: string;
  min: number;
  max: number;
  default: number;
  scale: ParamScale;
  /** Suggested step for typed values and sliders. */
  step?: number;
  /**
   * When true the minimum means "off / minus infinity" (a fader at the bottom), e.g. the gain
   * node's −100 dB floor is silence.
   */
  minIsOff?: boolean;
}

export interface BoolParamSpec extends ParamSpecBase {
  kind: 'bool';
  default: boolean;
}

/** A choice among fixed values: strings ('sine', 'saw') or numbers (a 12/24 dB/oct slope). */
export interface EnumParamSpec extends ParamSpecBase {
  kind: 'enum';
  options: readonly (string | number)[];
  default: string | number;
  /** Unit shown after numeric options ('dB/oct'). */
  unit?: string;
}

export interface StringParamSpec extends ParamSpecBase {
  kind: 'string';
  default: string;
  /** Values must match this pattern (e.g. clip references `demo:<stem>` / `file:<name>`). */
  pattern?: RegExp;
  /** Sentence describing the accepted form, used in validation messages. */
  patternHint?: string;
  /** Values an editor offers in a picker (typing any value the pattern accepts stays possible). */
  suggestions?: readonly string[];
  /**
   * When set, the value may name a file the user adds (`file:<name>`): an editor also offers
   * this prefix plus the name of every audio file added to the document.
   */
  userFilePrefix?: string;
}

export type ParamSpec = NumberParamSpec | BoolParamSpec | EnumParamSpec | StringParamSpec;

export interface PortSpec {
  id: string;
  label: string;
  /** An optional input (compressor sidechain) may stay unconnected without a warning. */
  optional?: boolean;
}

export type NodeCategory = 'Sources' | 'Mixing' | 'EQ' | 'Dynamics' | 'Space' | 'Output';

/** Everything the graph layer, the palette and the inspector need to know about a node type. */
export interface NodeTypeSpec {
  type: string;
  label: string;
  category: NodeCategory;
  /** One plain sentence: what this node does to the sound. */
  help: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  params: readonly ParamSpec[];
  /** Index of the input passed through when bypassed (default 0). */
  mainInput?: number;
}

/** Node types by type name. */
export type Catalog = ReadonlyMap<string, NodeTypeSpec>;

/** Resolved params: every key of the spec present, defaults filled in. */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** Fills in defaults for missing params. Assumes `params` already validated. */
export function resolveParams(spec: NodeTypeSpec, params: Readonly<Record<string, ParamValue>>): ResolvedParams {
  const out: Record<string, ParamValue> = {};
  for (const p of spec.params) {
    const v = Object.prototype.hasOwnProperty.call(params, p.key) ? params[p.key] : undefined;
    out[p.key] = v === undefined ? p.default : v;
  }
  return out;
}
