/** The inspector for one audio node: label, bypass, help, its visual, and every param. */
import { useMemo } from 'react';
import { resolveParams } from '../../graph/catalog';
import { canBypassNode, removeElements, setBypass, setLabel } from '../../graph/commands';
import type { GraphNode } from '../../graph/types';
import { catalog } from '../../nodes/registry';
import { definitionOfNode, shownParams } from '../modules/nodeDefinitionOf';
import { ModuleInstanceSection, PromoteSection, ScopeParamNote } from '../modules/ModuleInspector';
import { CategoryIcon, Icon } from '../common/icons';
import { dispatch } from '../store/editorActions';
import { currentGraph, useGraph } from '../store/editorState';
import type { NodeIssue } from '../store/validation';
import { CommitTextField } from './CommitTextField';
import { ConnectionsSection } from './ConnectionsSection';
import { ListenSection } from './ListenSection';
import { ParamControl } from './ParamControl';
import { PlotDisclosure } from './PlotDisclosure';
import { PitchTracePlot } from './PitchTracePlot';
import { ResponsePlot } from './ResponsePlot';
import { TransferPlot } from './TransferPlot';

/** The inspector for one audio node. */
export function NodeInspector({ node, issues }: { node: GraphNode; issues: readonly NodeIssue[] }) {
  const graph = useGraph();
  const definition = definitionOfNode(graph, node);
  const params = useMemo(() => (definition === undefined ? {} : resolveParams(definition, node.params)), [definition, node.params]);
  if (definition === undefined) return <p className="muted">Unknown node type “{node.type}”.</p>;
  const visual = definition.visual;
  const name = node.label ?? definition.label;

  return (
    <div className="inspector__content">
      <header className="inspector__header">
        <span className={`inspector__icon cat--${definition.category.toLowerCase()}`}>
          <CategoryIcon category={definition.category} size={18} />
        </span>
        <div className="inspector__titles">
          <h2 id="inspector-heading" tabIndex={-1} className="inspector__title">
            {name}
          </h2>
          <span className="inspector__subtitle">
            {definition.label} node · <code>{node.id}</code>
          </span>
        </div>
      </header>
      <p className="inspector__help">{definition.help}</p>
      {issues.length > 0 && (
        <ul className="inspector__issues" aria-label="Problems with this node">
          {issues.map((issue, i) => (
            <li key={i} className={`issue issue--${issue.severity}`}>
              <Icon name="alert" size={13} /> {issue.message}
            </li>
          ))}
        </ul>
      )}
      <ModuleInstanceSection node={node} />
      <div className="form-row">
        <label htmlFor="node-label">Label</label>
        <CommitTextField
          id="node-label"
          value={node.label ?? ''}
          placeholder={definition.label}
          onCommit={(text) => {
            const result = setLabel(currentGraph(), node.id, text);
            dispatch(result);
            return result.ok ? undefined : result.reason;
          }}
        />
      </div>
      <div className="inspector__actions">
        {canBypassNode(graph, catalog, node) && (
          <button
            type="button"
            className={`btn btn--small${node.bypass === true ? ' btn--active' : ''}`}
            aria-pressed={node.bypass === true}
            onClick={() => dispatch(setBypass(currentGraph(), catalog, node.id, node.bypass !== true))}
          >
            <Icon name="power" size={13} /> {node.bypass === true ? 'Bypassed' : 'Bypass'}
          </button>
        )}
        <button type="button" className="btn btn--small" onClick={() => dispatch(removeElements(currentGraph(), { nodes: [node.id] }))}>
          <Icon name="trash" size={13} /> Delete node
        </button>
      </div>
      {visual !== undefined && (
        <div className={`cat--${definition.category.toLowerCase()}`}>
          <PlotDisclosure title={visual.kind === 'frequencyResponse' ? 'Response plot' : visual.kind === 'pitchTrace' ? 'Pitch trace' : 'Transfer curve'}>
            {visual.kind === 'frequencyResponse' && <ResponsePlot nodeId={node.id} definition={definition} visual={visual} params={params} />}
            {visual.kind === 'transferCurve' && <TransferPlot nodeId={node.id} visual={visual} params={params} />}
            {visual.kind === 'pitchTrace' && <PitchTracePlot nodeId={node.id} visual={visual} params={params} />}
          </PlotDisclosure>
        </div>
      )}
      {/* Params come right after the plot: they are what a short window must still reach. */}
      <ScopeParamNote node={node} />
      <section className="inspector__params" aria-label="Parameters">
        {shownParams(definition).map((spec) => (
          <ParamControl key={spec.key} nodeId={node.id} spec={spec} value={params[spec.key]} />
        ))}
        {definition.params.length === 0 && <p className="muted">This node has no parameters.</p>}
      </section>
      <PromoteSection node={node} definition={definition} />
      <ListenSection node={node} name={name} />
      <ConnectionsSection node={node} />
    </div>
  );
}
