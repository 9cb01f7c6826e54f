/**
 * One audio node on the canvas, drawn from its definition alone (never by its type): name,
 * category icon, labelled ports, the most important params, the definition's visual, a
 * bypass toggle and a badge when validation flags the node. Optional inputs (a compressor's
 * sidechain) sit apart under a dashed divider with hollow handles.
 */
import { Handle, type NodeProps, Position, type ReactFlowState, useStore } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { resolveParams, type PortSpec } from '../../graph/catalog';
import { setBypass } from '../../graph/commands';
import { catalog } from '../../nodes/registry';
import { formatParamValue } from '../common/formatParam';
import { LARGE_GRAPH_ITEMS } from '../config';
import { CategoryIcon, Icon } from '../common/icons';
import { countRender } from '../live/renderCount';
import { useLive } from '../live/liveStore';
import { toggleProbe } from '../live/probe';
import { MuteSoloButtons } from './MuteSoloButtons';
import { NodeMeter } from '../meters/NodeMeter';
import { PitchReadout } from '../meters/PitchReadout';
import { dispatch } from '../store/editorActions';
import { currentGraph, useEditor } from '../store/editorState';
import { liveIdOf } from '../modules/moduleScope';
import type { AudioFlowNode } from './flowTypes';
import { handleId } from './flowTypes';
import { MiniVisual } from './MiniVisual';

/**
 * On a large graph seen from far (below this zoom a node's text is under ~5 px and its meter a
 * hairline) nodes draw only their header and ports: thousands of meter canvases, plots and param
 * lists were most of the page's layout and paint work (docs/performance-ui.md). Small graphs keep
 * every detail at any zoom.
 */
export const DETAIL_ZOOM = 0.45;
const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM && s.nodeLookup.size > LARGE_GRAPH_ITEMS;

/** How many params a node shows inline when its definition names none (keeps nodes compact). */
const FALLBACK_SUMMARY = 1;

function PortHandle({ port, side, nodeName, optional }: { port: PortSpec; side: 'input' | 'output'; nodeName: string; optional?: boolean }) {
  const input = side === 'input';
  return (
    <Handle
      type={input ? 'target' : 'source'}
      position={input ? Position.Left : Position.Right}
      id={handleId(side, port.id)}
      className={`mg-handle mg-handle--${input ? 'in' : 'out'}${optional === true ? ' mg-handle--optional' : ''}`}
      aria-label={`${nodeName} ${side} ${port.label}${optional === true ? ' (optional)' : ''}`}
      title={`${port.label} (${optional === true ? 'optional ' : ''}${side})`}
    >
      {/* The port's name beside the handle, shown while the node is hovered or selected. */}
      <span className="mg-handle__tag" aria-hidden="true">
        {port.label}
      </span>
    </Handle>
  );
}

/** A labelled port row, used when a side has several ports (single ports sit on the header). */
function PortRow({ input, output, nodeName }: { input?: PortSpec; output?: PortSpec; nodeName: string }) {
  return (
    <div className="mg-node__port-row">
      {input !== undefined ? (
        <div className="mg-port mg-port--in">
          <PortHandle port={input} side="input" nodeName={nodeName} />
          <span>{input.label}</span>
        </div>
      ) : (
        <span />
      )}
      {output !== undefined && (
        <div className="mg-port mg-port--out">
          <span>{output.label}</span>
          <PortHandle port={output} side="output" nodeName={nodeName} />
        </div>
      )}
    </div>
  );
}

/** The React Flow node component for audio nodes. */
export const AudioNodeView = memo(function AudioNodeView({ id, data, selected }: NodeProps<AudioFlowNode>) {
  countRender('AudioNodeView');
  const { node, definition, issues } = data;
  // Booleans, so only the node whose probe/A-B state changes re-renders.
  // Inside an open module the live engine knows this node as `instance/id` (docs/modules.md).
  const liveId = useEditor((s) => liveIdOf(s, id, node.type));
  const probed = useLive((s) => s.monitored === liveId);
  const compared = useLive((s) => s.ab?.nodeId === liveId);
  // A boolean, so a node re-renders only when it crosses DETAIL_ZOOM (or the graph grows large).
  const far = useStore(zoomedOut);
  const params = useMemo(() => resolveParams(definition, node.params), [definition, node.params]);
  const name = node.label ?? definition.label;
  const mainInputs = definition.inputs.filter((p) => p.optional !== true);
  const optionalInputs = definition.inputs.filter((p) => p.optional === true);
  const outputs = definition.outputs;
  // One main input and one output (most nodes): the handles sit on the header, Node-RED style.
  const portsOnHeader = mainInputs.length <= 1 && outputs.length <= 1;
  const rows = portsOnHeader ? 0 : Math.max(mainInputs.length, outputs.length);
  const summaryKeys = definition.summaryParams ?? definition.params.slice(0, FALLBACK_SUMMARY).map((p) => p.key);
  const summary = summaryKeys.flatMap((key) => {
    const spec = definition.params.find((p) => p.key === key);
    return spec === undefined ? [] : [{ spec, text: formatParamValue(spec, params[key]) }];
  });
  const errors = issues.filter((i) => i.severity === 'error');
  // A module instance has its definition's ports: it bypasses as a whole (docs/modules.md).
  const bypassable = definition.inputs.length > 0 && definition.outputs.length > 0;
  const bypassed = node.bypass === true;
  const category = definition.category.toLowerCase();
  const typeNote = node.label !== undefined && node.label !== definition.label ? ` (${definition.label})` : '';

  return (
    <div
      className={`mg-node mg-node--${category}${selected ? ' is-selected' : ''}${bypassed ? ' is-bypassed' : ''}${errors.length > 0 ? ' has-error' : ''}${probed || compared ? ' is-probed' : ''}`}
      data-node-type={node.type}
    >
      <header className="mg-node__header" title={`${definition.label}: ${definition.help}`}>
        {portsOnHeader && mainInputs[0] !== undefined && <PortHandle port={mainInputs[0]} side="input" nodeName={name} />}
        <span className="mg-node__icon">
          <CategoryIcon category={definition.category} size={14} />
        </span>
        <span className="mg-node__name">{name}</span>
        <span className="visually-hidden">{typeNote}</span>
        {issues.length > 0 && (
          <span
            className={`mg-node__badge${errors.length > 0 ? '' : ' mg-node__badge--warning'}`}
            role="img"
            aria-label={`${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues.map((i) => i.message).join(' ')}`}
            title={issues.map((i) => i.message).join('\n')}
          >
            <Icon name="alert" size={12} />
          </span>
        )}
        <MuteSoloButtons id={id} name={name} />
        {outputs.length > 0 && (
          <button
            type="button"
            className={`mg-node__icon-button mg-node__probe nodrag${probed ? ' is-on' : ''}`}
            aria-pressed={probed}
            aria-label={`Probe ${name}`}
            title={probed ? 'Probing: you hear this output alone. Click to return to the master.' : 'Probe: hear this output alone (Alt+click the node or a wire does the same)'}
            onClick={(event) => {
              event.stopPropagation();
              void toggleProbe(liveId);
            }}
          >
            <Icon name="headphones" size={12} />
          </button>
        )}
        {bypassable && (
          <button
            type="button"
            className={`mg-node__icon-button mg-node__bypass nodrag${bypassed ? ' is-on' : ''}`}
            aria-pressed={bypassed}
            aria-label={`Bypass ${name}`}
            title={bypassed ? 'Bypassed: the input passes through unchanged. Click to enable.' : 'Bypass: pass the input through unchanged'}
            onClick={(event) => {
              event.stopPropagation();
              dispatch(setBypass(currentGraph(), catalog, id, !bypassed));
            }}
          >
            <Icon name="power" size={12} />
          </button>
        )}
        {portsOnHeader && outputs[0] !== undefined && <PortHandle port={outputs[0]} side="output" nodeName={name} />}
      </header>
      <div className="mg-node__body">
        {Array.from({ length: rows }, (_, i) => (
          <PortRow key={i} input={mainInputs[i]} output={outputs[i]} nodeName={name} />
        ))}
        {!far && definition.visual !== undefined && <MiniVisual visual={definition.visual} params={params} />}
        {!far && definition.visual?.kind === 'pitchTrace' && <PitchReadout nodeId={id} />}
        {!far && summary.length > 0 && (
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
        {(probed || compared) && <div className="mg-node__chip mg-node__chip--probe">{compared ? 'A/B' : 'Probing'}</div>}
        {!far && <NodeMeter nodeId={liveId} gainReduction={definition.visual?.kind === 'transferCurve'} label={name} />}
      </div>
      {optionalInputs.length > 0 && (
        <div className="mg-node__optional">
          {optionalInputs.map((port) => (
            <div key={port.id} className="mg-port mg-port--in mg-port--optional">
              <PortHandle port={port} side="input" nodeName={name} optional />
              <span>{port.label}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
