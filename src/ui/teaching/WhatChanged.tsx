/**
 * "What changed" between two versions of the mix — two snapshots, a snapshot and the mix as it
 * is, the mix and its last saved version, or two built-in presets — as a list in words, with the changed nodes
 * highlighted on the canvas. A line selects its node.
 */
import { useEffect, useMemo } from 'react';
import { changedNodeIds, diffGraphs } from '../../graph/diff';
import { applySnapshot } from '../../graph/snapshot';
import { SNAPSHOT_SLOTS, type Graph } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { parseDocument } from '../../runtime/document';
import { builtInPresets, findBuiltInPreset } from '../../runtime/presets';
import { setSelection } from '../store/editorActions';
import { EMPTY_SELECTION, useRootGraph } from '../store/editorState';
import { lastSavedGraph } from './lastSaved';
import { type CompareSide, setTeach, teachStore, useTeach } from './teachStore';

const SIDE_LABEL: Record<'current' | 'saved', string> = { current: 'the mix now', saved: 'last saved' };

/** The graph one side stands for, or why it has none. */
function sideGraph(graph: Graph, side: CompareSide): Graph | string {
  if (side === 'current') return graph;
  if (side === 'saved') return lastSavedGraph() ?? 'This document has not been saved in this session.';
  if (side.startsWith('preset:')) {
    const preset = findBuiltInPreset(side.slice('preset:'.length));
    const parsed = preset === undefined ? undefined : parseDocument(preset.document);
    return parsed?.ok === true ? parsed.graph : 'That preset could not be read.';
  }
  const snapshot = graph.snapshots?.find((s) => s.slot === side);
  return snapshot === undefined ? `Snapshot ${side} is empty.` : applySnapshot(graph, snapshot).graph;
}

function SidePicker({ label, value, onChange }: { label: string; value: CompareSide; onChange: (side: CompareSide) => void }) {
  const graph = useRootGraph();
  return (
    <select className="teach__select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as CompareSide)}>
      {SNAPSHOT_SLOTS.map((slot) => {
        const snapshot = graph.snapshots?.find((s) => s.slot === slot);
        return (
          <option key={slot} value={slot} disabled={snapshot === undefined}>
            {slot}
            {snapshot !== undefined ? ` · ${snapshot.name}` : ' (empty)'}
          </option>
        );
      })}
      <option value="current">{SIDE_LABEL.current}</option>
      <option value="saved">{SIDE_LABEL.saved}</option>
      <optgroup label="Built-in presets">
        {builtInPresets.map((p) => (
          <option key={p.name} value={`preset:${p.name}`}>
            {p.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** The comparison and its list; see the file comment. */
export function WhatChanged() {
  const graph = useRootGraph();
  const compare = useTeach((s) => s.compare);
  const lessonOpen = useTeach((s) => s.lesson !== null);
  const result = useMemo(() => {
    const from = sideGraph(graph, compare.from);
    const to = sideGraph(graph, compare.to);
    if (typeof from === 'string') return from;
    if (typeof to === 'string') return to;
    return diffGraphs(from, to, catalog);
  }, [graph, compare]);

  // The changes are highlighted while this list is shown (a lesson's own highlight wins).
  useEffect(() => {
    if (lessonOpen) return;
    setTeach({ highlight: typeof result === 'string' ? [] : changedNodeIds(result) });
  }, [result, lessonOpen]);
  useEffect(
    () => () => {
      if (teachStore.get().lesson === null) setTeach({ highlight: [] });
    },
    [],
  );

  return (
    <div className="teach__changes">
      <div className="teach__row">
        <span>What changed from</span>
        <SidePicker label="Compare from" value={compare.from} onChange={(from) => setTeach({ compare: { ...compare, from } })} />
        <span>to</span>
        <SidePicker label="Compare to" value={compare.to} onChange={(to) => setTeach({ compare: { ...compare, to } })} />
      </div>
      {typeof result === 'string' ? (
        <p className="teach__muted">{result}</p>
      ) : result.length === 0 ? (
        <p className="teach__muted">Nothing: they sound and patch the same.</p>
      ) : (
        <ul className="teach__change-list" aria-label="What changed">
          {result.map((change, i) => {
            // A change inside a module selects the module's instances (its node ids are inner ids).
            const targets = (change.module !== undefined ? change.module.instances : 'nodeId' in change ? [change.nodeId] : []).filter((id) =>
              graph.nodes.some((n) => n.id === id),
            );
            return (
              <li key={i}>
                <button
                  type="button"
                  className="teach__change"
                  disabled={targets.length === 0}
                  onClick={() => setSelection({ ...EMPTY_SELECTION, nodes: targets })}
                >
                  {change.text}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
