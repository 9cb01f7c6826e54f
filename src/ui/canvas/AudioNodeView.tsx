/**
 * One audio node on the canvas, drawn from its definition alone (never by its type): name,
 * category icon, labelled ports, the most important params, the definition's visual, a
 * bypass toggle and a badge when validation flags the node. Optional inputs (a compressor's
 * sidechain) sit apart under a dashed divider with hollow handles.
 */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { resolveParams, type PortSpec } from '../../graph/catalog';
import { canBypass, setBypass } from '../../graph/commands';
import { catalog } from '../../nodes/registry';
import { formatParamValue } from '../common/formatParam';
import { CategoryIcon, Icon } from '../common/icons';
import { dispatch } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import type { AudioFlowNode } from './flowTypes';
import { handleId } from './flowTypes';
import { MiniVisual } from './MiniVisual';

/** How many params a node shows inline when its definition names none. */
const FALLBACK_SUMMARY = 2;

function PortRow({ input, output, nodeName }: { input?: PortSpec; output?: PortSpec; nodeName: string }) {
  return (
    <div className="mg-node__port-row">
      {input !== undefined ? (
        <div className="mg-port mg-port--in">
          <Handle
            type="target"
            position={Position.Left}
            id={handleId('input', input.id)}
            className="mg-handle mg-handle--in"
            aria-label={`${nodeName} input ${input.label}`}
            title={`${input.label} (input)`}
          />
          <span>{input.label}</span>
        </div>
      ) : (
        <span />
      )}
      {output !== undefined && (
        <div className="mg-port mg-port--out">
          <span>{output.label}</span>
          <Handle
            type="source"
            position={Position.Right}
            id={handleId('output', output.id)}
            className="mg-handle mg-handle--out"
            aria-label={`${nodeName} output ${output.label}`}
            title={`${output.label} (output)`}
          />
        </div>
      )}
    </div>
  );
}

export const AudioNodeView = memo(function AudioNodeView({ id, data, selected }: NodeProps<AudioFlowNode>) {
  const { node, definition, issues } = data;
  const params = useMemo(() => resolveParams(definition, node.params), [definition, node.params]);
  const name = node.label ?? definition.label;
  const mainInputs = definition.inputs.filter((p) => p.optional !== true);
  const optionalInputs = definition.inputs.filter((p) => p.optional === true);
  const rows = Math.max(mainInputs.length, definition.outputs.length);
  const summaryKeys = definition.summaryParams ?? definition.params.slice(0, FALLBACK_SUMMARY).map((p) => p.key);
  const summary = summaryKeys.flatMap((key) => {
    const spec = definition.params.find((p) => p.key === key);
    return spec === undefined ? [] : [{ spec, text: formatParamValue(spec, params[key]) }];
  });
  const errors = issues.filter((i) => i.severity === 'error');
  const bypassable = canBypass(catalog, node.type);
  const bypassed = node.bypass === true;
  const category = definition.category.toLowerCase();

  return (
    <div
      className={`mg-node mg-node--${category}${selected ? ' is-selected' : ''}${bypassed ? ' is-bypassed' : ''}${errors.length > 0 ? ' has-error' : ''}`}
      data-node-type={node.type}
    >
      <header className="mg-node__header" title={definition.help}>
        <span className="mg-node__icon">
          <CategoryIcon category={definition.category} size={15} />
        </span>
        <span className="mg-node__titles">
          <span className="mg-node__name">{name}</span>
          <span className="mg-node__type">{node.label !== undefined ? definition.label : definition.category}</span>
        </span>
        {issues.length > 0 && (
          <span
            className={`mg-node__badge${errors.length > 0 ? '' : ' mg-node__badge--warning'}`}
            role="img"
            aria-label={`${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues.map((i) => i.message).join(' ')}`}
            title={issues.map((i) => i.message).join('\n')}
          >
            <Icon name="alert" size={13} />
          </span>
        )}
        {bypassable && (
          <button
            type="button"
            className={`mg-node__bypass nodrag${bypassed ? ' is-on' : ''}`}
            aria-pressed={bypassed}
            aria-label={`Bypass ${name}`}
            title={bypassed ? 'Bypassed: the input passes through unchanged. Click to enable.' : 'Bypass: pass the input through unchanged'}
            onClick={(event) => {
              event.stopPropagation();
              dispatch(setBypass(currentGraph(), catalog, id, !bypassed));
            }}
          >
            <Icon name="power" size={13} />
          </button>
        )}
      </header>
      <div className="mg-node__body">
        {Array.from({ length: rows }, (_, i) => (
          <PortRow key={i} input={mainInputs[i]} output={definition.outputs[i]} nodeName={name} />
        ))}
        {definition.visual !== undefined && <MiniVisual visual={definition.visual} params={params} />}
        {summary.length > 0 && (
          <dl className="mg-node__summary">
            {summary.map(({ spec, text }) => (
              <div key={spec.key} className="mg-node__param">
                <dt>{spec.label}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        )}
        {bypassed && <div className="mg-node__chip">Bypassed</div>}
      </div>
      {optionalInputs.length > 0 && (
        <div className="mg-node__optional">
          {optionalInputs.map((port) => (
            <div key={port.id} className="mg-port mg-port--in mg-port--optional">
              <Handle
                type="target"
                position={Position.Left}
                id={handleId('input', port.id)}
                className="mg-handle mg-handle--in mg-handle--optional"
                aria-label={`${name} input ${port.label} (optional)`}
                title={`${port.label} (optional input)`}
              />
              <span>{port.label}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
