/**
 * A node's wires, listed in the inspector: each can be removed, and a new wire from this node's
 * output can be made by picking a destination. This is the keyboard path for wiring (the canvas
 * needs a pointer to drag wires) and a readable summary of what feeds what.
 */
import { useMemo, useState } from 'react';
import { connect, connectionProblem, disconnect, nodeName } from '../../graph/commands';
import type { GraphNode, PortRef } from '../../graph/types';
import { catalog, getNodeDefinition } from '../../nodes/registry';
import { Icon } from '../common/icons';
import { dispatch } from '../store/editorActions';
import { currentGraph, useGraph } from '../store/editorState';

function portLabel(nodeType: string, port: string, side: 'input' | 'output'): string {
  const definition = getNodeDefinition(nodeType);
  const ports = side === 'input' ? definition?.inputs : definition?.outputs;
  return ports?.find((p) => p.id === port)?.label ?? port;
}

/** The "Wires" section of a node's inspector. */
export function ConnectionsSection({ node }: { node: GraphNode }) {
  const graph = useGraph();
  const [target, setTarget] = useState('');
  // The destinations are listed only once the picker is used: checking every input of every node
  // (each check walks the graph for loops) is O(nodes²) and made every selection slow.
  const [pickingFor, setPickingFor] = useState<string | null>(null);
  const picking = pickingFor === node.id;
  const definition = getNodeDefinition(node.type);
  const incoming = graph.edges.filter((e) => e.to.node === node.id);
  const outgoing = graph.edges.filter((e) => e.from.node === node.id);
  const output = definition?.outputs[0];

  // Every input port this node's first output may be wired into right now.
  const targets = useMemo(() => {
    if (output === undefined || !picking) return [];
    const from: PortRef = { node: node.id, port: output.id };
    return graph.nodes.flatMap((other) =>
      (getNodeDefinition(other.type)?.inputs ?? []).flatMap((port) => {
        const to: PortRef = { node: other.id, port: port.id };
        if (connectionProblem(graph, catalog, from, to) !== undefined) return [];
        const multi = (getNodeDefinition(other.type)?.inputs.length ?? 0) > 1;
        return [{ key: `${other.id}\u0000${port.id}`, label: `${nodeName(graph, other.id)}${multi ? ` · ${port.label}` : ''}`, to }];
      }),
    );
  }, [graph, node.id, output, picking]);

  if (definition === undefined) return null;
  const row = (edgeId: string, text: string) => (
    <li key={edgeId} className="wire-list__item">
      <span>{text}</span>
      <button type="button" className="icon-btn" aria-label={`Remove wire ${text}`} title="Remove this wire" onClick={() => dispatch(disconnect(currentGraph(), [edgeId]))}>
        <Icon name="trash" size={13} />
      </button>
    </li>
  );

  return (
    <section className="connections" aria-label="Wires">
      <h3 className="inspector__section-title">Wires</h3>
      {incoming.length + outgoing.length === 0 && <p className="muted small">Not wired yet.</p>}
      <ul className="wire-list">
        {incoming.map((e) => {
          const from = graph.nodes.find((n) => n.id === e.from.node);
          const into = definition.inputs.length > 1 ? ` → ${portLabel(node.type, e.to.port, 'input')}` : '';
          return row(e.id, `from ${nodeName(graph, e.from.node)}${from !== undefined && (getNodeDefinition(from.type)?.outputs.length ?? 0) > 1 ? ` (${portLabel(from.type, e.from.port, 'output')})` : ''}${into}`);
        })}
        {outgoing.map((e) => {
          const to = graph.nodes.find((n) => n.id === e.to.node);
          const port = to !== undefined && (getNodeDefinition(to.type)?.inputs.length ?? 0) > 1 ? ` · ${portLabel(to.type, e.to.port, 'input')}` : '';
          return row(e.id, `to ${nodeName(graph, e.to.node)}${port}`);
        })}
      </ul>
      {output !== undefined && (!picking || targets.length > 0) && (
        <form
          className="connections__add"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = targets.find((t) => t.key === target);
            if (chosen === undefined) return;
            dispatch(connect(currentGraph(), catalog, { node: node.id, port: output.id }, chosen.to));
            setTarget('');
          }}
        >
          <select
            className="select"
            aria-label="Wire this node's output to"
            value={target}
            onFocus={() => setPickingFor(node.id)}
            onPointerDown={() => setPickingFor(node.id)}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">Wire output to…</option>
            {targets.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn--small" disabled={target === ''}>
            Connect
          </button>
        </form>
      )}
    </section>
  );
}
