/**
 * One param in the inspector, with the control its kind and scale call for: a slider (log for
 * Hz, linear for dB and the rest) plus a typed field with unit for numbers, a switch for on/off,
 * a menu for choices, a text field for clip names. Each has a reset to its default and the
 * param's help sentence.
 */
import { type ReactNode, memo, useId } from 'react';
import type { BoolParamSpec, EnumParamSpec, NumberParamSpec, ParamSpec, StringParamSpec } from '../../graph/catalog';
import { resetParam, setParam } from '../../graph/commands';
import type { ParamValue } from '../../graph/types';
import { checkParamValue } from '../../graph/validateParams';
import { catalog } from '../../nodes/registry';
import { formatNumberParam, formatParamValue } from '../common/formatParam';
import { Icon } from '../common/icons';
import { countRender } from '../live/renderCount';
import { commitGesture, dispatch } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import { CommitTextField } from './CommitTextField';
import { NumberField } from './NumberField';
import { StringChoices } from './StringChoices';
import { SLIDER_STEPS, sliderToValue, valueToSlider } from './sliderScale';
import { isParamRevealed } from '../teaching/lessonRunner';
import { useTeach } from '../teaching/teachStore';

interface ParamProps<S extends ParamSpec> {
  nodeId: string;
  spec: S;
  value: ParamValue;
}

/** Applies a value as one undo step; returns the refusal reason, if any. */
function apply(nodeId: string, key: string, value: ParamValue): string | undefined {
  const result = setParam(currentGraph(), catalog, nodeId, key, value);
  dispatch(result);
  return result.ok ? undefined : result.reason;
}

function ResetButton({ nodeId, spec, value }: ParamProps<ParamSpec>) {
  const atDefault = value === spec.default;
  return (
    <button
      type="button"
      className="icon-btn param__reset"
      disabled={atDefault}
      aria-label={`Reset ${spec.label} to default (${formatParamValue(spec, spec.default)})`}
      title={atDefault ? 'At its default' : `Reset to ${formatParamValue(spec, spec.default)}`}
      onClick={() => dispatch(resetParam(currentGraph(), catalog, nodeId, spec.key))}
    >
      <Icon name="reset" size={13} />
    </button>
  );
}

interface ParamFrameProps extends ParamProps<ParamSpec> {
  /** The control's id; the help sentence is `${id}-help`, which the control names in aria-describedby. */
  id: string;
  /** The control sits in the head, on one line with the label. */
  inline?: boolean;
  /** The label is a span of id `id` (for a control labelled by aria-labelledby), not a `<label>` for `id`. */
  spanLabel?: boolean;
  /** What stands in the head between the label and the reset button: a readout, or the control when inline. */
  head?: ReactNode;
  /** What stands under the head. */
  children?: ReactNode;
}

/** What every param's control shares: the head (label, `head`, reset to default), `children`, the help sentence. */
function ParamFrame({ id, nodeId, spec, value, inline = false, spanLabel = false, head, children }: ParamFrameProps) {
  return (
    <div className={inline ? 'param param--inline' : 'param'}>
      <div className="param__head">
        {spanLabel ? (
          <span id={id} className="param__label">
            {spec.label}
          </span>
        ) : (
          <label htmlFor={id} className="param__label">
            {spec.label}
          </label>
        )}
        {head}
        <ResetButton nodeId={nodeId} spec={spec} value={value} />
      </div>
      {children}
      <p id={`${id}-help`} className="param__help">
        {spec.help}
      </p>
    </div>
  );
}

function NumberParam({ nodeId, spec, value }: ParamProps<NumberParamSpec>) {
  const id = useId();
  const numeric = typeof value === 'number' ? value : spec.default;
  return (
    <ParamFrame id={id} nodeId={nodeId} spec={spec} value={value} head={<span className="param__value">{formatNumberParam(spec, numeric)}</span>}>
      <div className="param__controls">
        <input
          id={id}
          type="range"
          className={`slider slider--${spec.scale}`}
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={valueToSlider(spec, numeric)}
          aria-valuetext={formatNumberParam(spec, numeric)}
          aria-describedby={`${id}-help`}
          onChange={(e) => dispatch(setParam(currentGraph(), catalog, nodeId, spec.key, sliderToValue(spec, Number(e.target.value)), { merge: true }))}
          onPointerUp={commitGesture}
          onKeyUp={commitGesture}
          onBlur={commitGesture}
        />
        <NumberField spec={spec} value={numeric} label={`${spec.label} value`} onCommit={(v) => apply(nodeId, spec.key, v)} />
      </div>
    </ParamFrame>
  );
}

function BoolParam({ nodeId, spec, value }: ParamProps<BoolParamSpec>) {
  const id = useId();
  const on = value === true;
  return (
    <ParamFrame
      id={id}
      nodeId={nodeId}
      spec={spec}
      value={value}
      inline
      spanLabel
      head={
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={id}
          aria-describedby={`${id}-help`}
          className={`switch${on ? ' is-on' : ''}`}
          onClick={() => apply(nodeId, spec.key, !on)}
        >
          <span className="switch__thumb" />
        </button>
      }
    />
  );
}

function EnumParam({ nodeId, spec, value }: ParamProps<EnumParamSpec>) {
  const id = useId();
  const index = spec.options.findIndex((o) => o === value);
  return (
    <ParamFrame
      id={id}
      nodeId={nodeId}
      spec={spec}
      value={value}
      inline
      head={
        <select
          id={id}
          className="select"
          value={String(index)}
          aria-describedby={`${id}-help`}
          onChange={(e) => apply(nodeId, spec.key, spec.options[Number(e.target.value)])}
        >
          {spec.options.map((option, i) => (
            <option key={String(option)} value={String(i)}>
              {spec.unit !== undefined ? `${String(option)} ${spec.unit}` : String(option)}
            </option>
          ))}
        </select>
      }
    />
  );
}

function StringParam({ nodeId, spec, value }: ParamProps<StringParamSpec>) {
  const id = useId();
  return (
    <ParamFrame id={id} nodeId={nodeId} spec={spec} value={value}>
      {(spec.suggestions !== undefined || spec.userFilePrefix !== undefined) && (
        <StringChoices id={`${id}-pick`} spec={spec} value={String(value)} onPick={(picked) => apply(nodeId, spec.key, picked)} />
      )}
      <CommitTextField
        id={id}
        value={String(value)}
        aria-describedby={`${id}-help`}
        onCommit={(text) => {
          const checked = checkParamValue(text, spec);
          if (!checked.ok) return `${checked.problem}.`;
          return apply(nodeId, spec.key, checked.value);
        }}
      />
    </ParamFrame>
  );
}

/**
 * The control for one param, chosen by the spec's kind. Memoised: the inspector renders again on
 * every change to its node, a new position included (each pointer move of a drag), and params
 * whose value did not change need not.
 */
export const ParamControl = memo(function ParamControl({ nodeId, spec, value }: ParamProps<ParamSpec>) {
  countRender('ParamControl');
  // A lesson step may lock every param but the ones it is about (src/ui/teaching/lessonRunner.ts).
  const lessonStep = useTeach((s) => (s.lesson === null ? -1 : s.lesson.step));
  const locked = lessonStep >= 0 && !isParamRevealed(nodeId, spec.key);
  const control = (() => {
    switch (spec.kind) {
      case 'number':
        return <NumberParam nodeId={nodeId} spec={spec} value={value} />;
      case 'bool':
        return <BoolParam nodeId={nodeId} spec={spec} value={value} />;
      case 'enum':
        return <EnumParam nodeId={nodeId} spec={spec} value={value} />;
      case 'string':
        return <StringParam nodeId={nodeId} spec={spec} value={value} />;
    }
  })();
  if (!locked) return control;
  return (
    <fieldset className="param-lock" disabled title="Locked in this lesson step">
      {control}
    </fieldset>
  );
});
