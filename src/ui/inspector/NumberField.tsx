/**
 * A number field with its unit. Typed values are checked against the param's range with the
 * same `checkParamValue` the importer uses; a refused value stays in the field, marked invalid,
 * with the reason under it.
 */
import { useEffect, useId, useState } from 'react';
import type { NumberParamSpec } from '../../graph/catalog';
import { checkParamValue } from '../../graph/validateParams';
import { formatEditable, parseTypedNumber } from '../common/formatParam';

/** Props of `NumberField`. */
export interface NumberFieldProps {
  spec: NumberParamSpec;
  value: number;
  /** Applies an in-range value; returns a problem when the edit was refused anyway. */
  onCommit: (value: number) => string | undefined;
  label: string;
}

/** A typed number field with unit and range check; see the file comment. */
export function NumberField({ spec, value, onCommit, label }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const problemId = useId();
  useEffect(() => {
    setDraft(null);
    setProblem(undefined);
  }, [value]);

  const commit = () => {
    if (draft === null) return;
    const typed = parseTypedNumber(draft, spec);
    if (!typed.ok) {
      setProblem(typed.problem);
      return;
    }
    const checked = checkParamValue(typed.value, spec);
    if (!checked.ok) {
      setProblem(`Out of range: ${checked.problem}.`);
      return;
    }
    if (checked.value === value) {
      setDraft(null);
      setProblem(undefined);
      return;
    }
    const refused = onCommit(checked.value as number);
    setProblem(refused);
    if (refused === undefined) setDraft(null);
  };

  return (
    <>
      <div className={`number-field number-field__box${problem !== undefined ? ' is-invalid' : ''}`}>
        <input
          className="number-field__input"
          type="text"
          inputMode="decimal"
          aria-label={label}
          aria-invalid={problem !== undefined}
          aria-describedby={problem !== undefined ? problemId : undefined}
          value={draft ?? formatEditable(spec, value)}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(undefined);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setDraft(null);
              setProblem(undefined);
            }
          }}
        />
        {spec.unit !== '' && <span className="number-field__unit">{spec.unit}</span>}
      </div>
      {problem !== undefined && (
        <p id={problemId} className="field-error param__error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
