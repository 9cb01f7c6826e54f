/**
 * Validation of the optional `snapshots` (whole-mix settings A–D, issue 16). A snapshot's params
 * are checked against the node's type exactly as the node's own params are, so recalling one can
 * never produce a document that would fail to load. A snapshot entry for a node the graph no
 * longer has is dropped with a warning: deleting a node must not make the document unreadable.
 */
import type { GraphSnapshot, NodeSetting, SnapshotSlot } from './types';
import { SNAPSHOT_SLOTS } from './types';
import { type IssueCollector, describeValue, itemPlace, keyPath, quote } from './issues';
import { checkKeys, isRecord, own } from './reader';
import type { NodeEntry } from './validateNodes';
import { validateParams } from './validateParams';

/** The keys a snapshot may have, in the order `serializeGraph` writes them. */
export const SNAPSHOT_KEYS: readonly string[] = ['slot', 'name', 'nodes'];
/** Longest snapshot name, characters (it labels a small button). */
export const MAX_SNAPSHOT_NAME = 60;

/** Checks the document's `snapshots` value against its nodes; undefined when absent. */
export function validateSnapshots(raw: unknown, nodes: ReadonlyMap<string, NodeEntry>, issues: IssueCollector): GraphSnapshot[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    issues.error('snapshots', `expected an array of snapshots, got ${describeValue(raw)}`);
    return undefined;
  }
  if (raw.length > SNAPSHOT_SLOTS.length) {
    issues.error('snapshots', `${raw.length} snapshots is more than the ${SNAPSHOT_SLOTS.length} slots (A–D)`);
    return undefined;
  }
  const out: GraphSnapshot[] = [];
  const seen = new Set<SnapshotSlot>();
  raw.forEach((item: unknown, index) => {
    if (!isRecord(item)) {
      issues.error(`snapshots[${index}]`, `expected a snapshot object, got ${describeValue(item)}`);
      return;
    }
    const place = itemPlace('snapshots', index, own(item, 'slot'));
    const before = issues.errorCount;
    checkKeys(item, SNAPSHOT_KEYS, place, issues, { policy: 'error', what: 'a snapshot' });
    const slot = own(item, 'slot');
    if (typeof slot !== 'string' || !(SNAPSHOT_SLOTS as readonly string[]).includes(slot)) {
      issues.error(keyPath(place, 'slot'), `expected "A", "B", "C" or "D", got ${describeValue(slot)}`);
    } else if (seen.has(slot as SnapshotSlot)) {
      issues.error(keyPath(place, 'slot'), `slot ${slot} is used twice`);
    } else {
      seen.add(slot as SnapshotSlot);
    }
    const name = own(item, 'name');
    if (typeof name !== 'string') issues.error(keyPath(place, 'name'), `expected text, got ${describeValue(name)}`);
    else if (name.length > MAX_SNAPSHOT_NAME) issues.error(keyPath(place, 'name'), `${name.length} characters is more than the ${MAX_SNAPSHOT_NAME} allowed`);
    const rawNodes = own(item, 'nodes');
    const settings: Record<string, NodeSetting> = {};
    if (!isRecord(rawNodes)) {
      issues.error(keyPath(place, 'nodes'), `expected an object of node settings by node id, got ${describeValue(rawNodes)}`);
    } else {
      for (const id of Object.keys(rawNodes)) {
        const at = keyPath(keyPath(place, 'nodes'), id);
        const entry = nodes.get(id);
        if (entry === undefined) {
          issues.warn(at, `${quote(id)} is not a node of this graph; its setting was dropped`);
          continue;
        }
        const setting = own(rawNodes, id);
        if (!isRecord(setting)) {
          issues.error(at, `expected { "params": {…}, "bypass": … }, got ${describeValue(setting)}`, { nodeId: id });
          continue;
        }
        checkKeys(setting, ['params', 'bypass'], at, issues, { policy: 'error', what: 'a node setting', owner: { nodeId: id } });
        const params = validateParams(own(setting, 'params'), entry.spec, keyPath(at, 'params'), issues, { nodeId: id });
        const bypass = own(setting, 'bypass');
        if (bypass !== undefined && typeof bypass !== 'boolean') issues.error(keyPath(at, 'bypass'), `expected true or false, got ${describeValue(bypass)}`, { nodeId: id });
        settings[id] = { params, bypass: bypass === true };
      }
    }
    if (issues.errorCount === before) out.push({ slot: slot as SnapshotSlot, name: name as string, nodes: settings });
  });
  return out.sort((a, b) => a.slot.localeCompare(b.slot));
}
