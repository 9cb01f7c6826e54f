/**
 * Levels of a node shell's two paths (`nodeShell.ts`): wet (the processor) and dry (the main
 * input through the node's latency). Pure, so the rules are unit-tested without audio.
 *
 * The dry path is heard when the document bypasses the node or when an audition bypass (the
 * editor's A/B, never saved) does. Its level is then the bypass gain g (linear, default 1), so
 * an A/B can play the bypass at the processed output's loudness:
 *
 *   bypass heard:  wet = 0, dry = g
 *   otherwise:     wet = 1, dry = 0
 *
 * The offline engine has no audition and no gain: a document bypass there is wet 0, dry 1.
 */

/** What decides a shell's bypass. */
export interface BypassState {
  /** The document's `bypass` flag. */
  document: boolean;
  /** The editor's audition bypass (not in the document). */
  audition: boolean;
  /** Linear gain of the dry path, ≥ 0 (1 = unity). */
  gain: number;
}

/** Linear levels of the wet and dry paths. */
export interface BypassLevels {
  wet: number;
  dry: number;
}

/** Whether the dry path is what the node outputs. */
export function bypassHeard(state: BypassState): boolean {
  return state.document || state.audition;
}

/** The wet and dry levels for `state` (see the file comment). */
export function bypassLevels(state: BypassState): BypassLevels {
  return bypassHeard(state) ? { wet: 0, dry: state.gain } : { wet: 1, dry: 0 };
}

/** Largest bypass gain accepted, linear (+24 dB, the editor's largest level match). */
export const MAX_BYPASS_GAIN = 10 ** (24 / 20);

/**
 * Checks a bypass gain: finite, 0 ≤ gain ≤ MAX_BYPASS_GAIN.
 * @throws RangeError naming the node and the value.
 */
export function checkBypassGain(nodeId: string, gain: number): number {
  if (!Number.isFinite(gain) || gain < 0 || gain > MAX_BYPASS_GAIN) {
    throw new RangeError(`node "${nodeId}": bypass gain must be a linear factor from 0 to ${MAX_BYPASS_GAIN.toFixed(2)} (+24 dB), got ${gain}`);
  }
  return gain;
}

/** The editor's audition of one node: bypassed or not, and the dry path's gain. */
export interface Audition {
  bypass: boolean;
  gain: number;
}

/** Whether an audition changes nothing (no bypass, unity gain), so it can be forgotten. */
export function isNeutral(audition: Audition): boolean {
  return !audition.bypass && audition.gain === 1;
}

/**
 * What happens to the auditions after an `update`: those of nodes that are gone are dropped
 * (a later node with the same id starts neutral); those of nodes that were rebuilt (type
 * changed) must be applied again to the new shell.
 */
export function auditionsAfterUpdate(
  auditions: ReadonlyMap<string, Audition>,
  exists: (id: string) => boolean,
  rebuilt: ReadonlySet<string>,
): { drop: string[]; reapply: string[] } {
  const drop: string[] = [];
  const reapply: string[] = [];
  for (const id of auditions.keys()) {
    if (!exists(id)) drop.push(id);
    else if (rebuilt.has(id)) reapply.push(id);
  }
  return { drop, reapply };
}
